// Events for unit tests of the pure code (fold, metrics, view models): a whole
// event from its type, time and fields, each with a fresh id, by alice@host.
import type { OncallEvent } from '../../src/domain/incident/events.js';

let n = 0;

export function event(type: string, ts: string, fields: Record<string, unknown> = {}): OncallEvent {
  n += 1;
  return {
    v: 1,
    id: `e${n}`,
    incident: 'inc-1',
    ts,
    actor: 'alice@host',
    type,
    ...fields,
  } as OncallEvent;
}
