// The PagerDuty incident an incident came from follows it: the first of
// `mitigate` and `resolve` resolves it there (config `pagerduty.resolveOn:
// resolve` waits for the resolve; `never` leaves it to the responder), once,
// with the summary as its resolution; `oncall update` adds its words as a
// note (config `pagerduty.notes: false` stops it), so PagerDuty's own timeline
// shows them. Each is queued with its event in one append and sent like every
// delivery. A drill never reaches PagerDuty.
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { foldOutbox } from '../../domain/delivery/outbox.js';
import { pagerdutyActionQueued } from '../../domain/delivery/plan.js';
import type { EventInput, EventOf, OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';

/** Whether this milestone may resolve a PagerDuty incident at all (before any config is read). */
export function mayResolvePagerDuty(state: IncidentState, events: readonly OncallEvent[]): boolean {
  const source = state.source;
  if (source?.system !== 'pagerduty' || state.drill) return false;
  // Once: whoever queued it, a resolve already on its way (or delivered) is enough.
  return !foldOutbox(events).items.some(
    (item) => item.via === 'pagerduty-rest' && item.kind === 'resolve' && item.to === source.id,
  );
}

/** The resolve to queue with `milestone`, when config says this milestone resolves it. */
export function pagerdutyResolution(
  state: IncidentState,
  config: Pick<ResolvedConfig, 'pagerduty'>,
  milestone: EventOf<'incident.mitigated'> | EventOf<'incident.resolved'>,
): EventInput<'delivery.queued'> | undefined {
  const source = state.source;
  if (source?.system !== 'pagerduty') return undefined;
  const on = config.pagerduty.resolveOn ?? 'mitigate';
  if (on === 'never' || (on === 'resolve' && milestone.type !== 'incident.resolved'))
    return undefined;
  return pagerdutyActionQueued(
    milestone.id,
    'resolve',
    source,
    config.pagerduty,
    milestone.summary,
  );
}

/** A note with the update's words on the PagerDuty incident, when it came from one. */
export function pagerdutyNote(
  state: IncidentState,
  config: Pick<ResolvedConfig, 'pagerduty'>,
  update: OncallEvent,
  text: string,
): EventInput<'delivery.queued'>[] {
  const source = state.source;
  if (source?.system !== 'pagerduty' || state.drill || config.pagerduty.notes === false) return [];
  return [pagerdutyActionQueued(update.id, 'note', source, config.pagerduty, text)];
}
