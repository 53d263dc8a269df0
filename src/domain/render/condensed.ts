// The postmortem's timeline: the night as a reviewer reads it the next
// morning, a fraction of the log's length. Every decision, finding, state
// change (severity, impact, milestones, command), page and update is kept;
// steps are told as their outcomes (a step done with a note says the note, a
// step whose command ran is that command's row, a wait is one row saying how
// its polls went); bookkeeping (a step started, the walk paused and resumed,
// an answer typed in) is left out; a command repeated with the same result is
// one row with its count. `oncall timeline` keeps the full log. One pass.

import { commandText } from '../incident/command-line.js';
import type { EventOf, OncallEvent } from '../incident/events.js';
import type { CommandRun } from '../incident/fold.js';
import { ofTypes } from '../incident/of-types.js';
import { formatDuration, localDateTime, utcClock, utcDateTime } from '../incident/time.js';
import { offsetsIn } from '../incident/zone.js';
import { codeSpan, markdownReady, tableCell } from '../text/markdown.js';
import { madeSafe, safeLine } from '../text/terminal-safe.js';
import { commandResult } from './describe.js';
import { personName, type RenderInput } from './facts.js';

interface Row {
  utc: string;
  local: string;
  text: string;
  who: string;
}

/** True when the zone's clocks show UTC at every instant given: one clock column is enough. */
export function localIsUtc(tz: string | undefined, instants: readonly string[]): boolean {
  const offsets = offsetsIn(tz);
  return instants.every((at) => offsets.at(Date.parse(at)) === 0);
}

/** Events that are only bookkeeping for a reviewer: told by other rows, or by none. */
const BOOKKEEPING = new Set([
  'step.started',
  'step.answered',
  'walk.moved',
  'walk.paused',
  'walk.resumed',
  'command.finished',
  'delivery.queued',
  'delivery.attempted',
  'delivery.requeued',
]);

/** The polls of one wait, gathered until its step.waited says how it ended. */
interface Wait {
  row: number;
  runs: CommandRun[];
}

/** What makes two runs "the same again": who ran what, with what result. */
function runKey(run: CommandRun): string {
  const result =
    run.finishedAt === undefined ? 'running' : commandResult(run).replace(/ \(.*\)$/, '');
  return `${run.actor}\u0000${commandText(run)}\u0000${result}`;
}

/** A wait's row: `wait wait-healthy: polled \`curl …\` ×9 over 2m: failed every time (exit 22); gave up`. */
function waitText(stepId: string, wait: Wait, ended?: EventOf<'step.waited'>): string {
  const [first] = wait.runs;
  if (!first)
    return `wait ${stepId}: ${ended ? `waited ${formatDuration(ended.waitedMs)}` : 'waiting'}`;
  const failed = wait.runs.filter((r) => r.exitCode !== 0 && r.finishedAt !== undefined);
  const last = wait.runs.at(-1) as CommandRun;
  const result = commandResult(last).replace(/ \(.*\)$/, '');
  const how =
    failed.length === wait.runs.length
      ? wait.runs.length === 1
        ? result
        : `failed every time (${result.replace(/^failed, /, '')})`
      : last.exitCode === 0 && failed.length
        ? `failed ×${failed.length}, then passed`
        : result;
  const over = ended ? ` over ${formatDuration(ended.waitedMs)}` : '';
  const outcome = ended
    ? {
        passed: 'passed',
        'timed-out': 'gave up (timed out)',
        cancelled: 'stopped',
        elapsed: 'time up',
      }[ended.outcome]
    : 'still polling';
  return `wait ${stepId}: polled ${codeSpan(commandText(first))} ×${wait.runs.length}${over}: ${how}; ${outcome}`;
}

/** `make(ts)`, made once for all the times that have the same `key`. */
function sharedBy<T>(key: (ts: string) => string, make: (ts: string) => T) {
  const known = new Map<string, T>();
  return (ts: string): T => {
    const k = key(ts);
    const found = known.get(k);
    if (found !== undefined) return found;
    const made = make(ts);
    known.set(k, made);
    return made;
  };
}

/** A row's two clock columns: UTC, and local (with the date when the night spans two local days). */
function rowClocks(input: RenderInput, ordered: readonly OncallEvent[]) {
  const { state, tz } = input;
  const localDay = (iso: string) => localDateTime(iso, tz).slice(0, 10);
  const earliest = ordered[0]?.ts;
  const first = earliest && earliest < state.startedAt ? earliest : state.startedAt;
  const last = ordered.at(-1)?.ts ?? first;
  const multiDay = localDay(first) !== localDay(last);
  // Rows of the same minute share their clock columns (one lookup for both, no object per
  // row): a log time's first 16 characters are its minute.
  return sharedBy(
    (ts) => ts.slice(0, 16),
    (ts): { readonly utc: string; readonly local: string } => ({
      utc: utcDateTime(ts).replace(' UTC', ''),
      local: localDateTime(ts, tz).slice(multiDay ? 5 : 11),
    }),
  );
}

