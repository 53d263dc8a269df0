// Delivering a text that was just rendered: the delivery.queued events that go
// into the log with it, the attempt right away (a few seconds at most), and
// the lines that tell the responder where it went. A drill delivers nothing.

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { Message } from '../../domain/delivery/message.js';
import { foldOutbox } from '../../domain/delivery/outbox.js';
import { queuedFor, type Route } from '../../domain/delivery/plan.js';
import type { EventInput, EventOf, OncallEvent } from '../../domain/incident/events.js';
import type { Redactor } from '../../domain/redact/redact.js';
import { concreteRequest, describeRequest, previewSecrets } from '../../infra/delivery/request.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { deliverNow } from '../delivery/flush.js';
import { channelLabel, resultLine } from '../delivery/report.js';
import { stamp } from '../journal/record.js';

/** Where a text goes, and how its message is laid out once its event exists. */
export interface Delivery {
  routes: Route[];
  message: (event: OncallEvent, text: string) => Message;
  /** Deliveries beside the channels' (a note on the PagerDuty incident), made from the event. */
  also?: (event: OncallEvent) => EventInput<'delivery.queued'>[];
}

/**
 * The delivery.queued events for `sent.event`, stamped at `sent.now`: recorded
 * with it in one append. Every request is built from texts the command's full
 * redactor went over, and recorded through it again (the log holds what is sent).
 */
export function queuedEvents(
  ctx: Context,
  ref: IncidentRef,
  delivery: Delivery,
  sent: { event: OncallEvent; text: string; now: Date; redactor: Redactor },
): EventOf<'delivery.queued'>[] {
  const redact = (text: string) => sent.redactor.text(text);
  const message = delivery.routes.length ? delivery.message(sent.event, sent.text) : undefined;
  const inputs = [
    ...(message ? delivery.routes.map((route) => queuedFor(message, route, ctx.cwd, redact)) : []),
    ...(delivery.also?.(sent.event) ?? []),
  ];
  return inputs.map(
    (input) =>
      stamp(ctx, ref, input, {
        now: sent.now,
        redactor: sent.redactor,
      }) as EventOf<'delivery.queued'>,
  );
}

/** --dry-run: each request exactly as it would be made, its secrets masked. */
export function previewLines(
  ctx: Context,
  queued: readonly EventOf<'delivery.queued'>[],
): string[] {
  if (!queued.length) return ['Dry run: no channel to send to; nothing recorded.'];
  const lines: string[] = [];
  for (const q of queued) {
    const label = channelLabel(q);
    lines.push(`# ${label}: ${q.delivery}`);
    lines.push(...describeRequest(concreteRequest(q.target, q.request, previewSecrets(ctx.env))));
    lines.push('');
  }
  lines.push('Dry run: nothing sent, nothing recorded.');
  return lines;
}

/** Tries the queued deliveries now (held at most a few seconds); one line per channel. */
export async function sendQueued(
  ctx: Context,
  ref: IncidentRef,
  config: Pick<ResolvedConfig, 'channels' | 'pagerduty'>,
  queued: readonly EventOf<'delivery.queued'>[],
): Promise<string[]> {
  if (!queued.length) return [];
  const results = await deliverNow(
    ctx,
    ref,
    queued.map((q) => q.delivery),
    { channels: config.channels, pagerduty: config.pagerduty },
  );
  const outbox = foldOutbox(readLog(ref.file).events);
  return results.map((result) => resultLine(result, outbox, ctx.now()));
}

/** A drill never reaches anyone: say where it would have gone. */
export function drillLine(routes: readonly Route[]): string | undefined {
  if (!routes.length) return undefined;
  const where = routes.map((r) => channelLabel({ via: r.config.type, channel: r.channel }));
  return `Drill: not sent (it would go via ${where.join(', ')}).`;
}
