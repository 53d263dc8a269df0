// `oncall timeline [--json|--md]`: the log in the order things happened.
// Text and Markdown tell each event in the same words as the rendered texts;
// bookkeeping events (a command's end, a step's start) are told with the event
// they belong to. --json keeps every event.
import type { Context } from '../../context.js';
import { clockLine } from '../../domain/incident/clocks.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { CommandRun, IncidentState } from '../../domain/incident/fold.js';
import { asData } from '../../domain/incident/provenance.js';
import { byTime } from '../../domain/incident/told.js';
import { localIsUtc } from '../../domain/render/condensed.js';
import { describeEvent } from '../../domain/render/describe.js';
import { evidenceMarkdown, evidenceOf } from '../../domain/render/evidence.js';
import { type SentIndex, sentIndex } from '../../domain/render/sent.js';
import { tableCell } from '../../domain/text/markdown.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { printLines, streamJson } from '../../terminal/ui/stream.js';
import { clocksOf, readIncident } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { timelineCommand } from './definition.js';
import { dayLine, dayOfLine, type MarkdownColumns, markdownClocks, timelineLine } from './line.js';

type TimelineOptions = OptionsOf<typeof timelineCommand>;

/** The events told in words, in time order; bookkeeping events are left out. */
function* told(
  ordered: readonly OncallEvent[],
  runs: ReadonlyMap<string, CommandRun>,
  sent: SentIndex,
) {
  for (const e of ordered) {
    const text = describeEvent(e, runs, undefined, sent);
    if (text !== undefined) yield { e, text };
  }
}

type Clocks = Readonly<Record<string, number>> | undefined;

interface Told {
  ordered: readonly OncallEvent[];
  runs: ReadonlyMap<string, CommandRun>;
  sent: SentIndex;
  tz: string | undefined;
  clocks: Clocks;
}

/** Whether the first and the last event are on different local days. */
function severalDays(ordered: readonly OncallEvent[], tz: string | undefined, clocks: Clocks) {
  const first = ordered[0];
  const last = ordered.at(-1);
  return (
    first !== undefined &&
    last !== undefined &&
    dayOfLine(first, tz, clocks) !== dayOfLine(last, tz, clocks)
  );
}

/** One line an event, `*` marking the backfilled ones, `~` the corrected times, and the keys to them. */
function* textLines(title: string, { ordered, runs, sent, tz, clocks }: Told): Generator<string> {
  yield title;
  let backfilled = false;
  // The day is said where it changes, on a night of several local days only (most nights: one).
  let day = severalDays(ordered, tz, clocks) ? '' : undefined;
  // A loop, not told(): one generator fewer to resume for each of a night's lines.
  for (const e of ordered) {
    const text = describeEvent(e, runs, undefined, sent);
    if (text === undefined) continue;
    if (e.recordedAt) backfilled = true;
    if (day !== undefined) {
      const its = dayOfLine(e, tz, clocks);
      if (its !== day) yield dayLine(its);
      day = its;
    }
    yield timelineLine(e, text, tz, clocks);
  }
  if (backfilled) yield '* backfilled with --at';
  for (const [actor, off] of Object.entries(clocks ?? {}))
    yield `~ ${safeLine(clockLine(actor, off))}`;
}

/**
 * The timeline as Markdown: a table of every told event (one clock column when
 * local time is UTC all along), then the evidence: what the commands printed.
 */
function* markdownLines(
  heading: string,
  { ordered, runs, sent, tz, clocks }: Told,
  commands: IncidentState['commands'],
): Generator<string> {
  const first = ordered[0]?.ts;
  const last = ordered.at(-1)?.ts ?? first;
  const local = first !== undefined && !localIsUtc(tz, [first, last ?? first]);
  const columns: MarkdownColumns = {
    local,
    utcDays: first !== undefined && first.slice(0, 10) !== last?.slice(0, 10),
    localDays: local && severalDays(ordered, tz, clocks),
  };
  yield heading;
  yield '';
  yield local ? '| UTC | Local | Who | What |' : '| UTC | Who | What |';
  yield local ? '|---|---|---|---|' : '|---|---|---|';
  for (const { e, text } of told(ordered, runs, sent)) {
    const backfilled = e.recordedAt ? ' _(backfilled)_' : '';
    yield `| ${markdownClocks(e, tz, clocks, columns)} | ${tableCell(safeLine(e.actor))} | ${tableCell(text)}${backfilled} |`;
  }
  const notes = Object.entries(clocks ?? {}).map(([actor, off]) => clockLine(actor, off));
  if (notes.length) yield '';
  for (const note of notes) yield `~ ${tableCell(safeLine(note))}`;
  const evidence = evidenceOf(commands);
  if (evidence.outputs.length) {
    yield '';
    yield '### Evidence (what the commands printed)';
    yield* evidenceMarkdown(evidence);
  }
}

/** Every output is written as it is made: a night's timeline is long. */
export async function timeline(ctx: Context, options: TimelineOptions): Promise<void> {
  // Both would print one of them: the other was asked for too.
  if (options.json && options.md) {
    throw new UsageError('--json and --md: give one (JSON for a script, Markdown to paste)');
  }
  if (options.follow && (options.json || options.md)) {
    throw new UsageError('--follow prints the text timeline; leave out --json and --md');
  }
  // Followed, the reader goes on from what was read here.
  const reader = readIncident(ctx, options, { whole: options.json === true });
  const { state, events } = reader;
  const ordered = byTime(events);
  const tz = ctx.env.TZ;
  if (options.json) return streamJson(ctx, asData(ordered));
  const clocks = clocksOf(reader.ref);
  const runs = new Map(state.commands.map((run) => [run.runId, run]));
  const told: Told = { ordered, runs, sent: sentIndex(events), tz, clocks };
  // Described events are safe already (render/describe); title, id and who are made safe here.
  const title = safeLine(state.title);
  const id = safeLine(state.id);
  if (options.md) {
    const heading = `## Timeline: ${tableCell(title)} (${tableCell(id)})`;
    return printLines(ctx, markdownLines(heading, told, state.commands));
  }
  await printLines(ctx, textLines(`${title}  (${id})${state.drill ? '  [drill]' : ''}`, told));
  if (options.follow) {
    const { follow } = await import('./follow.js');
    await follow(ctx, reader);
  }
}
