// `oncall timeline --follow`: the timeline keeps going, for a second screen
// during the incident. New events are printed as they land on this laptop:
// this responder's as they are recorded (from any terminal), the peers' as a
// sync fetches them. On a shared incident it syncs itself every SYNC_EVERY_MS
// (a fetch of one incident's refs that brings nothing costs two small requests),
// so a peer's event shows within a few seconds of its background sync
// (ONCALL_SYNC=off: not at all, as for background syncs). Every
// line is made safe: a peer's command can carry an escape sequence. Ctrl-C
// ends it (exit 0).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../context.js';
import { commandText } from '../../domain/incident/command-line.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { byTime } from '../../domain/incident/told.js';
import { commandResult, describeEvent } from '../../domain/render/describe.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { println } from '../../infra/console/output.js';
import { endRunningGit } from '../../infra/share/git.js';
import { readShareState } from '../../infra/share/share-state.js';
import { clocksOf, type IncidentReader } from '../../use-cases/journal/load.js';
import { followSync } from '../../use-cases/share/background-sync.js';
import { sharerFor } from '../../use-cases/share/sharer.js';
import { dayLine, dayOfLine, timelineLine } from './line.js';

const POLL_MS = 400;
const SYNC_EVERY_MS = 1_000;

/** The lines for events not printed yet: a command's end is told with its command. */
function newLines(
  events: readonly OncallEvent[],
  state: IncidentState,
  printed: Set<string>,
  at: { tz: string | undefined; clocks: Readonly<Record<string, number>> | undefined },
  seen: { day: string | undefined },
) {
  const runs = new Map(state.commands.map((run) => [run.runId, run]));
  const lines: string[] = [];
  for (const e of byTime(events)) {
    if (printed.has(e.id)) continue;
    printed.add(e.id);
    let text = describeEvent(e, runs);
    if (e.type === 'command.finished') {
      const run = runs.get(e.runId);
      text = run ? safeLine(`\`${commandText(run)}\` finished → ${commandResult(run)}`) : undefined;
    }
    if (text === undefined) continue;
    // Past midnight, the new day is said before its first line.
    const day = dayOfLine(e, at.tz, at.clocks);
    if (seen.day !== undefined && day !== seen.day) lines.push(dayLine(day));
    seen.day = day;
    lines.push(timelineLine(e, text, at.tz, at.clocks));
  }
  return lines;
}

/** Syncs a shared incident now and then, in this process; never more than one at a time. */
function syncer(ctx: Context, reader: IncidentReader): () => void {
  let running: Promise<void> | undefined;
  // A pace on the monotonic clock, not a time of the incident; the first sync at once.
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    if (running || !readShareState(reader.ref.dir) || performance.now() - last < SYNC_EVERY_MS)
      return;
    last = performance.now();
    running = (async () => {
      const { sharer } = await sharerFor(ctx);
      await followSync(sharer, reader.ref);
    })()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
  };
}

/**
 * Prints new events until Ctrl-C (SIGINT) or SIGTERM. `reader` has read what
 * was shown; each look reads on from there (use-cases/journal/load.ts).
 */
export async function follow(ctx: Context, reader: IncidentReader): Promise<void> {
  const printed = new Set(reader.events.map((e) => e.id));
  const last = byTime(reader.events).at(-1);
  const seen = { day: last ? dayOfLine(last, ctx.env.TZ, clocksOf(reader.ref)) : undefined };
  println(ctx, '(following: new events appear here; Ctrl-C to stop)');
  const stop = new AbortController();
  const end = () => stop.abort();
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  const sync = syncer(ctx, reader);
  try {
    while (!stop.signal.aborted) {
      sync();
      // Each damaged line is warned about once, not on every look.
      const { added } = reader.look();
      const at = { tz: ctx.env.TZ, clocks: clocksOf(reader.ref) };
      for (const line of newLines(added, reader.state, printed, at, seen)) println(ctx, line);
      await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGINT', end);
    process.off('SIGTERM', end);
    // A sync in flight is cut short: the next command's sync does its work.
    endRunningGit();
  }
}