/**
 * The facts of the declaration that came before it: when the impact began and
 * the alert fired. They head the timeline at their own times.
 */
function beforeDeclared(state: RenderInput['state']): { ts: string; text: string }[] {
  const facts = [
    { ts: state.startedAt, text: 'impact began (as recorded when declared)' },
    ...(state.detectedAt
      ? [{ ts: state.detectedAt, text: `detected${state.alert ? `: alert ${state.alert}` : ''}` }]
      : []),
  ];
  return facts
    .filter((b) => b.ts < state.acknowledgedAt)
    .sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

/** A run of the same command with the same result, told as one row. */
interface Repeat {
  key: string;
  row: number;
  count: number;
  first: CommandRun;
}

/**
 * The condensed rows, in time order, each told once: `describe` tells an
 * event (by its position in `ordered`) in the words every text uses.
 */
export function condensedTimeline(
  input: RenderInput,
  ordered: readonly OncallEvent[],
  describe: (e: OncallEvent, at: number) => string | undefined,
): Row[] {
  const { state, config } = input;
  const runs = new Map(state.commands.map((r) => [r.runId, r]));
  // A wait step's polls are commands of its step: the steps that waited are known from the log.
  const waited = new Set<string>();
  for (const e of ofTypes(ordered, 'step.waited')) waited.add(e.stepId);
  const clocks = rowClocks(input, ordered);
  const who = sharedBy(
    (actor) => actor,
    (actor) => tableCell(safeLine(personName(actor, config))),
  );
  // Every cell is made safe as it is made (describeEvent, safeLine, tableCell): safeStrings and
  // markdownStrings need not look again.
  const rows: Row[] = markdownReady(madeSafe([]));
  const row = (ts: string, text: string, actor: string) => {
    // Each field named, not spread from the clocks: a spread row cost a night's timeline 0.15 s.
    const { utc, local } = clocks(ts);
    return rows.push({ utc, local, text, who: actor ? who(actor) : '' }) - 1;
  };
  const setText = (at: number, text: string) => {
    (rows[at] as Row).text = tableCell(safeLine(text));
  };
  const waits = new Map<string, Wait>();
  // The latest command row, while only notes came after it: the same again joins it.
  let repeat: Repeat | undefined;
  const before = beforeDeclared(state);
  let next = 0;
  for (let at = 0; at < ordered.length; at++) {
    const e = ordered[at] as OncallEvent;
    if (BOOKKEEPING.has(e.type)) continue;
    for (let b = before[next]; b && b.ts <= e.ts; b = before[++next])
      row(b.ts, safeLine(b.text), '');
    const backfilled = e.recordedAt ? ` _(backfilled; written ${utcDateTime(e.recordedAt)})_` : '';
    if (e.type !== 'note' && e.type !== 'command.started') repeat = undefined;
    if (e.type === 'command.started') {
      const run = runs.get(e.runId);
      if (run?.stepId && waited.has(run.stepId)) {
        const wait = waits.get(run.stepId);
        if (wait) wait.runs.push(run);
        else waits.set(run.stepId, { row: row(e.ts, '', e.actor), runs: [run] });
        continue;
      }
      const key = run ? runKey(run) : e.id;
      if (run && repeat?.key === key) {
        repeat.count += 1;
        const { first, count } = repeat;
        setText(
          repeat.row,
          `ran ${codeSpan(commandText(first))} ×${count}, the last at ${utcClock(e.ts)} UTC → ${commandResult(run)}`,
        );
        continue;
      }
      const text = describe(e, at);
      if (!text) continue;
      const r = row(e.ts, tableCell(text) + backfilled, e.actor);
      repeat = run ? { key, row: r, count: 1, first: run } : undefined;
    } else if (e.type === 'step.waited') {
      const wait = waits.get(e.stepId) ?? { row: row(e.ts, '', e.actor), runs: [] };
      setText(wait.row, waitText(e.stepId, wait, e));
      waits.delete(e.stepId);
    } else if (e.type === 'step.completed') {
      // A step is its outcome: its note, or the command that ran in it (a row of its own).
      if (e.note)
        row(e.ts, tableCell(safeLine(`step ${e.stepId}: ${e.note}`)) + backfilled, e.actor);
    } else {
      const text = describe(e, at);
      if (text) row(e.ts, tableCell(text) + backfilled, e.actor);
    }
  }
  for (const b of before.slice(next)) row(b.ts, safeLine(b.text), '');
  for (const [stepId, wait] of waits) setText(wait.row, waitText(stepId, wait));
  return rows;
}
