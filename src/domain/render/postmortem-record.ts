// The postmortem draft's record of the response: what was learned, decided,
// changed, tried and left open, the status updates and the promises they
// kept, and the commands run. Each list told whole on an ordinary night and by
// its two ends on a long one (render/bounded).

import { handTypedCommands } from '../capture/hand-typed.js';
import { DECIDING_TYPES } from '../incident/decide.js';
import type { OncallEvent } from '../incident/events.js';
import { ofTypesBetween } from '../incident/of-types.js';
import { formatDuration, localDateTime, utcDateTime } from '../incident/time.js';
import { walkRecord } from '../incident/walk.js';
import type { Runbook } from '../runbook/types.js';
import { codeSpan, markdownReady, tableCell } from '../text/markdown.js';
import { type AtLine, boundedMap, leftOutItem, leftOutLine, leftOutText } from './bounded.js';
import { commandResult } from './describe.js';
import { escalationLine, personName, type RenderInput } from './facts.js';
import { rankedFacts } from './ranked.js';
import { groupRuns } from './runs.js';

interface LateUpdate {
  due: string;
  sentAt?: string;
  lateMs: number;
}

/** The types lateUpdates reads: every type that can promise the next update (decide.ts), and the resolution. */
const PROMISING_TYPES = [...DECIDING_TYPES, 'incident.resolved'] as const;

/**
 * Promised updates that came late or never: a promise (`nextUpdateDue`) is kept
 * by the next update; one still open when a new promise replaces it (a severity
 * change), at the resolution, or at `end` was never kept. A response delay worth
 * a line in the draft, not a grade.
 */
export function lateUpdates(ordered: readonly OncallEvent[], end: string): LateUpdate[] {
  const late: LateUpdate[] = [];
  let due: string | null | undefined;
  // Told up to the first event after `end` (of any type: clocks drift, so the order is not by time alone).
  let told = 0;
  while (told < ordered.length && (ordered[told] as OncallEvent).ts <= end) told++;
  // Only the events that promise an update, send one or resolve: a night's notes and commands do neither.
  for (const e of ofTypesBetween(ordered, 0, told, PROMISING_TYPES)) {
    const sets =
      e.type === 'incident.resolved' || ('nextUpdateDue' in e && e.nextUpdateDue !== undefined);
    if (due && e.ts > due && (e.type === 'update.sent' || sets)) {
      const lateMs = Date.parse(e.ts) - Date.parse(due);
      late.push(e.type === 'update.sent' ? { due, sentAt: e.ts, lateMs } : { due, lateMs });
    }
    if (e.type === 'incident.resolved') due = null;
    else if ('nextUpdateDue' in e && e.nextUpdateDue !== undefined) due = e.nextUpdateDue;
  }
  if (due && due < end) late.push({ due, lateMs: Date.parse(end) - Date.parse(due) });
  return late;
}

/** Kinds of note a cause was confirmed with (`oncall note --confirmed`): contributing factors. */
const CONFIRMED = new Set(['confirmed']);

/** What was learned, decided, changed, tried and left open along the way, each with when. */
export function investigationOf(input: RenderInput) {
  const { state, events, tz } = input;
  const when = (ts: string) => localDateTime(ts, tz);
  const at = (n: { ts: string; text: string }): AtLine => ({ at: when(n.ts), text: n.text });
  const lines = <T extends { ts: string; text: string }>(items: readonly T[], what: string) =>
    boundedMap(items, at, leftOutLine(what, when));
  const ranked = rankedFacts(input, ['changed', 'failed']);
  return {
    findings: lines(
      state.notes.filter((n) => n.kind === 'finding'),
      'findings',
    ),
    decisions: lines(
      state.notes.filter((n) => n.kind === 'decision'),
      'decisions',
    ),
    confirmed: lines(
      state.notes.filter((n) => CONFIRMED.has(n.kind)),
      'confirmed causes',
    ),
    changed: lines(ranked.changed, 'changes'),
    failed: lines(ranked.failed, 'commands that failed'),
    skipped: boundedMap(
      walkRecord(events).skippedSteps,
      (s) => ({
        at: when(s.ts),
        stepId: s.stepId,
        reason: s.reason,
        leftOut: undefined as string | undefined,
      }),
      (count, first, last) => {
        const { text } = leftOutLine('skipped steps', when)(count, first, last);
        return leftOutItem({ at: '…', stepId: '…', reason: text, leftOut: `… ${text}` });
      },
    ),
    ruledOut: lines(state.ruledOut, 'ideas ruled out'),
    openHypotheses: lines(state.openHypotheses, 'open hypotheses'),
    escalations: boundedMap(
      state.escalations,
      (e): AtLine => ({ at: when(e.ts), text: escalationLine(input, e) }),
      leftOutLine('escalations', when),
    ),
  };
}

