// The bench's long incident (bench/incident.mjs), in memory: every event type
// in a realistic mix, walking the example api-latency runbook. For the tests
// that hold each reader to linear work in the number of events.
import { join } from 'node:path';
import { incidentEvents } from '../../bench/incident.mjs';
import type { OncallEvent } from '../../src/domain/incident/events.js';
import { ROOT } from './paths.js';

export const LONG_RUNBOOK = join(ROOT, 'examples', 'runbooks', 'api-latency.md');

/** About `count` events of one long night. */
export function longIncident(count: number): OncallEvent[] {
  return incidentEvents('long-night', count, LONG_RUNBOOK) as OncallEvent[];
}
