// What the responder reads about a delivery: one short line per channel,
// saying where it went ("Paged Alice Chen via PagerDuty (pager)") or why it
// waits and what happens next. Pure.
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { Outbox, OutboxItem } from '../../domain/delivery/outbox.js';
import type { DeliveryVia } from '../../domain/incident/delivery-kinds.js';
import { formatDuration } from '../../domain/incident/time.js';
import type { AttemptResult } from './attempt.js';

const SERVICE: Record<DeliveryVia, string> = {
  pagerduty: 'PagerDuty',
  slack: 'Slack',
  teams: 'Teams',
  webhook: 'webhook',
  command: 'command',
  'pagerduty-rest': 'PagerDuty',
};

/** "PagerDuty (pager)": the service, and the team's name for the channel. */
export function channelLabel(item: Pick<OutboxItem, 'via' | 'channel'>): string {
  return `${SERVICE[item.via]} (${item.channel})`;
}

/** Whether an earlier trigger of this alert went out (and was not resolved since): PagerDuty updates it. */
function updatesAlert(outbox: Outbox, item: OutboxItem): boolean {
  let open = false;
  for (const other of outbox.items) {
    if (other.delivery === item.delivery) return open;
    if (other.channel !== item.channel || other.dedupKey !== item.dedupKey) continue;
    if (other.kind === 'resolve') open = false;
    else if (other.kind !== 'acknowledge' && other.state === 'delivered') open = true;
  }
  return open;
}

/** PagerDuty's REST API: the incident the oncall incident came from. */
function restLine(item: OutboxItem): string {
  const incident = item.toName ?? `PagerDuty incident ${item.to ?? ''}`;
  if (item.kind === 'acknowledge') return `Acknowledged ${incident}.`;
  if (item.kind === 'resolve') return `Resolved ${incident}.`;
  return `Added the update to ${incident} as a note.`;
}

function deliveredLine(item: OutboxItem, outbox: Outbox): string {
  if (item.via === 'pagerduty-rest') return restLine(item);
  const who = item.toName ?? item.to;
  const label = channelLabel(item);
  if (item.kind === 'acknowledge')
    return `Acknowledged the alert for ${who ?? 'updates'} on ${label}.`;
  if (item.kind === 'resolve') return `Resolved the alert for ${who ?? 'updates'} on ${label}.`;
  if (item.via === 'pagerduty') {
    const updated = updatesAlert(outbox, item) ? ': alert updated, not duplicated' : '';
    return `Paged ${who ?? 'the on-call'} via ${label}${updated}.`;
  }
  if (item.via === 'command') {
    const program = Array.isArray(item.target.argv) ? String(item.target.argv[0] ?? '') : '';
    return `Sent${who ? ` to ${who}` : ''} through ${basename(program) || 'the command'} (${item.channel}).`;
  }
  if (item.via === 'teams') {
    // A Workflows webhook answers 202 when the flow run is queued, before (and whether) it posts.
    return `Accepted${who ? ` for ${who}` : ''} by ${label}: a Workflows 202 means queued; the flow posts it.`;
  }
  const verb = item.via === 'webhook' ? 'Sent' : 'Posted';
  return `${verb}${who ? ` for ${who}` : ''} to ${label}.`;
}

/** One line per attempt, for the responder. */
export function resultLine(result: AttemptResult, outbox: Outbox, now: Date): string {
  const { item } = result;
  const label = channelLabel(item);
  switch (result.outcome) {
    case 'delivered':
      return deliveredLine(item, outbox);
    case 'retry': {
      const wait = result.nextAttemptAt
        ? ` (next try in ${formatDuration(Math.max(0, Date.parse(result.nextAttemptAt) - now.getTime()))})`
        : '';
      return `Not sent yet via ${label}: ${result.error ?? 'no answer'}. It waits in the outbox and is retried${wait}; \`oncall outbox\` shows it.`;
    }
    case 'failed':
      return `Could not send via ${label}: ${result.error ?? 'refused'}. Fix it, then \`oncall outbox flush --failed\`.`;
    case 'busy': {
      const who = result.owner
        ? ` (pid ${result.owner.pid}${result.owner.host && result.owner.host !== hostname() ? ` on ${result.owner.host}` : ''})`
        : '';
      return `Not sent by this command via ${label}: another oncall process${who} is still sending it; \`oncall outbox\` shows how it went.`;
    }
    case 'held': {
      const wait = result.nextAttemptAt
        ? ` for ${formatDuration(Math.max(0, Date.parse(result.nextAttemptAt) - now.getTime()))} more`
        : '';
      return `Not sent yet via ${label}: it asked oncall to pause (HTTP 429, Retry-After)${wait}. It waits in the outbox and goes after that; \`oncall outbox\` shows it.`;
    }
    case 'done':
      return `Already sent via ${label}.`;
    case 'late':
      return `Not tried yet via ${label}: it waits in the outbox and is retried by the next command.`;
  }
}

/** A failed-for-good item, as `status` and the next command show it. */
export function failedLine(item: OutboxItem, error = item.last?.error): string {
  const what = item.toName ? `${item.kind} to ${item.toName}` : item.kind;
  return `could not send the ${what} via ${channelLabel(item)}: ${error ?? 'refused'}. Fix it, then \`oncall outbox flush --failed\`.`;
}
