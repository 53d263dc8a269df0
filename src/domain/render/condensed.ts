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
import { countOfTypes, ofTypes } from '../incident/of-types.js';
import { formatDuration, localDateTime, utcClock, utcDateTime } from '../incident/time.js';
import { offsetsIn } from '../incident/zone.js';
import { codeSpan, markdownReady, tableCell } from '../text/markdown.js';
import { madeSafe, safeLine } from '../text/terminal-safe.js';
import { type Bounds, isCut, leftOutItem, leftOutText, TIMELINE_BOUNDS } from './bounded.js';
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
function waitText(
  stepId: string,
  wait: Wait,
  ended?: EventOf<'step.waited'>,
  ending = 'still polling',
): string {
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
    : ending;
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
 * Rows told from a stretch of the night, the position of the event each row
 * began at, and of the last event that changed it (a repeat or a poll joining it).
 */
interface Told {
  rows: Row[];
  startedAt: number[];
  touchedAt: number[];
  /** Where the telling stopped: the first event not told (`to` when it told them all). */
  stoppedAt: number;
}

/**
 * Tells the events of `ordered` as condensed rows, a stretch at a time: the
 * whole night, or (a long night) its start and its end.
 */
class Teller {
  private readonly runs: Map<string, CommandRun>;
  private readonly waited = new Set<string>();
  private readonly clocks: ReturnType<typeof rowClocks>;
  private readonly who: (actor: string) => string;
  private readonly before: { ts: string; text: string }[];

  constructor(
    input: RenderInput,
    private readonly ordered: readonly OncallEvent[],
    private readonly describe: (e: OncallEvent, at: number) => string | undefined,
  ) {
    const { state, config } = input;
    this.runs = new Map(state.commands.map((r) => [r.runId, r]));
    // A wait step's polls are commands of its step: the steps that waited are known from the log.
    for (const e of ofTypes(ordered, 'step.waited')) this.waited.add(e.stepId);
    this.clocks = rowClocks(input, ordered);
    this.who = sharedBy(
      (actor) => actor,
      (actor) => tableCell(safeLine(personName(actor, config))),
    );
    this.before = beforeDeclared(state);
  }

  /**
   * The rows of the events from `from` up to `to`, stopping before the event
   * that would make row `limit + 1`. From the night's start, the facts that
   * came before the declaration head it at their own times.
   */
  tell(from: number, to: number, limit = Number.POSITIVE_INFINITY): Told {
    const { ordered, describe, before } = this;
    // Every cell is made safe as it is made (describeEvent, safeLine, tableCell): safeStrings and
    // markdownStrings need not look again.
    const rows: Row[] = markdownReady(madeSafe([]));
    const startedAt: number[] = [];
    const touchedAt: number[] = [];
    let at = from;
    const row = (ts: string, text: string, actor: string) => {
      // Each field named, not spread from the clocks: a spread row cost a night's timeline 0.15 s.
      const { utc, local } = this.clocks(ts);
      startedAt.push(at);
      touchedAt.push(at);
      return rows.push({ utc, local, text, who: actor ? this.who(actor) : '' }) - 1;
    };
    const touch = (i: number) => {
      touchedAt[i] = at;
    };
    const setText = (i: number, text: string) => {
      (rows[i] as Row).text = tableCell(safeLine(text));
      touch(i);
    };
    const waits = new Map<string, Wait>();
    // The latest command row, while only notes came after it: the same again joins it.
    let repeat: Repeat | undefined;
    let next = from === 0 ? 0 : before.length;
    for (; at < to && rows.length < limit; at++) {
      const e = ordered[at] as OncallEvent;
      if (BOOKKEEPING.has(e.type)) continue;
      for (let b = before[next]; b && b.ts <= e.ts; b = before[++next])
        row(b.ts, safeLine(b.text), '');
      if (rows.length >= limit) break;
      if (e.type !== 'note' && e.type !== 'command.started') repeat = undefined;
      if (e.type === 'command.started')
        repeat = this.command(e, at, { row, setText, touch, waits, repeat });
      else if (e.type === 'step.waited') {
        const wait = waits.get(e.stepId) ?? { row: row(e.ts, '', e.actor), runs: [] };
        setText(wait.row, waitText(e.stepId, wait, e));
        waits.delete(e.stepId);
      } else if (e.type === 'step.completed') {
        // A step is its outcome: its note, or the command that ran in it (a row of its own).
        if (e.note)
          row(e.ts, tableCell(safeLine(`step ${e.stepId}: ${e.note}`)) + backfilledOf(e), e.actor);
      } else {
        const text = describe(e, at);
        if (text) row(e.ts, tableCell(text) + backfilledOf(e), e.actor);
      }
    }
    const whole = at >= to;
    if (whole) for (const b of before.slice(next)) row(b.ts, safeLine(b.text), '');
    const ending = whole ? 'still polling' : 'continued past the rows shown here';
    for (const [stepId, wait] of waits)
      setText(wait.row, waitText(stepId, wait, undefined, ending));
    return { rows, startedAt, touchedAt, stoppedAt: at };
  }

  /** A command's row: its own, a wait's poll, or the same again joining the row before. */
  private command(
    e: EventOf<'command.started'>,
    at: number,
    rows: {
      row: (ts: string, text: string, actor: string) => number;
      setText: (i: number, text: string) => void;
      touch: (i: number) => void;
      waits: Map<string, Wait>;
      repeat: Repeat | undefined;
    },
  ): Repeat | undefined {
    const { row, setText, touch, waits, repeat } = rows;
    const run = this.runs.get(e.runId);
    if (run?.stepId && this.waited.has(run.stepId)) {
      const wait = waits.get(run.stepId);
      if (wait) {
        wait.runs.push(run);
        touch(wait.row);
      } else waits.set(run.stepId, { row: row(e.ts, '', e.actor), runs: [run] });
      return repeat;
    }
    const key = run ? runKey(run) : e.id;
    if (run && repeat?.key === key) {
      repeat.count += 1;
      const { first, count } = repeat;
      setText(
        repeat.row,
        `ran ${codeSpan(commandText(first))} ×${count}, the last at ${utcClock(e.ts)} UTC → ${commandResult(run)}`,
      );
      return repeat;
    }
    const text = this.describe(e, at);
    if (!text) return repeat;
    const r = row(e.ts, tableCell(text) + backfilledOf(e), e.actor);
    return run ? { key, row: r, count: 1, first: run } : undefined;
  }
}

const backfilledOf = (e: OncallEvent): string =>
  e.recordedAt ? ` _(backfilled; written ${utcDateTime(e.recordedAt)})_` : '';

/** The condensed timeline: its rows, and where it was cut when the night was too long to tell whole. */
export interface Timeline {
  rows: Row[];
  /**
   * Set when the night was too long to tell whole: the rows told at each end,
   * and the events left out between them (positions `from` up to `to`).
   */
  cut?: { head: number; tail: number; leftOut: number; from: number; to: number };
}

/**
 * The condensed rows, in time order, each told once: `describe` tells an
 * event (by its position in `ordered`) in the words every text uses. A night
 * of more rows than `bounds` allows is told as its first and its last rows,
 * with one row between them for the events left out (render/bounded).
 */
export function condensedTimeline(
  input: RenderInput,
  ordered: readonly OncallEvent[],
  describe: (e: OncallEvent, at: number) => string | undefined,
  bounds: Bounds = TIMELINE_BOUNDS,
): Timeline {
  const teller = new Teller(input, ordered, describe);
  const whole = () => ({ rows: teller.tell(0, ordered.length).rows });
  // Rows are at most the events a reviewer reads and the two facts before the declaration.
  const most = 2 + countOfTypes(ordered, (type) => !BOOKKEEPING.has(type));
  if (!isCut(most, bounds)) return whole();
  // Told up to one row past the bounds: a night whose repeats and waits fit them is told whole.
  const upTo = teller.tell(0, ordered.length, bounds.head + bounds.tail + 2);
  if (!isCut(upTo.rows.length, bounds)) return { rows: upTo.rows };
  const head = firstRows(upTo, bounds.head) ?? teller.tell(0, ordered.length, bounds.head);
  const tail =
    head.stoppedAt < ordered.length && tailOf(teller, ordered, head.stoppedAt, bounds.tail);
  if (!tail) return whole();
  const leftOut = tail.from - head.stoppedAt;
  const first = ordered[head.stoppedAt] as OncallEvent;
  const last = ordered[tail.from - 1] as OncallEvent;
  const gap: Row = leftOutItem({
    utc: '…',
    local: '…',
    text: `_${leftOutText(leftOut, 'events', { from: utcDateTime(first.ts), to: utcDateTime(last.ts) })}_`,
    who: '',
  });
  return {
    rows: markdownReady(madeSafe([...head.rows, gap, ...tail.rows])),
    cut: {
      head: head.rows.length,
      tail: tail.rows.length,
      leftOut,
      from: head.stoppedAt,
      to: tail.from,
    },
  };
}

/**
 * The first `count` rows of `told`, as a telling that stopped there would
 * give them: when no event after the one that began row `count + 1` changed
 * any of them (a repeat, a poll). Undefined otherwise.
 */
function firstRows(told: Told, count: number): Omit<Told, 'touchedAt'> | undefined {
  const stoppedAt = told.startedAt[count];
  if (stoppedAt === undefined) return undefined;
  for (let i = 0; i < count; i++) if ((told.touchedAt[i] as number) >= stoppedAt) return undefined;
  return {
    rows: markdownReady(madeSafe(told.rows.slice(0, count))),
    startedAt: told.startedAt.slice(0, count),
    stoppedAt,
  };
}

/**
 * The night's last `count` rows, told from the event their first row began
 * at (so every event from there on is in them), and that event's position.
 * Undefined when they would reach back into the `after` events already told.
 */
function tailOf(teller: Teller, ordered: readonly OncallEvent[], after: number, count: number) {
  // Rows are at most the events that are not bookkeeping: start that many back, further if repeats joined.
  for (let want = count + (count >> 2); ; want *= 2) {
    let from = ordered.length;
    for (let seen = 0; from > after && seen < want; )
      if (!BOOKKEEPING.has((ordered[--from] as OncallEvent).type)) seen++;
    const told = teller.tell(from, ordered.length);
    if (told.rows.length >= count || from <= after) {
      const first = Math.max(0, told.rows.length - count);
      const start = told.startedAt[first] ?? from;
      if (start <= after) return undefined;
      // The rows before the kept ones go: an event that joined one of them after `start` would go with
      // it, so then the rows are told again from `start`.
      const joinedLater = told.touchedAt.slice(0, first).some((t) => t >= start);
      const rows = joinedLater ? teller.tell(start, ordered.length).rows : told.rows.slice(first);
      return { from: start, rows };
    }
  }
}
