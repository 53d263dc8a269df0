// The facts every text shares (escalation, handoff, update, postmortem), built
// once from the folded state and the raw events. Pure: clock and zone are inputs.
import type { ResolvedConfig } from '../config/schema.js';
import type { EventOf, OncallEvent } from '../incident/events.js';
import type { CommandRun, IncidentState } from '../incident/fold.js';
import {
  between,
  formatDuration,
  localClock,
  localDate,
  localDateTime,
  wallClock,
} from '../incident/time.js';
import { foldSilences, silenceLine } from '../silence/silences.js';
import { commandFailed, describeEvent } from './describe.js';
import { type SentIndex, sentIndex, sentWords } from './sent.js';

export interface RenderInput {
  state: IncidentState;
  events: readonly OncallEvent[];
  config: Pick<ResolvedConfig, 'contacts' | 'links' | 'severities'>;
  now: Date;
  /** IANA zone for local times, e.g. America/New_York. */
  tz: string;
  /**
   * The redactor's text function. What is sent is redacted as a whole, but a
   * text shortened for a phone is redacted before it is shortened: a secret cut
   * in half no longer matches its pattern. Absent: the texts are taken as they are.
   */
  redact?: (text: string) => string;
}

interface Line {
  /** Local HH:MM. */
  at: string;
  ts: string;
  text: string;
}

interface Link {
  name: string;
  url: string;
}

