// The event log's schema: one JSON object per line, validated on write and on read.
// Every event type of every command lives here, so the log has one contract.
import { z } from 'zod';

export const SCHEMA_VERSION = 1;

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const NOTE_KINDS = [
  'note',
  'action',
  'finding',
  'hypothesis',
  'ruled-out',
  'decision',
] as const;
export const noteKindSchema = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof noteKindSchema>;

/** ISO 8601 UTC with milliseconds, e.g. 2026-11-22T03:16:46.123Z */
const isoTs = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'ISO 8601 UTC (ms)');

const base = {
  v: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  incident: z.string().min(1),
  ts: isoTs,
  /** Set only when the event was backfilled (`--at`): when it was written down. */
  recordedAt: isoTs.optional(),
  actor: z.string().min(1),
  /** Table-top practice: nothing was executed. */
  drill: z.literal(true).optional(),
};

/**
 * When the next status update is due, promised as of this event (null: no
 * cadence at this severity). Carried by the events that set the cadence so
 * `oncall note` can tell "update overdue" from the log's tail alone.
 */
const nextUpdateDue = isoTs.nullable().optional();

const runbookRef = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string(),
  /** sha256 of the runbook file, to notice edits between start and resume. */
  hash: z.string(),
});

export const eventSchema = z.discriminatedUnion('type', [
  // ── lifecycle ─────────────────────────────────────────────────────────
  z.object({
    ...base,
    type: z.literal('incident.opened'),
    title: z.string().min(1),
    service: z.string().optional(),
    severity: severitySchema,
    impact: z.string().optional(),
    /** When it really began (e.g. from the alert); `ts` is when it was acknowledged. */
    startedAt: isoTs.optional(),
    /** When it was detected (alert fired), if known. */
    detectedAt: isoTs.optional(),
    alert: z.string().optional(),
    nextUpdateDue,
  }),
  z.object({ ...base, type: z.literal('incident.mitigated'), summary: z.string().optional() }),
  z.object({ ...base, type: z.literal('incident.resolved'), summary: z.string().optional() }),
  z.object({
    ...base,
    type: z.literal('severity.changed'),
    from: severitySchema,
    to: severitySchema,
    reason: z.string().optional(),
    nextUpdateDue,
  }),
  z.object({ ...base, type: z.literal('impact.changed'), impact: z.string().min(1) }),
  // ── words ─────────────────────────────────────────────────────────────
  z.object({ ...base, type: z.literal('note'), kind: noteKindSchema, text: z.string().min(1) }),
  z.object({
    ...base,
    type: z.literal('update.sent'),
    text: z.string().min(1),
    /** The rendered stakeholder message, as printed. */
    message: z.string().optional(),
    channel: z.string().optional(),
    nextUpdateDue,
  }),
  z.object({
    ...base,
    type: z.literal('escalation'),
    to: z.string().min(1),
    toName: z.string().optional(),
    ask: z.string().optional(),
    channel: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('handoff'),
    from: z.string().min(1),
    to: z.string().min(1),
    toName: z.string().optional(),
    note: z.string().optional(),
  }),
  // ── commands ──────────────────────────────────────────────────────────
  z.object({
    ...base,
    type: z.literal('command.started'),
    runId: z.string().min(1),
    argv: z.array(z.string()).min(1),
    /** Set when the command is run through a shell the user or runbook named explicitly. */
    shell: z.string().optional(),
    cwd: z.string(),
    stepId: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('command.finished'),
    runId: z.string().min(1),
    exitCode: z.number().int().nullable(),
    signal: z.string().optional(),
    durationMs: z.number().nonnegative(),
    /** Last lines of combined output, secrets redacted. */
    outputTail: z.string(),
    interrupted: z.boolean().optional(),
    stepId: z.string().optional(),
  }),
  // ── runbook walk-through ──────────────────────────────────────────────
  z.object({ ...base, type: z.literal('runbook.attached'), runbook: runbookRef }),
  z.object({ ...base, type: z.literal('step.started'), stepId: z.string() }),
  z.object({
    ...base,
    type: z.literal('step.completed'),
    stepId: z.string(),
    note: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('step.skipped'),
    stepId: z.string(),
    reason: z.string().min(1),
  }),
  z.object({
    ...base,
    type: z.literal('step.answered'),
    stepId: z.string(),
    variable: z.string(),
    /** Omitted for secret answers: secrets never enter the log. */
    value: z.string().optional(),
    secret: z.boolean().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('step.decided'),
    stepId: z.string(),
    choice: z.string(),
    next: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('step.waited'),
    stepId: z.string(),
    outcome: z.enum(['elapsed', 'passed', 'timed-out', 'cancelled']),
    waitedMs: z.number().nonnegative(),
  }),
  z.object({
    ...base,
    type: z.literal('walk.moved'),
    from: z.string().optional(),
    to: z.string(),
    reason: z.enum(['back', 'jump']),
  }),
  z.object({ ...base, type: z.literal('walk.paused'), stepId: z.string().optional() }),
  z.object({ ...base, type: z.literal('walk.finished'), summary: z.string().optional() }),
]);

export type OncallEvent = z.infer<typeof eventSchema>;
export type EventType = OncallEvent['type'];
export type EventOf<T extends EventType> = Extract<OncallEvent, { type: T }>;

/** The fields a command supplies; the store fills in v, id, incident, ts, actor. */
export type EventInput<T extends EventType = EventType> = T extends EventType
  ? Omit<EventOf<T>, 'v' | 'id' | 'incident' | 'ts' | 'actor' | 'recordedAt'> & {
      ts?: string;
    }
  : never;
