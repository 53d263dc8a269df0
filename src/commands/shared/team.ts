// The part of `oncall status` about people and sharing: a handoff not yet
// accepted, who is working the incident and what each did last, and whether
// this laptop's events have reached the team ("3 events not yet shared",
// "last synced 2m ago"). Everything here is derived: the events, and the
// incident's share.json. Peers' names and git's messages come from other
// machines: each is made safe for the terminal (described events already are).
import chalk from 'chalk';
import type { OncallEvent } from '../../domain/incident/events.js';
import { byTime, type IncidentState } from '../../domain/incident/fold.js';
import { between, localClock } from '../../domain/incident/time.js';
import { describeEvent } from '../../domain/render/describe.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { ShareState } from '../../infra/share/share-state.js';

/** What `oncall status --json` adds about sharing. */
export interface ShareSummary {
  remote: string;
  branch: string;
  lastSyncedAt?: string;
  notYetShared: number;
  lastError?: { at: string; message: string };
}

export function shareSummary(state: ShareState, notYetShared: number): ShareSummary {
  return {
    remote: state.remote,
    branch: state.branch,
    ...(state.lastSyncedAt ? { lastSyncedAt: state.lastSyncedAt } : {}),
    notYetShared,
    ...(state.lastError ? { lastError: state.lastError } : {}),
  };
}

/**
 * Each responder's latest event that says something. Read from the newest
 * back, describing only the events of responders not yet found: a night's
 * log is not told in full to name what a few people did last.
 */
function lastActs(state: IncidentState, events: readonly OncallEvent[]) {
  const runs = new Map(state.commands.map((run) => [run.runId, run]));
  const last = new Map<string, { ts: string; what: string }>();
  const ordered = byTime(events);
  const actors = new Set(state.responders);
  for (let i = ordered.length - 1; i >= 0 && last.size < actors.size; i--) {
    const e = ordered[i] as OncallEvent;
    if (last.has(e.actor)) continue;
    const what = describeEvent(e, runs);
    if (what !== undefined) last.set(e.actor, { ts: e.ts, what });
  }
  return state.responders.flatMap((who) => {
    const act = last.get(who);
    return act ? [{ who: safeLine(who), ...act }] : [];
  });
}

/** The commander is a contact key (after a handoff) or an actor (who opened it). */
function isCommander(actor: string, commander: string): boolean {
  const user = (who: string) => who.split('@')[0]?.toLowerCase();
  return actor === commander || user(actor) === user(commander);
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function teamLines(
  state: IncidentState,
  events: readonly OncallEvent[],
  now: Date,
  tz: string | undefined,
  share: ShareSummary | undefined,
): string[] {
  const lines: string[] = [];
  // Without sharing the incoming commander has no laptop of theirs to accept on.
  const pending = share ? state.pendingHandoff : undefined;
  if (pending) {
    const to = safeLine(pending.toName ?? pending.to);
    lines.push(
      chalk.yellow(
        `! handoff to ${to} not yet accepted (since ${localClock(pending.ts, tz)}; ${to} runs \`oncall handoff --accept\`)`,
      ),
    );
  }
  const acts = lastActs(state, events);
  if (acts.length > 1 || share) {
    lines.push('Responders:');
    const width = Math.max(...acts.map((a) => a.who.length));
    for (const a of acts) {
      const role = isCommander(a.who, state.commander) ? ' (commander)' : '';
      lines.push(
        `  ${a.who.padEnd(width)}${role} ${chalk.dim(`${between(a.ts, now)} ago:`)} ${a.what}`,
      );
    }
  }
  if (share) {
    const synced = share.lastSyncedAt
      ? `last synced ${between(share.lastSyncedAt, now)} ago`
      : 'not synced yet';
    const waiting = share.notYetShared
      ? `; ${plural(share.notYetShared, 'event')} not yet shared`
      : '';
    lines.push(`Shared on ${safeLine(share.remote)}: ${synced}${waiting}`);
    if (share.lastError && (!share.lastSyncedAt || share.lastError.at > share.lastSyncedAt)) {
      lines.push(
        chalk.yellow(
          `! last sync failed ${between(share.lastError.at, now)} ago: ${safeLine(share.lastError.message)}`,
        ),
      );
    }
  }
  return lines;
}
