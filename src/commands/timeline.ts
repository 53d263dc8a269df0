// `oncall timeline [--json|--md]`: the log in the order things happened.
// Text and Markdown tell each event in the same words as the rendered texts;
// bookkeeping events (a command's end, a step's start) are told with the event
// they belong to. --json keeps every event.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { byTime } from '../incident/fold.js';
import { localClock, utcClock } from '../incident/time.js';
import { describeEvent } from '../render/describe.js';
import { loadIncident } from '../services/journal.js';
import { tableCell } from '../text/markdown.js';
import { safeLine } from '../text/terminal-safe.js';
import { printJson, println } from '../ui/output.js';
import type { OptionsOf } from './definitions/program.js';
import type { timelineCommand } from './definitions/timeline.js';
import { timelineLine } from './timeline-line.js';

type TimelineOptions = OptionsOf<typeof timelineCommand>;

export async function timeline(ctx: Context, options: TimelineOptions): Promise<void> {
  if (options.follow && (options.json || options.md)) {
    throw new UsageError('--follow prints the text timeline; leave out --json and --md');
  }
  const { ref, state, events } = loadIncident(ctx, options);
  const ordered = byTime(events);
  const tz = ctx.env.TZ;
  if (options.json) {
    printJson(ctx, ordered);
    return;
  }
  const runs = new Map(state.commands.map((run) => [run.runId, run]));
  // Described events are safe already (render/describe); title, id and who are made safe here.
  const title = safeLine(state.title);
  const id = safeLine(state.id);
  const told = ordered.flatMap((e) => {
    const text = describeEvent(e, runs);
    return text === undefined ? [] : [{ e, text }];
  });
  if (options.md) {
    println(ctx, `## Timeline: ${tableCell(title)} (${tableCell(id)})`);
    println(ctx);
    println(ctx, '| UTC | Local | Who | What |');
    println(ctx, '|---|---|---|---|');
    for (const { e, text } of told) {
      const backfilled = e.recordedAt ? ' _(backfilled)_' : '';
      println(
        ctx,
        `| ${utcClock(e.ts)} | ${localClock(e.ts, tz)} | ${tableCell(safeLine(e.actor))} | ${tableCell(text)}${backfilled} |`,
      );
    }
    return;
  }
  println(ctx, `${title}  (${id})${state.drill ? '  [drill]' : ''}`);
  for (const { e, text } of told) println(ctx, timelineLine(e, text, tz));
  if (told.some(({ e }) => e.recordedAt)) println(ctx, '* backfilled with --at');
  if (options.follow) {
    const { follow } = await import('./follow.js');
    await follow(ctx, ref, events);
  }
}
