// The pieces every event's schema is made of: the common fields (id, time,
// actor, counter…) and the shapes several event types share. Kept apart from
// the schemas themselves so each family of events can live in its own module.
import * as z from 'zod/mini';
import { NOTE_KINDS } from './note-kinds.js';
import { SEVERITIES } from './severity.js';

export const SCHEMA_VERSION = 1;

/**
 * Each piece is built on first use and then shared, like the schemas made of
 * them (events.ts): a read or a write that needs no schema (exact-specs.ts)
 * builds none, and the fast bundles then never start zod (scripts/lazy-zod.mjs).
 */
const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

export const severitySchema = once(() => z.enum(SEVERITIES));
export const noteKindSchema = once(() => z.enum(NOTE_KINDS));

/** ISO 8601 UTC with milliseconds, e.g. 2026-11-22T03:16:46.123Z */
export const isoTs = once(() =>
  z
    .string()
    .check(
      z.regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
        'expected a UTC time like 2026-11-22T02:00:00.000Z',
      ),
    ),
);

export const base = once(() => ({
  v: z.literal(SCHEMA_VERSION),
  id: z.string().check(z.minLength(1)),
  incident: z.string().check(z.minLength(1)),
  ts: isoTs(),
  /** Set only when the event was backfilled (`--at`): when it was written down. */
  recordedAt: z.optional(isoTs()),
  actor: z.string().check(z.minLength(1)),
  /** Table-top practice: nothing was executed. */
  drill: z.optional(z.literal(true)),
  /**
   * Lamport counter: one more than the highest counter this responder had seen
   * (their own and their peers' events). Across laptops, clocks drift; this
   * orders cause before effect (see order.ts). Absent in logs written before it.
   */
  lamport: z.optional(z.int().check(z.gte(1))),
  /**
   * Hybrid logical clock: the latest of the recording laptop's clock and every
   * `hlc` its responder had seen. Never behind a cause, so ordering by
   * (hlc, lamport) puts causes first and keeps real time between concurrent
   * events when clocks are right (see order.ts). Absent in logs written before it.
   */
  hlc: z.optional(isoTs()),
}));

/**
 * When the next status update is due, promised as of this event (null: no
 * cadence at this severity). Carried by the events that set the cadence so
 * `oncall note` can tell "update overdue" from the log's tail alone.
 */
export const nextUpdateDue = once(() => z.optional(z.nullable(isoTs())));

export const nth = once(() => z.int().check(z.gte(1))); // a count from 1: a step's command, a command's line
export const runbookRef = once(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    file: z.string(),
    /** sha256 of the runbook file, to notice edits between start and resume. */
    hash: z.string(),
  }),
);

// Built when an event type that has them is first validated (not on `oncall note`'s path).

/** Where an incident came from: its system and the id there (a PagerDuty incident, an alert's fingerprint). */
export const sourceSchema = () =>
  z.object({
    system: z.enum(['pagerduty', 'alertmanager']),
    id: z.string().check(z.minLength(1)),
    /** PagerDuty's incident number (#1234). */
    number: z.optional(z.int()),
    /** Where to see it: the PagerDuty incident's page, the Alertmanager it came from. */
    url: z.optional(z.string()),
  });

/** Links an alert carried: a name and a URL each. */
export const linksSchema = () => z.array(z.object({ name: z.string(), url: z.string() }));

/** Alertmanager matchers, as its API takes them (at least one). */
export const matchersSchema = () =>
  z
    .array(
      z.object({
        name: z.string().check(z.minLength(1)),
        value: z.string(),
        isRegex: z.boolean(),
        isEqual: z.optional(z.boolean()),
      }),
    )
    .check(z.minLength(1));
