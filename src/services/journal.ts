// What most commands share: find the incident, read and fold its log, append events.
import { actorOf, type Context } from '../context.js';
import { OncallError } from '../errors.js';
import type { EventInput, OncallEvent } from '../incident/events.js';
import { EmptyIncidentError, foldIncident, type IncidentState } from '../incident/fold.js';
import { type IncidentRef, resolveIncident } from '../store/incidents.js';
import { appendEvents, makeEvent, readLog } from '../store/log.js';
import { dataHome } from '../store/paths.js';
import { warnDamage } from '../ui/output.js';

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

/** Resolves, reads (warning once per damaged line) and folds the incident. */
export function loadIncident(ctx: Context, options: IncidentOptions): LoadedIncident {
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const { events, damaged } = readLog(ref.file);
  warnDamage(ctx, damaged);
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
 * One event as it would be recorded now (id, time, actor), not yet written:
 * for an event that others must name by id in the same append (a delivery
 * names the escalation it delivers), or that a dry run only shows.
 */
export function stamp(
  ctx: Context,
  ref: IncidentRef,
  input: EventInput,
  options: { drill?: boolean } = {},
): OncallEvent {
  return makeEvent(input, {
    incident: ref.id,
    actor: actorOf(ctx.env),
    now: ctx.now(),
    drill: options.drill,
  });
}

/** Appends events stamped with `stamp`, in one write. */
export function recordStamped(ref: IncidentRef, events: readonly OncallEvent[]): void {
  appendEvents(ref.file, events);
}

/** Appends events (validated) to the incident's log, stamped with actor and time. */
export function record(
  ctx: Context,
  ref: IncidentRef,
  inputs: EventInput[],
  options: { drill?: boolean } = {},
): OncallEvent[] {
  const now = ctx.now();
  const actor = actorOf(ctx.env);
  const events = inputs.map((input) =>
    makeEvent(input, { incident: ref.id, actor, now, drill: options.drill }),
  );
  appendEvents(ref.file, events);
  return events;
}
