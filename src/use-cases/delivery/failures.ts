// For `oncall doctor`: deliveries that failed for good on this laptop and
// were not fixed since (nothing delivered through that channel after them).
// An archived Slack channel or a revoked key is found before the rotation,
// not at 2am: each says which channel, when, why and how to send it again.
import { actorOf, type Context } from '../../context.js';
import { foldOutbox, type OutboxItem } from '../../domain/delivery/outbox.js';
import { utcDateTime } from '../../domain/incident/time.js';
import { listIncidentIds, refOf } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { homeOf } from '../journal/home.js';
import { type Finding, failFinding } from './readiness.js';
import { channelLabel } from './report.js';

interface Latest {
  incident: string;
  item: OutboxItem;
  at: string;
}

/** The last delivered or failed item of each channel, over every incident on this laptop. */
function latestByChannel(ctx: Context): Map<string, Latest> {
  const home = homeOf(ctx);
  const latest = new Map<string, Latest>();
  let ids: string[];
  try {
    ids = listIncidentIds(home);
  } catch {
    return latest; // doctor's data-folder check says what is wrong with it
  }
  for (const id of ids) {
    let events: ReturnType<typeof readLog>['events'];
    try {
      events = readLog(refOf(home, id).file).events;
    } catch {
      continue; // as above
    }
    for (const item of foldOutbox(events, actorOf(ctx.env)).items) {
      if ((item.state !== 'failed' && item.state !== 'delivered') || !item.last) continue;
      const seen = latest.get(item.channel);
      if (!seen || seen.at < item.last.at)
        latest.set(item.channel, { incident: id, item, at: item.last.at });
    }
  }
  return latest;
}

/** One finding per channel whose last delivery failed for good. */
export function deliveryFailures(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  for (const { incident, item, at } of latestByChannel(ctx).values()) {
    if (item.state !== 'failed') continue;
    const what = item.toName ? `the ${item.kind} to ${item.toName}` : `the ${item.kind}`;
    findings.push(
      failFinding(
        `channel ${item.channel}: ${what} via ${channelLabel(item)} failed for good at ${utcDateTime(at)} (incident ${incident}): ${item.last?.error ?? 'refused'}. Fix the channel, then \`oncall outbox flush --failed --incident ${incident}\``,
      ),
    );
  }
  return findings;
}
