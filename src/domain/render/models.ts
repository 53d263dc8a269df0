// View models for the status update, the escalation summary and the handoff:
// plain data in, plain data out, so a team's template can show any of it.
// What was done and learned is ranked by what the reader needs (render/ranked):
// the ask, the impact and its trend, what was changed, what was found, what
// did not work, the hypotheses, the next update. Nothing in a text sent to a
// person points at oncall's own commands: the reader does not have them.

import type { ResolvedContact } from '../contacts/contacts.js';
import { displayName, reachLine } from '../contacts/contacts.js';
import { zonedClock } from '../incident/time.js';
import { walkRecord } from '../incident/walk.js';
import type { WalkLeft } from '../walk/ahead.js';
import {
  clockIn,
  commsOf,
  escalationLine,
  headerOf,
  involvedOf,
  line,
  linksOf,
  type RenderInput,
  sentOf,
  silencesOf,
  trendOf,
  unrecoveredFailures,
} from './facts.js';
import { fitPhone, type PhoneList, phoneCapped, phoneWords } from './phone.js';
import { type Fact, rankedFacts } from './ranked.js';
import { groupRuns, groupText } from './runs.js';
import { sentWords } from './sent.js';

/**
 * A fact whose phone text is redacted when first read: the phone form reads
 * only the facts it shows (and the one that no longer fits), and a long night
 * has hundreds it only counts ("+92 more"), each a full redaction.
 */
function redactedOnRead<F extends { phone: string }>(
  fact: Omit<F, 'phone'>,
  text: string,
  redact: (text: string) => string,
): F {
  let phone: string | undefined;
  return {
    ...fact,
    get phone() {
      phone ??= redact(text);
      return phone;
    },
  } as F;
}

/** Facts as a phone shows them, redacted before the phone form shortens them (see RenderInput.redact). */
const redactedFacts = (facts: readonly Fact[], redact: (text: string) => string): Fact[] =>
  facts.map((f) => redactedOnRead<Fact>(f, f.phone, redact));

const timed = (facts: readonly Fact[]) => facts.map((f) => ({ at: f.at, text: f.text }));

/** The same idea noted twice is listed once, at its latest time. */
function onceEach<T extends { text: string }>(notes: readonly T[]): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i] as T;
    const key = n.text.trim().toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(n);
  }
  return kept.reverse();
}

function shared(input: RenderInput) {
  const { state } = input;
  const note = (n: { ts: string; text: string }) => line(input, n.ts, n.text);
  const runbook = state.runbook
    ? { title: state.runbook.title, id: state.runbook.id, file: state.runbook.file }
    : undefined;
  const ranked = rankedFacts(input);
  return {
    ...headerOf(input),
    trend: trendOf(input),
    comms: commsOf(input),
    changed: timed(ranked.changed),
    found: timed(ranked.found),
    failed: timed(ranked.failed),
    tried: timed(ranked.tried),
    openHypotheses: onceEach(state.openHypotheses).map(note),
    ruledOut: onceEach(state.ruledOut).map(note),
    runbook,
    links: linksOf(input),
    involved: involvedOf(input),
    escalations: state.escalations.map((e) => line(input, e.ts, escalationLine(input, e))),
    ranked,
  };
}

/** Who a text is for, as the templates show them. */
function recipient(to: ResolvedContact) {
  return {
    key: to.key,
    name: to.contact.name,
    display: displayName(to.contact),
    reach: reachLine(to.contact),
    ...(to.contact.slack ? { slack: to.contact.slack } : {}),
  };
}

/** When the next status update is promised, for a reader: "by 03:30 UTC", "none planned at SEV4". */
function nextUpdate(input: RenderInput): string {
  const { state, now, tz } = input;
  const due = state.nextUpdateDue;
  if (state.status === 'resolved') return 'none: resolved';
  if (due === null) return `none planned at ${state.severity}`;
  if (due === undefined) return 'not promised yet';
  const late = now.getTime() - Date.parse(due);
  return `by ${zonedClock(due, tz)}${late > 0 ? ' (overdue)' : ''}`;
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
        ? `by ${zonedClock(options.nextUpdateDue, input.tz)}`
        : `none planned at ${input.state.severity}; we will post when something changes`;
  const since = input.state.status === 'resolved' ? `lasted ${header.age}` : `${header.age} ago`;
  // Stakeholders ask "do we know why?" first: a cause the responders confirmed says so.
  const cause = input.state.confirmed.map((c) => c.text).join('; ');
  return { ...header, text: options.text, next, since, ...(cause ? { cause } : {}) };
}

interface EscalationOptions {
  to: ResolvedContact;
  ask: string;
  long: boolean;
}

/** The trend without its reason: a phone line. */
const shortTrend = (trend: string) => trend.replace(/ \([^)]*\)$/, '');

/**
 * The short form: its one-line facts with no word longer than a phone line
 * (a long host name or URL shortened, not broken), and its lists fitted to one
 * phone screen under its fixed lines (templates/escalation.md.hbs renders
 * exactly these lines: keep them in step).
 */
