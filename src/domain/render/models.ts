// View models for the status update, the escalation summary and the handoff:
// plain data in, plain data out, so a team's template can show any of it.

import type { ResolvedContact } from '../contacts/contacts.js';
import { displayName, reachLine } from '../contacts/contacts.js';
import { commandText } from '../incident/command-line.js';
import type { WaitRun } from '../incident/fold.js';
import { localClock } from '../incident/time.js';
import { walkRecord } from '../incident/walk.js';
import type { WalkLeft } from '../walk/ahead.js';
import { commandResult, lastOutputLine } from './describe.js';
import {
  actionsTaken,
  changesOf,
  commsOf,
  failedWaits,
  headerOf,
  involvedOf,
  line,
  linksOf,
  personName,
  type RenderInput,
  silencesOf,
  trendOf,
  unrecoveredFailures,
} from './facts.js';

/** A wait that gave up, in words: `failed 7 checks, last exit 22`. */
function waitGaveUp(w: WaitRun): string {
  const last = w.last.exitCode === undefined ? '' : `, last exit ${w.last.exitCode ?? '?'}`;
  return `gave up after ${w.attempts} failed check${w.attempts === 1 ? '' : 's'}${last}`;
}

/** How many recent actions the phone-screen form shows. */
export const SHORT_ACTIONS = 5;
/** How many hypotheses, changes and links the phone-screen form shows per line. */
const SHORT_LIST = 3;

function shared(input: RenderInput) {
  const { state, tz } = input;
  const note = (n: { ts: string; text: string }) => line(n.ts, n.text, tz);
  const runbook = state.runbook
    ? { title: state.runbook.title, id: state.runbook.id, file: state.runbook.file }
    : undefined;
  return {
    ...headerOf(input),
    trend: trendOf(input),
    comms: commsOf(input),
    actions: actionsTaken(input),
    openHypotheses: state.openHypotheses.map(note),
    ruledOut: state.ruledOut.map(note),
    runbook,
    links: linksOf(input),
    involved: involvedOf(input),
    changes: changesOf(input),
    escalations: state.escalations.map((e) =>
      line(e.ts, `${e.toName ?? e.to}${e.ask ? `: ${e.ask}` : ''}`, tz),
    ),
  };
}

/** Who a text is for, as the templates show them. */
function recipient(to: ResolvedContact) {
  return {
    key: to.key,
    name: to.contact.name,
    display: displayName(to.contact),
    reach: reachLine(to.contact),
  };
}

interface UpdateOptions {
  text: string;
  /** When the next update is promised (null: none planned). */
  nextUpdateDue: string | null;
}

export function updateModel(input: RenderInput, options: UpdateOptions) {
  const header = headerOf(input);
  const next =
    input.state.status === 'resolved'
      ? 'none planned: this incident is resolved'
      : options.nextUpdateDue
        ? `by ${localClock(options.nextUpdateDue, input.tz)} ${header.zone}`
        : `none planned at ${input.state.severity}; we will post when something changes`;
  const since = input.state.status === 'resolved' ? `lasted ${header.age}` : `${header.age} ago`;
  return { ...header, text: options.text, next, since };
}

interface EscalationOptions {
  to: ResolvedContact;
  ask: string;
  long: boolean;
}

export function escalationModel(input: RenderInput, options: EscalationOptions) {
  const base = shared(input);
  const actions = options.long ? base.actions : base.actions.slice(-SHORT_ACTIONS);
  // On a phone screen each list is one line: the latest few, and a count of the rest.
  const few = <T>(list: T[]) => (options.long ? list : list.slice(-SHORT_LIST));
  return {
    ...base,
    long: options.long,
    // Plain notes only in the long form: everything else is already in a section.
    notes: options.long
      ? input.state.notes.filter((n) => n.kind === 'note').map((n) => line(n.ts, n.text, input.tz))
      : [],
    openHypotheses: few(base.openHypotheses),
    moreOpen: base.openHypotheses.length - few(base.openHypotheses).length,
    ruledOut: few(base.ruledOut),
    moreRuledOut: base.ruledOut.length - few(base.ruledOut).length,
    changes: few(base.changes),
    links: options.long ? base.links : base.links.slice(0, SHORT_LIST),
    to: recipient(options.to),
    ask: options.ask,
    actions,
    earlierActions: base.actions.length - actions.length,
    failures: [
      ...unrecoveredFailures(input.state).map((r) => ({
        at: localClock(r.startedAt, input.tz),
        command: commandText(r),
        result: commandResult(r),
        output: lastOutputLine(r),
      })),
      // A wait that gave up is one failure, however many checks it ran.
      ...failedWaits(input.state).map((w) => ({
        at: localClock(w.last.startedAt, input.tz),
        command: commandText(w.last),
        result: waitGaveUp(w),
        output: lastOutputLine(w.last),
      })),
    ],
  };
}