/** Status updates: how many, the last, and the promises kept late or never. */
export function updatesOf(input: RenderInput, ordered: readonly OncallEvent[]) {
  const { state, now, tz } = input;
  return {
    count: state.updates.length,
    last: state.lastUpdateAt ? localDateTime(state.lastUpdateAt, tz) : undefined,
    // Times and durations only, made here: Markdown as they are (the line between names a command).
    late: markdownReady(
      boundedMap(
        lateUpdates(ordered, state.resolvedAt ?? now.toISOString()),
        (l) =>
          `${localDateTime(l.due, tz)}: ${l.sentAt ? `sent ${formatDuration(l.lateMs)} late` : `not sent (${formatDuration(l.lateMs)} without the promised update)`}`,
        (count, first, last) =>
          `… ${leftOutText(count, 'updates late or not sent', {
            from: localDateTime(first.due, tz),
            to: localDateTime(last.due, tz),
          })}`,
      ),
    ),
  };
}

/** The commands table: each command with each result once, how often, and who ran it. */
export function commandsOf(input: RenderInput) {
  const { state, config } = input;
  // Table rows, their cells escaped as they are made (tableCell).
  const groups = groupRuns(state.commands).sort((a, b) =>
    a.first.startedAt < b.first.startedAt ? -1 : 1,
  );
  const rows = boundedMap(
    groups,
    (g) => ({
      at: utcDateTime(g.first.startedAt).replace(' UTC', ''),
      command: tableCell(codeSpan(g.command)),
      result: tableCell(`${commandResult(g.last)}${g.count > 1 ? ` ×${g.count}` : ''}`),
      who: tableCell(personName(g.last.actor, config)),
    }),
    (count, first, last) => {
      const span = {
        from: utcDateTime(first.first.startedAt),
        to: utcDateTime(last.first.startedAt),
      };
      return { at: '…', command: leftOutText(count, 'commands', span), result: '', who: '' };
    },
  );
  return markdownReady(rows);
}

/**
 * Commands typed by hand (or run, or edited in the walk) that the runbook does
 * not have: what the next night's runbook should learn (`oncall runbook suggest`).
 * `runbook`: the attached runbook as read now; undefined when none was attached
 * or its file cannot be read (then nothing is left out for being in it).
 */
export function handTypedOf(input: RenderInput, runbook: Runbook | undefined) {
  const hand = handTypedCommands(input.events, runbook, 'angle');
  const stepTitle = (id: string | undefined) => runbook?.steps.find((s) => s.id === id)?.title;
  return {
    attached: input.state.runbook?.title,
    compared: runbook !== undefined,
    // Table rows, their cells escaped as they are made (tableCell).
    rows: markdownReady(
      boundedMap(
        hand.commands,
        (c) => ({
          command: tableCell(codeSpan(c.recorded)),
          uses: String(c.uses),
          result: c.lastExit === null ? 'no exit code recorded' : `exit ${c.lastExit}`,
          step: tableCell(stepTitle(c.stepId) ?? c.stepId ?? 'outside the walk'),
        }),
        (count) => ({
          command: leftOutText(
            count,
            'commands',
            undefined,
            '`oncall runbook suggest` lists every one',
          ),
          uses: '',
          result: '',
          step: '',
        }),
      ),
    ),
  };
}