function phoneForm(
  base: ReturnType<typeof shared>,
  options: EscalationOptions,
  next: string,
  redact: (text: string) => string,
) {
  const ranked = {
    changed: redactedFacts(base.ranked.changed, redact),
    found: redactedFacts(base.ranked.found, redact),
    failed: redactedFacts(base.ranked.failed, redact),
  };
  const short = (text: string) => phoneWords(redact(text));
  const to = short(options.to.contact.name);
  // The fixed lines at most this many phone lines each, so the lists always have room.
  const words = {
    to,
    title: phoneCapped(short(base.title), 2, (t) => `**Escalation to ${to}: ${t}**`),
    commander: short(base.commander),
    ...(base.offeredTo ? { offeredTo: short(base.offeredTo) } : {}),
    ask: phoneCapped(short(options.ask), 6, (t) => `**The ask:** ${t}`),
    impact: phoneCapped(
      short(`${base.impact} · ${shortTrend(base.trend)}`),
      3,
      (t) => `**Impact:** ${t}`,
    ),
    next: short(next),
  };
  const offered = words.offeredTo ? ` (handoff to ${words.offeredTo} not yet accepted)` : '';
  const fixed = [
    ...(base.drill ? ['**DRILL: practice only, nothing was executed.**'] : []),
    `**Escalation to ${words.to}: ${words.title}**`,
    `${base.severity} · ${base.statusText} · ${base.age} · IC ${words.commander}${offered} · times ${base.zone}`,
    `**The ask:** ${words.ask}`,
    `**Impact:** ${words.impact}`,
    `**Next update:** ${words.next}`,
  ];
  const asFacts = (lines: { at: string; ts: string; text: string }[]) =>
    lines.map((l) => redactedOnRead<Fact>(l, l.text, redact));
  const lists = fitPhone(fixed, [
    { title: 'Changed', facts: ranked.changed, inline: false },
    { title: 'Found', facts: ranked.found, inline: false },
    { title: 'Did not work', facts: ranked.failed, inline: false },
    { title: 'Open', facts: asFacts(base.openHypotheses), inline: true },
    { title: 'Ruled out', facts: asFacts(base.ruledOut), inline: true },
  ]);
  const list = (i: number) => lists[i] as PhoneList;
  return {
    ...words,
    changed: list(0),
    found: list(1),
    failed: list(2),
    open: list(3),
    ruledOut: list(4),
  };
}

export function escalationModel(input: RenderInput, options: EscalationOptions) {
  const base = shared(input);
  const next = nextUpdate(input);
  const { ranked, ...facts } = base;
  return {
    ...facts,
    long: options.long,
    to: recipient(options.to),
    ask: options.ask,
    next,
    // Plain notes only in the long form: everything else is already in a list.
    notes: options.long ? timed(ranked.notes) : [],
    phone: options.long
      ? undefined
      : phoneForm(base, options, next, input.redact ?? ((text) => text)),
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
    `Continue the runbook ${id}${at}`,
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
  const { state } = input;
  const tasks = [`Accept the handoff: until then ${base.commander} stays incident commander`];
  if (base.comms.overdue) tasks.push(`Send the overdue status update (was due ${base.comms.next})`);
  else if (state.status !== 'resolved' && state.nextUpdateDue) {
    tasks.push(`Send the next status update by ${clockIn(input)(state.nextUpdateDue)}`);
  }
  if (state.runbook) tasks.push(...runbookTasks(state.runbook.id, input, options.walk));
  for (const h of state.openHypotheses) tasks.push(`Confirm or rule out: ${h.text}`);
  // An escalation to the incoming commander is answered by the handoff itself.
  const sent = sentOf(input);
  for (const e of state.escalations.filter((x) => x.to !== options.to.key)) {
    const name = e.toName ?? e.to;
    const how = sentWords(sent, e);
    const what = `${clockIn(input)(e.ts)}, ${how}${e.ask ? `: ${e.ask}` : ''}`;
    tasks.push(
      how.startsWith('sent')
        ? `Check for an answer from ${name} (asked ${what})`
        : `Make sure ${name} got the escalation (${what})`,
    );
  }
  if (state.status === 'active')
    tasks.push('Stop the impact, then record what worked as mitigated');
  if (state.status === 'mitigated') tasks.push('Confirm the fix holds, then record it as resolved');
  return tasks;
}

export function handoffModel(input: RenderInput, options: HandoffOptions) {
  const { ranked, ...base } = shared(input);
  const { state, tz } = input;
  const unresolved: string[] = [];
  if (state.status === 'active') unresolved.push('Impact is ongoing: no mitigation recorded yet');
  for (const group of groupRuns(unrecoveredFailures(state))) {
    const when = group.count === 1 ? ` at ${clockIn(input)(group.last.startedAt)}` : '';
    unresolved.push(`${groupText(group, tz)}${when}, not retried successfully`);
  }
  const skipped: WalkLeft['skipped'] =
    options.walk?.skipped ?? walkRecord(input.events).skippedSteps;
  for (const s of skipped) {
    unresolved.push(
      `Skipped runbook step ${s.stepId}${s.title ? ` (${s.title})` : ''}: ${s.reason}`,
    );
  }
  for (const h of state.openHypotheses) {
    unresolved.push(`Open hypothesis (${clockIn(input)(h.ts)}): ${h.text}`);
  }
  // The incoming commander has a line of their own in the template: the offer made now.
  const involved = base.involved.filter((p) => p.name !== options.to.contact.name);
  return {
    ...base,
    involved,
    from: base.commander,
    to: recipient(options.to),
    note: options.note,
    notes: timed(ranked.notes),
    unresolved,
    tasks: openTasks(input, { ranked, ...base }, options),
    silences: silencesOf(input),
  };
}
