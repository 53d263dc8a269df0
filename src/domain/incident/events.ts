// The event log's schema: one JSON object per line, validated on write and on read.
// Every event type of every command lives here, so the log has one contract.
// zod/mini: the same schemas, tree-shaken to a few kilobytes, because every
// `oncall note` parses this module.
import * as z from 'zod/mini';
import { CHANNEL_TYPES, DELIVERY_KINDS, DELIVERY_OUTCOMES } from './delivery-kinds.js';
import { exactCheck, type Schema } from './exact.js';
import { NOTE_KINDS, type NoteKind } from './note-kinds.js';
import { SEVERITIES, type Severity } from './severity.js';

export type { NoteKind, Severity };
// The vocabularies live in zod-free modules (the command definitions read them);
// re-exported here so the log's contract still reads from one place.
export { SEVERITIES };

export const SCHEMA_VERSION = 1;

export const severitySchema = z.enum(SEVERITIES);
const noteKindSchema = z.enum(NOTE_KINDS);

/** ISO 8601 UTC with milliseconds, e.g. 2026-11-22T03:16:46.123Z */
const isoTs = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'ISO 8601 UTC (ms)'));

const base = {
  v: z.literal(SCHEMA_VERSION),
  id: z.string().check(z.minLength(1)),
  incident: z.string().check(z.minLength(1)),
  ts: isoTs,
  /** Set only when the event was backfilled (`--at`): when it was written down. */
  recordedAt: z.optional(isoTs),
  actor: z.string().check(z.minLength(1)),
  /** Table-top practice: nothing was executed. */
  drill: z.optional(z.literal(true)),
  /**
   * Lamport counter: one more than the highest counter this responder had seen
   * (their own and their peers' events). Across laptops, clocks drift; this
   * orders cause before effect (see order.ts). Absent in logs written before it.
   */
  lamport: z.optional(z.int().check(z.gte(1))),
};

/**
 * When the next status update is due, promised as of this event (null: no
 * cadence at this severity). Carried by the events that set the cadence so
 * `oncall note` can tell "update overdue" from the log's tail alone.
 */
const nextUpdateDue = z.optional(z.nullable(isoTs));

const nth = z.int().check(z.gte(1)); // a count from 1: a step's command, a command's line
const runbookRef = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string(),
  /** sha256 of the runbook file, to notice edits between start and resume. */
  hash: z.string(),
});

/**
 * One builder per event type. Schemas are built on first use, one type at a
 * time: `oncall note` validates a single note and must not pay for building
 * (or JIT-compiling) the validators of every other type.
 */
