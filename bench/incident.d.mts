// Types for bench/incident.mjs, which the tests of the readers use too.
export function writeIncident(
  home: string,
  id: string,
  count: number,
  runbookSource: string,
): string;
export function incidentEvents(id: string, count: number, runbookFile: string): object[];
