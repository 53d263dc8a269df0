// "I'm on it", said to PagerDuty: an incident started from a PagerDuty
// incident acknowledges it there. The acknowledgement is queued in the same
// append as the incident's opening (so it is sent exactly once, whatever
// happens after), then sent within the command's few seconds; when PagerDuty
// cannot be reached it waits in the outbox and is retried like every delivery.
// An incident already acknowledged there is left alone, and a resolved one is
// never acknowledged (that would reopen it).
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { incidentLabel } from '../../domain/delivery/channels/pagerduty-rest.js';
import { foldOutbox } from '../../domain/delivery/outbox.js';
import { pagerdutyActionQueued } from '../../domain/delivery/plan.js';
import type { EventOf, OncallEvent } from '../../domain/incident/events.js';
import type { FromAlert } from '../../domain/intake/intake.js';
import { markWaiting } from '../../infra/delivery/outbox-files.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { deliverNow } from '../delivery/flush.js';
import { budgetEnd } from '../delivery/limits.js';
import { resultLine } from '../delivery/report.js';
import { stamp } from '../journal/record.js';

/** The acknowledgement to record with the opening, when there is one to send. */
export function acknowledgementFor(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  opened: OncallEvent,
  from: FromAlert | undefined,
): OncallEvent | undefined {
  if (from?.source.system !== 'pagerduty' || opened.drill) return undefined;
  if (from.status === 'acknowledged' || from.status === 'resolved') return undefined;
  const ack = pagerdutyActionQueued(opened.id, 'acknowledge', from.source, config.pagerduty);
  return stamp(ctx, ref, ack, { now: new Date(opened.ts) });
}

/** Why the PagerDuty incident was not acknowledged, when it was not. */
export function notAcknowledgedLine(from: FromAlert): string | undefined {
  if (from.source.system !== 'pagerduty') return undefined;
  const label = incidentLabel(from.source);
  if (from.status === 'acknowledged') return `${label} was already acknowledged; left as it is.`;
  if (from.status === 'resolved')
    return `${label} is already resolved in PagerDuty; not acknowledged (that would reopen it).`;
  return undefined;
}

/** Sends the acknowledgement just recorded; the lines saying how it went. */
export async function sendAcknowledgement(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
): Promise<string[]> {
  const queued = readLog(ref.file).events.filter(
    (e): e is EventOf<'delivery.queued'> =>
      e.type === 'delivery.queued' && e.via === 'pagerduty-rest' && e.kind === 'acknowledge',
  );
  if (!queued.length) return [];
  // Marked before trying: if this command is stopped half-way, a later one retries.
  markWaiting(ref.dir, budgetEnd(ctx));
  const results = await deliverNow(
    ctx,
    ref,
    queued.map((q) => q.delivery),
    { channels: config.channels, pagerduty: config.pagerduty },
  );
  const outbox = foldOutbox(readLog(ref.file).events);
  return results.map((result) => resultLine(result, outbox, ctx.now()));
}