const builders = {
  // ── lifecycle ─────────────────────────────────────────────────────────
  'incident.opened': () =>
    z.object({
      ...base,
      type: z.literal('incident.opened'),
      title: z.string().check(z.minLength(1)),
      service: z.optional(z.string()),
      severity: severitySchema,
      impact: z.optional(z.string()),
      /** When it really began (e.g. from the alert); `ts` is when it was acknowledged. */
      startedAt: z.optional(isoTs),
      /** When it was detected (alert fired), if known. */
      detectedAt: z.optional(isoTs),
      alert: z.optional(z.string()),
      /** The alert's labels (`--label namespace=web`): defaults for a runbook's placeholders. */
      labels: z.optional(z.record(z.string(), z.string())),
      nextUpdateDue,
    }),
  'incident.mitigated': () =>
    z.object({ ...base, type: z.literal('incident.mitigated'), summary: z.optional(z.string()) }),
  'incident.resolved': () =>
    z.object({ ...base, type: z.literal('incident.resolved'), summary: z.optional(z.string()) }),
  'severity.changed': () =>
    z.object({
      ...base,
      type: z.literal('severity.changed'),
      from: severitySchema,
      to: severitySchema,
      reason: z.optional(z.string()),
      nextUpdateDue,
    }),
  'impact.changed': () =>
    z.object({
      ...base,
      type: z.literal('impact.changed'),
      impact: z.string().check(z.minLength(1)),
    }),
  // ── words ─────────────────────────────────────────────────────────────
  note: () =>
    z.object({
      ...base,
      type: z.literal('note'),
      kind: noteKindSchema,
      text: z.string().check(z.minLength(1)),
      /** The run whose (expected) failure this finding explains: no loose end. */
      runId: z.optional(z.string().check(z.minLength(1))),
    }),
  'update.sent': () =>
    z.object({
      ...base,
      type: z.literal('update.sent'),
      text: z.string().check(z.minLength(1)),
      /** The rendered stakeholder message, as printed. */
      message: z.optional(z.string()),
      channel: z.optional(z.string()),
      nextUpdateDue,
    }),
  escalation: () =>
    z.object({
      ...base,
      type: z.literal('escalation'),
      to: z.string().check(z.minLength(1)),
      toName: z.optional(z.string()),
      ask: z.optional(z.string()),
      channel: z.optional(z.string()),
    }),
  handoff: () =>
    z.object({
      ...base,
      type: z.literal('handoff'),
      from: z.string().check(z.minLength(1)),
      to: z.string().check(z.minLength(1)),
      toName: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  /** The incoming commander took the handoff (`oncall handoff --accept`). */
  'handoff.accepted': () =>
    z.object({
      ...base,
      type: z.literal('handoff.accepted'),
      /** The id of the handoff event accepted. */
      handoff: z.string().check(z.minLength(1)),
    }),
  /** Someone joined a shared incident (`oncall join`): their log starts here. */
  'responder.joined': () => z.object({ ...base, type: z.literal('responder.joined') }),
  // ── delivery (pages, posts, webhooks; src/deliver/) ───────────────────
  'delivery.queued': () =>
    z.object({
      ...base,
      type: z.literal('delivery.queued'),
      /** The delivery's id: the source event's id and the channel (and whose alert, for a resolve). */
      delivery: z.string().check(z.minLength(1)),
      /** The event delivered: an escalation, an update, a handoff, a milestone. */
      source: z.string().check(z.minLength(1)),
      channel: z.string().check(z.minLength(1)),
      via: z.enum(CHANNEL_TYPES),
      kind: z.enum(DELIVERY_KINDS),
      /** The contact it is for; absent for a status update. */
      to: z.optional(z.string()),
      toName: z.optional(z.string()),
      /** PagerDuty's alert key: one alert per incident and contact. */
      dedupKey: z.optional(z.string()),
      /** Items with the same key collapse: only the newest waits (status updates, one alert). */
      collapse: z.optional(z.string()),
      /** Where it goes, minus secrets: env var names, base URL, argv. */
      target: z.record(z.string(), z.unknown()),
      /** What is sent: a JSON body, or a command's stdin and env. Never a secret. */
      request: z.record(z.string(), z.unknown()),
    }),
  'delivery.attempted': () =>
    z.object({
      ...base,
      type: z.literal('delivery.attempted'),
      delivery: z.string().check(z.minLength(1)),
      channel: z.string().check(z.minLength(1)),
      attempt: z.int().check(z.gte(1)),
      outcome: z.enum(DELIVERY_OUTCOMES),
      /** The HTTP status, when there was an answer. */
      status: z.optional(z.int()),
      /** A command channel's exit code. */
      exitCode: z.optional(z.nullable(z.int())),
      /** Why it did not go, in one line, secrets scrubbed. */
      error: z.optional(z.string()),
      durationMs: z.number().check(z.gte(0)),
      /** When a retry is due (outcome retry): backoff with jitter, or the server's Retry-After. */
      nextAttemptAt: z.optional(isoTs),
      /** The server asked us to slow down (429): nothing goes to this channel before nextAttemptAt. */
      rateLimited: z.optional(z.literal(true)),
      /** Bytes of the request sent (its JSON body; a program's stdin and variables). */
      bytes: z.optional(z.int().check(z.gte(0))),
      /** Refused for its size (413, Slack's msg_too_long...): the next try is rebuilt at half `bytes`. */
      tooLarge: z.optional(z.literal(true)),
    }),
  'delivery.requeued': () =>
    z.object({
      ...base,
      type: z.literal('delivery.requeued'),
      delivery: z.string().check(z.minLength(1)),
    }),
  // ── commands ──────────────────────────────────────────────────────────
  'command.started': () =>
    z.object({
      ...base,
      type: z.literal('command.started'),
      runId: z.string().check(z.minLength(1)),
      argv: z.array(z.string()).check(z.minLength(1)),
      /** Set when the command is run through a shell the user or runbook named explicitly. */
      shell: z.optional(z.string()),
      /**
       * The values a runbook script reads from its environment (`"${ONCALL_NODE_NAME}"`
       * in argv), so the log says exactly what ran; secret values are never here.
       */
      values: z.optional(z.record(z.string(), z.string())),
      cwd: z.string(),
      stepId: z.optional(z.string()),
      /** Which of the step's commands it is, from 1 (a plain runbook's section offers several). */
      command: z.optional(nth),
    }),
  'command.finished': () =>
    z.object({
      ...base,
      type: z.literal('command.finished'),
      runId: z.string().check(z.minLength(1)),
      exitCode: z.nullable(z.int()),
      signal: z.optional(z.string()),
      durationMs: z.number().check(z.gte(0)),
      /** Last lines of combined output, secrets redacted. */
      outputTail: z.string(),
      interrupted: z.optional(z.boolean()),
      stepId: z.optional(z.string()),
      /** What a walk's command left in its shell: set (`withheld`: secret values), unset, cwd. */
      variables: z.optional(z.record(z.string(), z.string())),
      withheld: z.optional(z.array(z.string())),
      unset: z.optional(z.array(z.string())),
      cwdAfter: z.optional(z.string()),
      /** The line (from 1) of a several-line command that failed; the rest did not run. */
      failedLine: z.optional(nth),
    }),
  /** A plain runbook's command the responder chose not to run: the step offers the next one. */
  'command.skipped': () =>
    z.object({ ...base, type: z.literal('command.skipped'), stepId: z.string(), command: nth }),
  // ── runbook walk-through ──────────────────────────────────────────────
  'runbook.attached': () =>
    z.object({ ...base, type: z.literal('runbook.attached'), runbook: runbookRef }),
  'step.started': () => z.object({ ...base, type: z.literal('step.started'), stepId: z.string() }),
  'step.completed': () =>
    z.object({
      ...base,
      type: z.literal('step.completed'),
      stepId: z.string(),
      note: z.optional(z.string()),
    }),
  'step.skipped': () =>
    z.object({
      ...base,
      type: z.literal('step.skipped'),
      stepId: z.string(),
      reason: z.string().check(z.minLength(1)),
    }),
  'step.answered': () =>
    z.object({
      ...base,
      type: z.literal('step.answered'),
      stepId: z.string(),
      variable: z.string(),
      /** Omitted for secret answers: secrets never enter the log. */
      value: z.optional(z.string()),
      secret: z.optional(z.boolean()),
    }),
  'step.decided': () =>
    z.object({
      ...base,
      type: z.literal('step.decided'),
      stepId: z.string(),
      choice: z.string(),
      next: z.string(),
    }),
  'step.waited': () =>
    z.object({
      ...base,
      type: z.literal('step.waited'),
      stepId: z.string(),
      outcome: z.enum(['elapsed', 'passed', 'timed-out', 'cancelled']),
      waitedMs: z.number().check(z.gte(0)),
    }),
  'walk.moved': () =>
    z.object({
      ...base,
      type: z.literal('walk.moved'),
      from: z.optional(z.string()),
      to: z.string(),
      reason: z.enum(['back', 'jump']),
    }),
  'walk.paused': () =>
    z.object({ ...base, type: z.literal('walk.paused'), stepId: z.optional(z.string()) }),
  /** The walk was taken up again (`oncall resume`, or a new `start` of the same incident). */
  'walk.resumed': () =>
    z.object({ ...base, type: z.literal('walk.resumed'), stepId: z.optional(z.string()) }),
  /** A runbook command the responder changed before running it: both texts, as shown. */
  'command.edited': () =>
    z.object({
      ...base,
      type: z.literal('command.edited'),
      stepId: z.string(),
      original: z.string(),
      edited: z.string(),
    }),
  'walk.finished': () =>
    z.object({ ...base, type: z.literal('walk.finished'), summary: z.optional(z.string()) }),
};

type Builders = typeof builders;
export type EventType = keyof Builders;
export type OncallEvent = { [K in EventType]: z.infer<ReturnType<Builders[K]>> }[EventType];

// One parse per process on the hot path: interpreting beats compiling a validator.
z.config({ jitless: true });

/** Every event type of the log. */
export const EVENT_TYPES = Object.keys(builders) as EventType[];

const built = new Map<EventType, z.ZodMiniType>();
/** The schema of one event type, built on first use. */
export function schemaFor(type: EventType): z.ZodMiniType {
  let schema = built.get(type);
  if (!schema) {
    schema = builders[type]();
    built.set(type, schema);
  }
  return schema;
}

export interface Issue {
  path: PropertyKey[];
  message: string;
}
type Validation = { success: true; data: OncallEvent } | { success: false; issues: Issue[] };

/** Validates anything read from or about to be written to a log. */
export function validateEvent(value: unknown): Validation {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(builders, type)) {
    const message =
      typeof type === 'string' ? `unknown event type "${type}"` : 'missing the event type';
    return { success: false, issues: [{ path: ['type'], message }] };
  }
  const parsed = schemaFor(type as EventType).safeParse(value);
  return parsed.success
    ? { success: true, data: parsed.data as OncallEvent }
    : { success: false, issues: parsed.error.issues };
}

const exact = new Map<EventType, ((value: unknown) => boolean) | undefined>();
function exactFor(type: EventType): ((value: unknown) => boolean) | undefined {
  if (!exact.has(type)) exact.set(type, exactCheck(schemaFor(type) as unknown as Schema));
  return exact.get(type);
}

/**
 * Validates an event read back from a log. A line as oncall writes it (what
 * zod would return unchanged) passes a check compiled from the same schema and
 * is kept as parsed, without zod's copy (see exact.ts); anything else goes
 * through zod, so what is accepted, and the message when not, are zod's.
 */
export function validateLoggedEvent(value: unknown): Validation {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && Object.hasOwn(builders, type)) {
    if (exactFor(type as EventType)?.(value)) return { success: true, data: value as OncallEvent };
  }
  return validateEvent(value);
}

export type EventOf<T extends EventType> = Extract<OncallEvent, { type: T }>;

/** The fields a command supplies; the store fills in v, id, incident, ts, actor, lamport. */
export type EventInput<T extends EventType = EventType> = T extends EventType
  ? Omit<EventOf<T>, 'v' | 'id' | 'incident' | 'ts' | 'actor' | 'recordedAt' | 'lamport'> & {
      ts?: string;
    }
  : never;

/**
 * One small handler per event type, for a fold that reads a log: each says what
 * its event changes in `S`; types without a handler change nothing.
 */
export type EventHandlers<S> = { [T in EventType]?: (state: S, event: EventOf<T>) => void };

/** Gives `event` to the handler for its type, if there is one. */
export function handleEvent<S>(handlers: EventHandlers<S>, state: S, event: OncallEvent): void {
  // The table pairs each type with its own event; TypeScript cannot follow that through an index.
  const handle = handlers[event.type] as ((state: S, event: OncallEvent) => void) | undefined;
  handle?.(state, event);
}
