// The incidents a share holds, read from a fetched clone: what `oncall join`
// offers, and what `oncall share` checks before publishing under an id (two
// responders may open "Checkout returns 500" in the same minute on two laptops).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventOf, OncallEvent } from '../../domain/incident/events.js';
import type { Clone } from '../../infra/share/clone.js';
import { parseLog } from '../../infra/store/log.js';

export interface RemoteIncident {
  id: string;
  /** Absent when no file of the incident holds a readable incident.opened. */
  opened?: EventOf<'incident.opened'>;
  /** The responders' file names, without .jsonl. */
  responders: string[];
}

function eventsDir(clone: Clone, id: string): string {
  return join(clone.dir, 'incidents', id, 'events');
}

/** One incident of the share, or undefined when it has none by that id. */
export function remoteIncident(clone: Clone, id: string): RemoteIncident | undefined {
  const dir = eventsDir(clone, id);
  if (!existsSync(dir)) return undefined;
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort();
  let opened: EventOf<'incident.opened'> | undefined;
  for (const name of names) {
    const file = join(dir, name);
    const { events } = parseLog(file, readFileSync(file, 'utf8'));
    opened ??= events.find(
      (e: OncallEvent): e is EventOf<'incident.opened'> => e.type === 'incident.opened',
    );
  }
  return { id, opened, responders: names.map((n) => n.replace(/\.jsonl$/, '')) };
}

/** Every incident of the share, newest id first (ids start with the date and time). */
export function remoteIncidents(clone: Clone): RemoteIncident[] {
  const dir = join(clone.dir, 'incidents');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .reverse()
    .flatMap((id) => remoteIncident(clone, id) ?? []);
}
