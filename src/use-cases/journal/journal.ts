// What most commands share: find the incident, read and fold its log, append events.
import { actorOf, type Context } from '../../context.js';
import type { EventInput, OncallEvent } from '../../domain/incident/events.js';
import {
  EmptyIncidentError,
  foldIncident,
  type IncidentState,
} from '../../domain/incident/fold.js';
import { quickRedactor, scrubInput, type TextRedactor } from '../../domain/redact/scrub.js';
import { OncallError } from '../../errors.js';
import { warnDamage } from '../../infra/console/output.js';
import { readShareState, type ShareState } from '../../infra/share/share-state.js';
import { readIncidentEvents } from '../../infra/store/all-logs.js';
import { type IncidentRef, resolveIncident } from '../../infra/store/incidents.js';
import { appendEvents, highestCounterIn, makeEvent } from '../../infra/store/log.js';
import { dataHome } from '../../infra/store/paths.js';
import { startBackgroundSync } from '../share/background.js';

export interface IncidentOptions {
  /** `--incident <id>`: overrides the active incident. */
  incident?: string;
}

export interface LoadedIncident {
  ref: IncidentRef;
  events: OncallEvent[];
  state: IncidentState;
}

export function homeOf(ctx: Context): string {
  return dataHome(ctx.env);
}

/**
 * Resolves, reads (warning once per damaged line) and folds the incident: the
 * own log and, for a shared incident, the peers' logs as last fetched.
 */
export function loadIncident(
  ctx: Context,
  options: IncidentOptions,
  /** `quiet`: damaged lines are not warned about (a command that only looks, before the one that reports). */
  how: { quiet?: boolean } = {},
): LoadedIncident {
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const { events, damaged } = readIncidentEvents(ref);
  if (!how.quiet) warnDamage(ctx, damaged);
  try {
    return { ref, events, state: foldIncident(events) };
  } catch (error) {
    if (error instanceof EmptyIncidentError) {
      throw new OncallError(
        `${ref.file} has no readable incident.opened event; the file is kept as it is. Start a new incident with \`oncall start\`.`,
      );
    }
    throw error;
  }
}

/**
 * The next Lamport counter: one more than the highest this responder has seen,
 * from the own log's tail (never the whole log: `oncall note` must cost the
 * same on a long incident) and the peers' highest as last fetched.
 */
function nextCounter(file: string, shared: ShareState | undefined): number {
  return Math.max(highestCounterIn(file), shared?.peerCounter ?? 0) + 1;
}

/** The last counter this process gave an event of each log: the next stamp takes the one after. */
const handedOut = new Map<string, number>();

/**
 * The counter for the next event of `ref`'s log: one more than the highest
 * seen (the log's tail, the peers'), and than the last this process gave, so
 * the events of one append (an escalation and the deliveries that quote it)
 * count up in order before any of them is written.
 */
function counterFor(ref: IncidentRef): number {
  const seen = nextCounter(ref.file, readShareState(ref.dir));
  const next = Math.max(seen, (handedOut.get(ref.file) ?? 0) + 1);
  handedOut.set(ref.file, next);
  return next;
}

/**
 * One event as it would be recorded now (id, time, actor, counter), not yet
 * written: for an event that others must name or quote in the same append (a
 * delivery carries the escalation it delivers, exactly as it is logged), or
 * that a dry run only shows.
 */
interface RecordOptions {
  drill?: boolean;
  now?: Date;
  /** The full redactor, when the command has one; else the quick forms (services/scrub.ts). */
  redactor?: TextRedactor;
}

export function stamp(
  ctx: Context,
  ref: IncidentRef,
  input: EventInput,
  options: RecordOptions = {},
): OncallEvent {
  // Free text is redacted here, whatever command recorded it.
  const scrubbed = scrubInput(input, options.redactor ?? quickRedactor(ctx.env));
  return makeEvent(scrubbed, {
    incident: ref.id,
    actor: actorOf(ctx.env),
    now: options.now ?? ctx.now(),
    drill: options.drill,
    lamport: counterFor(ref),
  });
}

/**
 * Appends stamped events (each with its Lamport counter) in one write. On a
 * shared incident, a background sync then sends them.
 */
export function recordStamped(
  ctx: Context,
  ref: IncidentRef,
  events: OncallEvent[],
): OncallEvent[] {
  const shared = readShareState(ref.dir);
  appendEvents(ref.file, events);
  if (shared) startBackgroundSync(ctx, homeOf(ctx), ref.id, shared);
  return events;
}

/** Appends events (validated) to the incident's log, stamped with actor, time and counter. */
export function record(
  ctx: Context,
  ref: IncidentRef,
  inputs: EventInput[],
  options: RecordOptions = {},
): OncallEvent[] {
  // One instant for the whole batch, as one write. (Never `{ ...ctx }`: spreading
  // reads every getter, and reading ctx.stdin sets up a stream `oncall note` must not wait on.)
  const now = options.now ?? ctx.now();
  return recordStamped(
    ctx,
    ref,
    inputs.map((input) => stamp(ctx, ref, input, { ...options, now })),
  );
}
