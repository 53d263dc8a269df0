// Whether a recorded text went anywhere. An escalation recorded with --no-send
// (or to someone no channel reaches) was written, not sent: every text that
// tells it must say so, and one that was paged must say through what. Read
// from the delivery events the log already holds (delivery.queued names the
// event it delivers; delivery.attempted says how it went). Pure, one pass.

import type { OncallEvent } from '../incident/events.js';
import { ofTypes } from '../incident/of-types.js';

type Outcome = 'delivered' | 'waiting' | 'failed';

interface Sent {
  channel: string;
  kind: string;
  outcome: Outcome;
}

/** Each delivered event's id, and what became of each of its deliveries. */
export type SentIndex = ReadonlyMap<string, readonly Sent[]>;

export function sentIndex(events: readonly OncallEvent[]): SentIndex {
  const bySource = new Map<string, Sent[]>();
  const byDelivery = new Map<string, Sent>();
  for (const e of ofTypes(events, 'delivery.queued', 'delivery.attempted', 'delivery.requeued')) {
    if (e.type === 'delivery.queued') {
      if (byDelivery.has(e.delivery)) continue;
      const sent: Sent = { channel: e.channel, kind: e.kind, outcome: 'waiting' };
      byDelivery.set(e.delivery, sent);
      const list = bySource.get(e.source);
      if (list) list.push(sent);
      else bySource.set(e.source, [sent]);
    } else if (e.type === 'delivery.attempted') {
      const sent = byDelivery.get(e.delivery);
      if (!sent || sent.outcome === 'delivered') continue;
      sent.outcome =
        e.outcome === 'delivered' ? 'delivered' : e.outcome === 'failed' ? 'failed' : 'waiting';
    } else if (e.type === 'delivery.requeued') {
      const sent = byDelivery.get(e.delivery);
      if (sent?.outcome === 'failed') sent.outcome = 'waiting';
    }
  }
  return bySource;
}

const channelsOf = (list: readonly Sent[], outcome: Outcome) =>
  [...new Set(list.filter((s) => s.outcome === outcome).map((s) => s.channel))].join(', ');

/**
 * How a text for a person went: "sent via pager, chat", "waiting to send via
 * chat", "not delivered via pager", or "recorded, not sent" when nothing was
 * queued for it (--no-send, no channel reaches them, a drill).
 */
export function sentWords(sent: SentIndex, e: OncallEvent): string {
  if (e.drill) return 'drill, not sent';
  const list = (sent.get(e.id) ?? []).filter((s) => s.kind === e.type);
  if (!list.length) return 'recorded, not sent';
  const parts: string[] = [];
  const delivered = channelsOf(list, 'delivered');
  const waiting = channelsOf(list, 'waiting');
  const failed = channelsOf(list, 'failed');
  if (delivered) parts.push(`sent via ${delivered}`);
  if (waiting) parts.push(`waiting to send via ${waiting}`);
  if (failed) parts.push(`not delivered via ${failed}`);
  return parts.join('; ');
}

/** What a milestone did to the pages (mitigate acknowledges them, resolve resolves them), if anything went. */
export function alertWords(sent: SentIndex, e: OncallEvent): string | undefined {
  const list = sent.get(e.id) ?? [];
  const acked = list.filter((s) => s.kind === 'acknowledge' && s.outcome === 'delivered');
  const resolved = list.filter((s) => s.kind === 'resolve' && s.outcome === 'delivered');
  if (acked.length) return `page${acked.length === 1 ? '' : 's'} acknowledged in PagerDuty`;
  if (resolved.length) return `page${resolved.length === 1 ? '' : 's'} resolved in PagerDuty`;
  return undefined;
}
