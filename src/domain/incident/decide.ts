// What was decided, in the order things were decided. Several responders on
// several laptops record decisions (a severity change, a handoff, a new impact);
// their wall clocks drift, so `ts` cannot say which came last. The events
// arrive in causal order (order.ts), the same on every laptop, and the last
// decision of each kind in that order stands. An event this laptop cannot
// vouch for (provenance.ts) decides nothing. The next update is due in this
// laptop's clock: a promise made on a laptop whose clock runs ahead is due that
// much earlier here. Pure.
import type { EventOf, OncallEvent, Severity } from './events.js';
import { ofTypes } from './of-types.js';
import { unverified } from './provenance.js';

/** How far each responder's clock is off from this laptop's (ms, + ahead). */
type Clocks = Readonly<Record<string, number>> | undefined;

/** A time read on a clock `offMs` ahead of this laptop's, as this laptop's clock tells it. */
export function inOwnClock<T extends string | null | undefined>(at: T, offMs = 0): T {
  if (!at || !offMs) return at;
  return new Date(new Date(at).getTime() - offMs).toISOString() as T;
}

/** The decided part of the incident's state (fold.ts's IncidentState has these fields). */
interface Decided {
  severity: Severity;
  commander: string;
  handoffOffered?: EventOf<'handoff'>;
  impact?: string;
  status: 'active' | 'mitigated' | 'resolved';
  nextUpdateDue?: string | null;
  runbook?: EventOf<'runbook.attached'>['runbook'];
}

/**
 * The events that decide something (`decide` below): those that promise the
 * next update (`nextUpdateDue`) and those its switch takes. A night's notes and
 * commands decide nothing and are not looked at (of-types.ts).
 */
export const DECIDING_TYPES = [
  'incident.opened',
  'update.sent',
  'severity.changed',
  'handoff',
  'handoff.accepted',
  'impact.changed',
  'runbook.attached',
] as const satisfies readonly OncallEvent['type'][];

/** Sets the decided fields from `events`, which must be in causal order. */
export function decideInCausalOrder(
  state: Decided,
  events: readonly OncallEvent[],
  clocks?: Clocks,
): void {
  for (const e of ofTypes(events, ...DECIDING_TYPES)) decide(state, e, clocks);
  resolvedIsFinal(state);
}

/** Takes the decision of one event that comes after every event decided so far (one appended to the log). */
export function decisionTaken(state: Decided, e: OncallEvent, clocks?: Clocks): void {
  decide(state, e, clocks);
  resolvedIsFinal(state);
}

function decide(state: Decided, e: OncallEvent, clocks: Clocks): void {
  if (unverified(e) !== undefined) return;
  if ('nextUpdateDue' in e && e.nextUpdateDue !== undefined) {
    state.nextUpdateDue = inOwnClock(e.nextUpdateDue, clocks?.[e.actor]);
  }
  switch (e.type) {
    case 'severity.changed':
      state.severity = e.to;
      break;
    // Offered is not taken: the commander changes when the incoming one accepts.
    case 'handoff':
      state.handoffOffered = e;
      break;
    case 'handoff.accepted':
      if (state.handoffOffered?.id !== e.handoff) break;
      state.commander = state.handoffOffered.to;
      state.handoffOffered = undefined;
      break;
    case 'impact.changed':
      state.impact = e.impact;
      break;
    case 'runbook.attached':
      state.runbook = e.runbook;
      break;
  }
}

/** Resolved is final whoever resolved it and whenever: no update is due after it. */
function resolvedIsFinal(state: Decided): void {
  if (state.status === 'resolved') state.nextUpdateDue = null;
}
