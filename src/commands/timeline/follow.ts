// `oncall timeline --follow`: the timeline keeps going, for a second screen
// during the incident. New events are printed as they land on this laptop:
// this responder's as they are recorded (from any terminal), the peers' as a
// sync fetches them; a shared incident is synced in the background every
// SYNC_EVERY_MS meanwhile. Ctrl-C ends it (exit 0).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../context.js';
import { commandText } from '../../domain/incident/command-line.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { byTime, type IncidentState } from '../../domain/incident/fold.js';
import { commandResult, describeEvent } from '../../domain/render/describe.js';
import { println } from '../../infra/console/output.js';
import { readShareState } from '../../infra/share/share-state.js';
import { homeOf, type IncidentReader } from '../../use-cases/journal/load.js';
import { startBackgroundSync } from '../../use-cases/share/background.js';
import { timelineLine } from './line.js';

const POLL_MS = 400;
const SYNC_EVERY_MS = 20_000;

/** The lines for events not printed yet: a command's end is told with its command. */
function newLines(
  events: readonly OncallEvent[],
  state: IncidentState,
  printed: Set<string>,
  tz: string | undefined,
) {
  const runs = new Map(state.commands.map((run) => [run.runId, run]));
  const lines: string[] = [];
  for (const e of byTime(events)) {
    if (printed.has(e.id)) continue;
    printed.add(e.id);
    let text = describeEvent(e, runs);
    if (e.type === 'command.finished') {
      const run = runs.get(e.runId);
      text = run ? `\`${commandText(run)}\` finished → ${commandResult(run)}` : undefined;
    }
    if (text !== undefined) lines.push(timelineLine(e, text, tz));
  }
  return lines;
}

/**
 * Prints new events until Ctrl-C (SIGINT) or SIGTERM. `reader` has read what
 * was shown; each look reads on from there (use-cases/journal/load.ts).
 */
export async function follow(ctx: Context, reader: IncidentReader): Promise<void> {
  const { ref } = reader;
  const printed = new Set(reader.events.map((e) => e.id));
  println(ctx, '(following: new events appear here; Ctrl-C to stop)');
  let lastSync = Number.NEGATIVE_INFINITY;
  const stop = new AbortController();
  const end = () => stop.abort();
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  try {
    while (!stop.signal.aborted) {
      const shared = readShareState(ref.dir);
      // A pace on the monotonic clock, not a time of the incident.
      if (shared && performance.now() - lastSync >= SYNC_EVERY_MS) {
        lastSync = performance.now();
        startBackgroundSync(ctx, homeOf(ctx), ref.id, shared);
      }
      // Each damaged line is warned about once, not on every look.
      const { added } = reader.look();
      for (const line of newLines(added, reader.state, printed, ctx.env.TZ)) println(ctx, line);
      await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGINT', end);
    process.off('SIGTERM', end);
  }
}