interface HandoffOptions {
  to: ResolvedContact;
  note?: string;
  /** The attached runbook's walk, when its file still loads (the command reads it). */
  walk?: WalkLeft;
}

/** Where the runbook stands, from its walk when the file loaded, else from the step events alone. */
function runbookTasks(id: string, input: RenderInput, walk: WalkLeft | undefined): string[] {
  if (walk ? walk.finished : walkRecord(input.events).finished) return [];
  const first = walk?.ahead[0];
  const at = first && walk ? ` at step ${first.n} of ${walk.total}` : '';
  const more = walk?.more ?? 0;
  return [
    `Continue the runbook ${id}${at}: \`oncall resume\``,
    ...(walk?.ahead ?? []).map(
      (s) => `Step ${s.n}: ${s.decide ? 'decide: ' : ''}${s.title} (\`${s.id}\`)`,
    ),
    ...(more ? [`…and ${more} more step${more === 1 ? '' : 's'} after these`] : []),
  ];
}

/** What the next commander must pick up, as checkbox lines. */
function openTasks(
  input: RenderInput,
  base: ReturnType<typeof shared>,
  options: HandoffOptions,
): string[] {
  const { state, tz } = input;
  const tasks: string[] = [];
  if (base.comms.overdue) tasks.push(`Send the overdue status update (was due ${base.comms.next})`);
  else if (state.status !== 'resolved' && state.nextUpdateDue) {
    tasks.push(`Send the next status update by ${localClock(state.nextUpdateDue, tz)}`);
  }
  if (state.runbook) tasks.push(...runbookTasks(state.runbook.id, input, options.walk));
  for (const h of state.openHypotheses) tasks.push(`Confirm or rule out: ${h.text}`);
  // An escalation to the incoming commander is answered by the handoff itself.
  for (const e of state.escalations.filter((x) => x.to !== options.to.key)) {
    tasks.push(
      `Check for an answer from ${e.toName ?? e.to} (asked ${localClock(e.ts, tz)}${e.ask ? `: ${e.ask}` : ''})`,
    );
  }
  if (state.status === 'active')
    tasks.push('Stop the impact, then record it: `oncall mitigate "<what worked>"`');
  if (state.status === 'mitigated')
    tasks.push('Confirm the fix holds, then `oncall resolve "<what fixed it>"`');
  return tasks;
}

export function handoffModel(input: RenderInput, options: HandoffOptions) {
  const base = shared(input);
  const { state, tz } = input;
  const unresolved: string[] = [];
  if (state.status === 'active') unresolved.push('Impact is ongoing: no mitigation recorded yet');
  for (const r of unrecoveredFailures(state)) {
    unresolved.push(
      `\`${commandText(r)}\` ${commandResult(r)} at ${localClock(r.startedAt, tz)}, not retried successfully`,
    );
  }
  for (const w of failedWaits(state)) {
    unresolved.push(
      `Step ${w.stepId}'s wait for \`${commandText(w.last)}\` ${waitGaveUp(w)} at ${localClock(w.endedAt ?? w.last.startedAt, tz)}`,
    );
  }
  const skipped: WalkLeft['skipped'] =
    options.walk?.skipped ?? walkRecord(input.events).skippedSteps;
  for (const s of skipped) {
    unresolved.push(
      `Skipped runbook step ${s.stepId}${s.title ? ` (${s.title})` : ''}: ${s.reason}`,
    );
  }
  for (const h of state.openHypotheses) {
    unresolved.push(`Open hypothesis (${localClock(h.ts, tz)}): ${h.text}`);
  }
  return {
    ...base,
    from: personName(state.commander, input.config),
    to: recipient(options.to),
    note: options.note,
    unresolved,
    tasks: openTasks(input, base, options),
    silences: silencesOf(input),
  };
}