const STATUS_TEXT = {
  active: 'Investigating',
  mitigated: 'Mitigated, monitoring',
  resolved: 'Resolved',
};
const URL = /https?:\/\/[^\s<>)`"']+/g;

/** `alice@laptop` → `Alice Chen` when the user part is a contact key. */
export function personName(who: string, config: RenderInput['config']): string {
  // A night's log names the same few people on every line: each is looked up once.
  let known = namesOf.get(config.contacts);
  if (!known) {
    known = new Map();
    namesOf.set(config.contacts, known);
  }
  let name = known.get(who);
  if (name === undefined) {
    const key = who.split('@')[0] ?? who;
    const contact = config.contacts[who] ?? config.contacts[key];
    name = contact ? contact.name : who;
    known.set(who, name);
  }
  return name;
}

const namesOf = new WeakMap<object, Map<string, string>>();

function runsOf(state: IncidentState): Map<string, CommandRun> {
  return new Map(state.commands.map((r) => [r.runId, r]));
}

/** A text at its local time, as clockIn shows it. */
export function line(input: RenderInput, ts: string, text: string): Line {
  return { at: clockIn(input)(ts), ts, text };
}

const clocksByInput = new WeakMap<RenderInput, (ts: string) => string>();

/**
 * The local clock of a time in this text (`23:50`), with its date (`10-31 23:50`,
 * as the postmortem's timeline writes it) when the night spans several local
 * days, from the start (or the first event) to its end or now: every time of
 * its lists then says its day, and 00:10 is never read as before 23:50.
 */
export function clockIn(input: RenderInput): (ts: string) => string {
  let clock = clocksByInput.get(input);
  if (clock) return clock;
  const { tz } = input;
  clock = severalDays(input)
    ? (ts) => `${localDate(ts, tz).slice(5)} ${localClock(ts, tz)}`
    : (ts) => localClock(ts, tz);
  clocksByInput.set(input, clock);
  return clock;
}

/** Whether the night's local days are several: from the start (or the first event) to its end or now. */
export function severalDays(input: RenderInput): boolean {
  const { state, events, now, tz } = input;
  const first = events[0]?.ts;
  const from = first !== undefined && first < state.startedAt ? first : state.startedAt;
  return localDate(from, tz) !== localDate(state.resolvedAt ?? now.toISOString(), tz);
}

/** Each event in words (describeEvent), people by name, texts for people with whether they went. */
export function describerOf(input: RenderInput): (e: OncallEvent) => string | undefined {
  const runs = runsOf(input.state);
  const nameOf = (who: string) => personName(who, input.config);
  const sent = sentOf(input);
  return (e) => describeEvent(e, runs, nameOf, sent);
}

/**
 * Who commands, and the handoff offered to someone else that they have not
 * accepted yet: one truth for every text. The commander changes only when the
 * incoming one accepts (`handoff.accepted`).
 */
export function commandOf(state: IncidentState): {
  commander: string;
  offered?: EventOf<'handoff'>;
} {
  const offered = state.handoffOffered;
  return offered ? { commander: state.commander, offered } : { commander: state.commander };
}

/** Worsening, improving or steady, from the severity history and the milestones. */
export function trendOf(input: RenderInput): string {
  const { state } = input;
  if (state.status === 'resolved' && state.resolvedAt)
    return `resolved at ${clockIn(input)(state.resolvedAt)}`;
  if (state.status === 'mitigated' && state.mitigatedAt) {
    return `impact stopped at ${clockIn(input)(state.mitigatedAt)}; monitoring`;
  }
  const history = state.severityHistory;
  const last = history.at(-1);
  const before = history.at(-2);
  if (last && before) {
    const worse = last.severity < before.severity;
    return `${worse ? 'worsening' : 'improving'}: ${before.severity} → ${last.severity} at ${clockIn(input)(last.from)}${last.reason ? ` (${last.reason})` : ''}`;
  }
  return `no change in severity since ${clockIn(input)(state.startedAt)}`;
}

interface Comms {
  last: string;
  next: string;
  overdue: boolean;
}

export function commsOf(input: RenderInput): Comms {
  const { state, now } = input;
  const last = state.lastUpdateAt
    ? `${clockIn(input)(state.lastUpdateAt)} (${between(state.lastUpdateAt, now)} ago)`
    : 'none sent yet';
  const due = state.nextUpdateDue;
  if (state.status === 'resolved') return { last, next: 'none: resolved', overdue: false };
  if (due === null) return { last, next: `none planned at ${state.severity}`, overdue: false };
  if (due === undefined) return { last, next: 'not set', overdue: false };
  const late = now.getTime() - Date.parse(due);
  if (late > 0)
    return {
      last,
      next: `${clockIn(input)(due)}, overdue by ${formatDuration(late)}`,
      overdue: true,
    };
  return { last, next: `${clockIn(input)(due)} (in ${formatDuration(-late)})`, overdue: false };
}

/** Config links first, then the alert's (`start --from`), then every URL written in a note, each once. */
export function linksOf(input: RenderInput): Link[] {
  const links: Link[] = Object.entries(input.config.links).map(([name, url]) => ({ name, url }));
  const seen = new Set(links.map((l) => l.url));
  for (const link of input.state.links ?? []) {
    if (!seen.has(link.url)) {
      seen.add(link.url);
      links.push(link);
    }
  }
  for (const n of input.state.notes) {
    // Every match holds "http": most of a night's notes have none, and are passed by without a regex.
    if (!n.text.includes('http')) continue;
    for (const match of n.text.matchAll(URL)) {
      const url = match[0].replace(/[.,;:!?]+$/, '');
      if (!seen.has(url)) {
        seen.add(url);
        links.push({ name: 'noted', url });
      }
    }
  }
  return links;
}

interface Person {
  name: string;
  role: string;
}

/** Commander first (and whom it is offered to), then everyone who wrote to the log, then who was escalated to. */
export function involvedOf(input: RenderInput, withOffer = true): Person[] {
  const { state, config } = input;
  const { commander, offered } = commandOf(state);
  const people: Person[] = [{ name: personName(commander, config), role: 'incident commander' }];
  if (offered && withOffer) {
    people.push({
      name: offered.toName ?? personName(offered.to, config),
      role: `handoff offered at ${clockIn(input)(offered.ts)}, not yet accepted`,
    });
  }
  const seen = new Set(people.map((p) => p.name));
  for (const who of state.responders) {
    const name = personName(who, config);
    if (!seen.has(name)) {
      seen.add(name);
      people.push({ name, role: 'responder' });
    }
  }
  const sent = sentOf(input);
  for (const e of state.escalations) {
    const name = e.toName ?? personName(e.to, config);
    if (!seen.has(name)) {
      seen.add(name);
      const how = sentWords(sent, e);
      const role = how.startsWith('sent')
        ? `escalated to at ${clockIn(input)(e.ts)}`
        : `escalation recorded at ${clockIn(input)(e.ts)} (${how})`;
      people.push({ name, role });
    }
  }
  return people;
}

const sentOfInput = new WeakMap<readonly OncallEvent[], SentIndex>();

/** The log's deliveries by the event they deliver (render/sent), read once per log. */
export function sentOf(input: RenderInput): SentIndex {
  let sent = sentOfInput.get(input.events);
  if (!sent) {
    sent = sentIndex(input.events);
    sentOfInput.set(input.events, sent);
  }
  return sent;
}

/** `Dana Okafor (sent via pager): Is db-1 healthy?`: an escalation as the lists show it. */
export function escalationLine(input: RenderInput, e: EventOf<'escalation'>): string {
  const name = e.toName ?? personName(e.to, input.config);
  return `${name} (${sentWords(sentOf(input), e)})${e.ask ? `: ${e.ask}` : ''}`;
}

/**
 * A command's program (and the shell its script runs in) and the words that
 * are neither flags nor a flag's number (`--timeout 60`, `-n 3`).
 */
function commandWords(r: CommandRun): { program: string; words: string[] } {
  const [program = '', ...args] = r.argv;
  return {
    program: JSON.stringify([r.shell ?? null, program]),
    words: args.filter(
      (a, i) => !a.startsWith('-') && !(/^\d+$/.test(a) && args[i - 1]?.startsWith('-')),
    ),
  };
}

/** How many of a program's distinct later successes a failure is compared with. */
const RECOVERY_WINDOW = 50;

/**
 * Failed commands with no later success of the same command, and whose failure
 * is not itself the finding ("503 confirms the alert"); one pass, from the end.
 * The same command: the same program with the same words (a retry with more
 * flags or another number for a flag, `--timeout 60`, is a retry). Only those may differ: `sh -c` of
 * another script, `curl` of another URL or `kubectl -n web set image` after a
 * failed `kubectl -n web rollout status` did not fix the failure.
 * A wait's polls are in: the texts collapse them into one line (runs.ts groupRuns),
 * so a wait that gave up is one item there.
 */
export function unrecoveredFailures(state: IncidentState): CommandRun[] {
  /** Per program, the word sets of its later successes (newest first, distinct). */
  const succeeded = new Map<string, Map<string, Set<string>>>();
  const recovered = (program: string, words: string[]) => {
    const later = succeeded.get(program);
    if (!later) return false;
    if (later.has(words.join('\0'))) return true;
    let compared = 0;
    for (const set of later.values()) {
      if (words.every((w) => set.has(w))) return true;
      if (++compared >= RECOVERY_WINDOW) break;
    }
    return false;
  };
  const failures: CommandRun[] = [];
  for (let i = state.commands.length - 1; i >= 0; i--) {
    const run = state.commands[i] as CommandRun;
    const { program, words } = commandWords(run);
    if (commandFailed(run) && run.finding === undefined && !recovered(program, words))
      failures.push(run);
    if (run.exitCode === 0) {
      const later = succeeded.get(program) ?? new Map<string, Set<string>>();
      const key = words.join('\0');
      if (!later.has(key)) later.set(key, new Set(words));
      succeeded.set(program, later);
    }
  }
  return failures.reverse();
}

interface Header {
  id: string;
  title: string;
  severity: string;
  severityLabel: string;
  status: string;
  statusText: string;
  drill: boolean;
  service?: string;
  age: string;
  started: string;
  now: string;
  nowClock: string;
  zone: string;
  commander: string;
  /** Whom the command is offered to, until they accept it. */
  offeredTo?: string;
  impact: string;
}

export function headerOf(input: RenderInput): Header {
  const { state, config, now, tz } = input;
  const nowIso = now.toISOString();
  const { commander, offered } = commandOf(state);
  return {
    id: state.id,
    title: state.title,
    severity: state.severity,
    severityLabel: config.severities[state.severity]?.label ?? '',
    status: state.status,
    statusText: STATUS_TEXT[state.status],
    drill: state.drill,
    service: state.service,
    age: between(state.startedAt, state.resolvedAt ?? now),
    started: localDateTime(state.startedAt, tz),
    now: localDateTime(nowIso, tz),
    // Beside `zone`, now's own: the wall clock alone.
    nowClock: wallClock(nowIso, tz),
    zone: localDateTime(nowIso, tz).split(' ').at(-1) ?? tz,
    commander: personName(commander, config),
    ...(offered ? { offeredTo: offered.toName ?? personName(offered.to, config) } : {}),
    impact: state.impact ?? 'not yet known',
  };
}

/** The incident's Alertmanager silences, each on a line: when it was made, what it silences, until when. */
export function silencesOf(input: RenderInput): string[] {
  return foldSilences(input.events).map(
    (s) => `${clockIn(input)(s.startsAt)} ${silenceLine(s, input.now, input.tz)}`,
  );
}
