// The one recorder: every event any command writes is stamped here (id, time,
// actor, Lamport counter and hybrid clock, its free text redacted) and appended here, the first
// event of a new incident too. On a shared incident, a background sync then
// sends what was appended.
import { actorOf, type Context } from '../../context.js';
import type { EventInput, OncallEvent } from '../../domain/incident/events.js';
import { type UnopenedAt, unopenedWords } from '../../domain/incident/unopened.js';
import { quickRedactor, scrubInput, type TextRedactor } from '../../domain/redact/scrub.js';
import { warn } from '../../infra/console/output.js';
import { readShareState } from '../../infra/share/share-state.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { appendEvents, makeEvent, seenInTail } from '../../infra/store/log.js';
import { unopenedIn } from '../../infra/store/opening.js';
import { readTail } from '../../infra/store/tail.js';
import { startBackgroundSync } from '../share/background.js';
import { homeOf } from './home.js';

/** How much of the own log's end is read for its counter and clock (log.ts seenIn). */
const TAIL_BYTES = 64 * 1024;

/** The last counter and hybrid clock this process gave an event of each log: the next stamp comes after. */
const handedOut = new Map<string, { counter: number; hlc: string }>();

/**
 * The Lamport counter and hybrid clock for the next event of `ref`'s log: one
 * more than the highest counter seen, and the latest of this laptop's clock
 * and every `hlc` seen; seen in the own log's tail (never the whole log:
 * `oncall note` must cost the same on a long incident), among the peers' as
 * last fetched (share.json), and in what this process handed out before (the
 * events of one append, an escalation and the deliveries that quote it, count
 * up in order before any of them is written). A log not written yet (a new
 * incident's) has seen none: its first event counts 1.
 */
function clockFor(ref: IncidentRef, now: Date): { lamport: number; hlc: string } {
  const shared = readShareState(ref.dir);
  const tail = readTail(ref.file, TAIL_BYTES);
  const own = seenInTail(ref.file, tail?.lines ?? []);
  // A shared incident's own log need not hold its opening: a peer's does.
  if (tail && !shared) unopened.set(ref.file, unopenedIn(ref.file, tail, ref.id));
  const before = handedOut.get(ref.file);
  const lamport = Math.max(own.counter, shared?.peerCounter ?? 0, before?.counter ?? 0) + 1;
  let hlc = now.toISOString();
  for (const seen of [own.hlc, shared?.peerHlc, before?.hlc]) if (seen && seen > hlc) hlc = seen;
  handedOut.set(ref.file, { counter: lamport, hlc });
  return { lamport, hlc };
}

/**
 * Why each log stamped for (by its file) lacks a readable opening event, as
 * its tail showed when the stamp read it; said once, after the append.
 */
const unopened = new Map<string, UnopenedAt | undefined>();
/** The logs warned about, by the command's context: once is enough (a run records its start and its end). */
const warned = new WeakMap<Context, Set<string>>();

/**
 * An append to a log the reading commands refuse (no readable incident.opened
 * of this incident: damaged, deleted, another incident's log) is kept, and
 * one warning says so with the fix: else a responder keeps typing notes
 * nobody can read. From what the stamp read anyway: nothing more is read.
 */
function warnUnopened(ctx: Context, ref: IncidentRef, events: readonly OncallEvent[]): void {
  const at = unopened.get(ref.file);
  unopened.delete(ref.file);
  if (!at || events.some((e) => e.type === 'incident.opened')) return;
  const said = warned.get(ctx) ?? new Set<string>();
  if (said.has(ref.file)) return;
  warned.set(ctx, said.add(ref.file));
  warn(
    ctx,
    unopenedWords(at, 'what was just recorded is kept, but no reading command can show it'),
  );
}

interface RecordOptions {
  drill?: boolean;
  /** The instant recorded; the context's clock when not given. */
  now?: Date;
  /** The full redactor, when the command has one; else the quick forms (redact/scrub.ts). */
  redactor?: TextRedactor;
}

/**
 * One event as it would be recorded now (id, time, actor, counter), not yet
 * written: for an event that others must name or quote in the same append (a
 * delivery carries the escalation it delivers, exactly as it is logged), the
 * first event of an incident whose log is being made, or one a dry run only shows.
 */
export function stamp(
  ctx: Context,
  ref: IncidentRef,
  input: EventInput,
  options: RecordOptions = {},
): OncallEvent {
  // Free text is redacted here, whatever command recorded it.
  const scrubbed = scrubInput(input, options.redactor ?? quickRedactor(ctx.env));
  const now = options.now ?? ctx.now();
  return makeEvent(scrubbed, {
    incident: ref.id,
    actor: actorOf(ctx.env),
    now,
    drill: options.drill,
    ...clockFor(ref, now),
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
  warnUnopened(ctx, ref, events);
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
  // One instant for the whole batch, as one write.
  const now = options.now ?? ctx.now();
  return recordStamped(
    ctx,
    ref,
    inputs.map((input) => stamp(ctx, ref, input, { ...options, now })),
  );
}
