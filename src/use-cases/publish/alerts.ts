// The PagerDuty alerts an incident triggered follow its milestones:
// `oncall mitigate` acknowledges them (the pages stop repeating) and
// `oncall resolve` resolves them, each alert by the dedup_key it was
// triggered with, so exactly what was paged is closed. The PagerDuty incident
// it was started from (`start --from pagerduty:…`) is resolved there too.

import type { Context } from '../../context.js';
import { foldOutbox, openAlerts } from '../../domain/delivery/outbox.js';
import { alertQueued } from '../../domain/delivery/plan.js';
import type { EventInput, EventOf } from '../../domain/incident/events.js';
import { loadConfig } from '../../infra/config/load.js';
import { markWaiting } from '../../infra/delivery/outbox-files.js';
import { budgetEnd } from '../delivery/limits.js';
import { mayResolvePagerDuty, pagerdutyResolution } from '../intake/pagerduty-actions.js';
import type { LoadedIncident } from '../journal/load.js';
import { recordStamped, stamp } from '../journal/record.js';
import { sendQueued } from './send.js';

/**
 * Records the milestone and, in the same append, an acknowledge or resolve for
 * each open alert; then sends them (a few seconds at most). Returns the lines to show.
 */
export async function recordMilestone(
  ctx: Context,
  loaded: LoadedIncident,
  input: EventInput<'incident.mitigated'> | EventInput<'incident.resolved'>,
): Promise<string[]> {
  const { ref, events, state } = loaded;
  const event = stamp(ctx, ref, input) as EventOf<'incident.mitigated' | 'incident.resolved'>;
  // Every page still open on the incident, whoever sent it: this responder's
  // mitigate or resolve is theirs to deliver, and it closes them all.
  const alerts = openAlerts(foldOutbox(events));
  const pagerduty = mayResolvePagerDuty(state, events);
  if (!alerts.length && !pagerduty) {
    recordStamped(ctx, ref, [event]);
    return [];
  }
  const config = await loadConfig(ctx.cwd, ctx.env);
  const action = input.type === 'incident.resolved' ? 'resolve' : 'acknowledge';
  const resolution = pagerduty ? pagerdutyResolution(state, config, event) : undefined;
  const queued = [
    ...alerts.map((alert) => alertQueued(event.id, action, alert, config)),
    ...(resolution ? [resolution] : []),
  ].map((q) => stamp(ctx, ref, q) as EventOf<'delivery.queued'>);
  if (!queued.length) {
    recordStamped(ctx, ref, [event]);
    return [];
  }
  recordStamped(ctx, ref, [event, ...queued]);
  markWaiting(ref.dir, budgetEnd(ctx));
  return sendQueued(ctx, ref, config, queued);
}
