// Types for bench/remote.mjs, which the tests of what a join fetches use too.
export function responderName(actor: string): string;
export function makeRemote(
  dir: string,
  options: { incidents: number; responders?: number; events?: number; commits?: number },
): string[];
export function sizeOf(dir: string): number;
