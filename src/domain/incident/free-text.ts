// Which fields of each event hold free text: one table, beside the schema, read
// by the redaction where an event is stamped (redact/scrub.ts: the quick forms,
// or a command's full redactor) and before it is shared (redact/redact-event.ts:
// the full redactor). Every field of every event type is named here (the type
// below makes a missing one a compile error, and a test walks the schema), so a
// new field cannot slip past the redactor by being forgotten.
//
//   exact: what the fold, the walk, the outbox or a delivery matches on or uses
//          as it is: ids, times, kinds, counts, step and variable names, a
//          contact's key, a channel's name, where a delivery goes, the runbook
//          attached. Changing one would break the event; none is typed free.
//   free:  every other text: what a person typed, a program printed, a name or
//          a path shown. Redacted where stamped, and again before it is shared.
import type { EventOf, EventType } from './events.js';

type FieldKind = 'free' | 'exact';

/** The fields every event has: who, when, which; all exact. */
type Envelope =
  | 'v'
  | 'id'
  | 'incident'
  | 'ts'
  | 'recordedAt'
  | 'actor'
  | 'type'
  | 'lamport'
  | 'hlc'
  | 'drill';

export const ENVELOPE_FIELDS: readonly Envelope[] = [
  'v',
  'id',
  'incident',
  'ts',
  'recordedAt',
  'actor',
  'type',
  'lamport',
  'hlc',
  'drill',
];

/** Each field of an event type (the envelope aside), and what it holds. */
type FieldsOf<T extends EventType> = {
  [K in Exclude<keyof EventOf<T>, Envelope>]-?: FieldKind;
};

const F = 'free';
const X = 'exact';

export const EVENT_FIELDS: { readonly [T in EventType]: FieldsOf<T> } = {
  'incident.opened': {
    title: F,
    service: F,
    severity: X,
    impact: F,
    startedAt: X,
    detectedAt: X,
    alertedAt: X,
    alert: F,
    labels: F,
    source: X,
    links: F,
    nextUpdateDue: X,
  },
  'incident.mitigated': { summary: F },
  'incident.resolved': { summary: F },
  'severity.changed': { from: X, to: X, reason: F, nextUpdateDue: X },
  'impact.changed': { impact: F },
  note: { kind: X, text: F, runId: X, hypothesis: X },
  'update.sent': { text: F, message: F, channel: F, nextUpdateDue: X },
  escalation: { to: X, toName: F, ask: F, channel: F },
  handoff: { from: X, to: X, toName: F, note: F },
  'handoff.accepted': { handoff: X },
  'responder.joined': {},
  'delivery.queued': {
    delivery: X,
    source: X,
    channel: X,
    via: X,
    kind: X,
    to: X,
    toName: F,
    dedupKey: X,
    collapse: X,
    target: X,
    request: F,
  },
  'delivery.attempted': {
    delivery: X,
    channel: X,
    attempt: X,
    outcome: X,
    status: X,
    exitCode: X,
    error: F,
    durationMs: X,
    nextAttemptAt: X,
    rateLimited: X,
    bytes: X,
    tooLarge: X,
  },
  'delivery.requeued': { delivery: X },
  'silence.created': { silence: X, matchers: F, startsAt: X, endsAt: X, comment: F },
  'silence.expired': { silence: X },
  'command.started': {
    runId: X,
    argv: F,
    shell: F,
    via: X,
    values: F,
    cwd: F,
    stepId: X,
    command: X,
    poll: X,
  },
  'command.finished': {
    runId: X,
    exitCode: X,
    signal: X,
    durationMs: X,
    outputTail: F,
    interrupted: X,
    stepId: X,
    variables: F,
    withheld: X,
    unset: X,
    cwdAfter: F,
    failedLine: X,
    pipestatus: X,
    castRange: X,
  },
  'command.skipped': { stepId: X, command: X },
  'runbook.attached': { runbook: X },
  'step.started': { stepId: X },
  'step.completed': { stepId: X, note: F },
  'step.skipped': { stepId: X, reason: F },
  'step.answered': { stepId: X, variable: X, value: F, secret: X },
  'step.decided': { stepId: X, choice: F, next: X },
  'step.waited': { stepId: X, outcome: X, waitedMs: X, polls: X },
  'walk.moved': { from: X, to: X, reason: X },
  'walk.paused': { stepId: X },
  'walk.resumed': { stepId: X },
  'command.edited': { stepId: X, original: F, edited: F },
  'walk.finished': { summary: F },
};

const freeByType = new Map<EventType, readonly string[]>();

/** The free-text fields of an event type. */
export function freeTextOf(type: EventType): readonly string[] {
  let free = freeByType.get(type);
  if (!free) {
    const fields: Record<string, FieldKind> = EVENT_FIELDS[type];
    free = Object.keys(fields).filter((name) => fields[name] === F);
    freeByType.set(type, free);
  }
  return free;
}
