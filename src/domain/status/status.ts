// What `oncall status` (and bare `oncall`) knows, as one model: the clock,
// severity and milestones (the incident's fold), where the walk stands, the
// updates due, the outbox, the ideas, the commands and the ones that never
// finished, who is working it and whether this laptop's events reached the
// team. Computed once here; the status command renders it as text or JSON.
// Pure: the walk's progress and the share state are read by the use case.
import {
  failed as failedItems,
  foldOutbox,
  heldUntil,
  type OutboxItem,
  waiting,
} from '../delivery/outbox.js';
import { overdueLine } from '../incident/cadence.js';
import { shownTime } from '../incident/clocks.js';
import type { EventOf, OncallEvent } from '../incident/events.js';
import {
  type CommandRun,
  type IncidentState,
  type NoteEntry,
  writersOf,
} from '../incident/fold.js';
import { unverified } from '../incident/provenance.js';
import { commandItems, waitFailed } from '../incident/runs.js';
import { byTime } from '../incident/told.js';
import { summarizeSteps, walkRecord } from '../incident/walk.js';
import { describeEvent } from '../render/describe.js';
import { foldSilences, type IncidentSilence } from '../silence/silences.js';
import { safeLine } from '../text/terminal-safe.js';

/** Where sharing stands for the incident (`oncall status --json` says it as it is). */
export interface ShareSummary {
  remote: string;
  branch: string;
  lastSyncedAt?: string;
  notYetShared: number;
  lastError?: { at: string; message: string };
  /** A background sync waiting to try again. */
  retry?: { attempt: number; nextAt: string; message: string };
  /** Peers whose clock is off from this laptop's by over a minute (ms, + ahead). */
  clocks?: Record<string, number>;
}

/** A responder and the last thing they did that says something. */
interface Act {
  /** Made safe for the terminal: it comes from another machine. */
  who: string;
  ts: string;
  /** Described (render/describe.ts): safe already. */
  what: string;
  commander: boolean;
}

export interface StatusModel {
  incident: IncidentState;
  now: Date;
  /** The zone clock times are told in (the process's own when undefined). */
  tz: string | undefined;
  elapsedMs: number;
  /** The update is late: by how much, and what to do (never once resolved). */
  overdue?: string;
  /** Steps the walk has dealt with (done, skipped or decided), from the events alone. */
  stepsHandled: number;
  /** Where the walk stands, when the attached runbook can still be read. */
  walk?: string;
  /** Commands started and never finished: still running somewhere, or cut off. */
  unfinished: CommandRun[];
  /** This responder's outbox (a peer's messages are theirs to send). */
  outbox: {
    waiting: number;
    failed: OutboxItem[];
    /** Channels that asked for a pause (429) not over yet, and until when: what waits for them waits till then. */
    held: { channel: string; until: string }[];
  };
  /** Open hypotheses, ideas ruled out, and causes confirmed (`oncall note --confirmed`). */
  ideas: { open: NoteEntry[]; ruledOut: NoteEntry[]; confirmed: NoteEntry[] };
  /** Commands run and failed, a wait's polls counted as one (its wait: failed when it gave up). */
  commands: { run: number; failed: number };
  notes: number;
  /** A handoff offered and not yet accepted: the commander is still the one who offered it. */
  handoffOffered?: EventOf<'handoff'>;
  responders: Act[];
  share?: ShareSummary;
  /** Events found in a file that is not their actor's: shown flagged, kept out of decisions. */
  unverified: { count: number; first?: string };
  /** The incident's Alertmanager silences (`oncall silence`), holding or not. */
  silences: IncidentSilence[];
}

/** What the model needs besides the log. */
interface StatusAt {
  now: Date;
  tz: string | undefined;
  /** Whose outbox to show: this responder's. */
  sender?: string;
  walk?: string;
  share?: ShareSummary;
}

/** Steps the walk has dealt with (done, skipped or decided), from the events alone. */
function stepsHandled(events: readonly OncallEvent[]): number {
  const { done, skipped } = summarizeSteps(walkRecord(events));
  return done + skipped.length;
}

/** The commander is a contact key (after a handoff) or an actor (who opened it). */
function isCommander(actor: string, commander: string): boolean {
  const user = (who: string) => who.split('@')[0]?.toLowerCase();
  return actor === commander || user(actor) === user(commander);
}

/**
 * Each responder's latest event that says something. Read from the newest
 * back, describing only the events of responders not yet found: a night's
 * log is not told in full to name what a few people did last.
 */
function lastActs(
  state: IncidentState,
  events: readonly OncallEvent[],
  clocks: Readonly<Record<string, number>> | undefined,
): Act[] {
  const runs = new Map(state.commands.map((run) => [run.runId, run]));
  const last = new Map<string, { ts: string; what: string }>();
  const ordered = byTime(events);
  // Who wrote to the log: a receiver of a handoff who never did would have the whole log read for nothing.
  const actors = new Set(writersOf(state) ?? state.responders);
  for (let i = ordered.length - 1; i >= 0 && last.size < actors.size; i--) {
    const e = ordered[i] as OncallEvent;
    // A claim in someone else's file says nothing of what its actor did.
    if (last.has(e.actor) || unverified(e) !== undefined) continue;
    const what = describeEvent(e, runs);
    // When it happened in this laptop's clock: "2m ago", not "3h ago", for a peer whose clock is ahead.
    if (what !== undefined) last.set(e.actor, { ts: shownTime(e, clocks).at, what });
  }
  return state.responders.flatMap((who) => {
    const act = last.get(who);
    const shown = safeLine(who);
    return act ? [{ who: shown, ...act, commander: isCommander(shown, state.commander) }] : [];
  });
}

/** How many events this laptop cannot vouch for, and why the first is not. */
function unverifiedOf(events: readonly OncallEvent[]): StatusModel['unverified'] {
  let count = 0;
  let first: string | undefined;
  for (const e of events) {
    const why = unverified(e);
    if (why === undefined) continue;
    count += 1;
    first ??= safeLine(why);
  }
  return { count, ...(first ? { first } : {}) };
}

/** Everything status says about the incident folded from `events`, at `at.now`. */
export function statusModel(
  incident: IncidentState,
  events: readonly OncallEvent[],
  at: StatusAt,
): StatusModel {
  const { now } = at;
  const open = incident.status !== 'resolved';
  const overdue = open ? overdueLine(incident.nextUpdateDue, now) : undefined;
  const outbox = foldOutbox(events, at.sender);
  const { commands, waits } = commandItems(incident);
  const failed =
    commands.filter((c) => c.exitCode !== undefined && c.exitCode !== 0).length +
    waits.filter(waitFailed).length;
  const handoffOffered = incident.handoffOffered;
  return {
    incident,
    now,
    tz: at.tz,
    elapsedMs: now.getTime() - new Date(incident.startedAt).getTime(),
    ...(overdue ? { overdue } : {}),
    stepsHandled: stepsHandled(events),
    ...(at.walk !== undefined ? { walk: at.walk } : {}),
    // A drill's commands never run, so never finish.
    unfinished: incident.commands.filter((run) => run.finishedAt === undefined && !run.drill),
    outbox: {
      waiting: waiting(outbox).length,
      failed: failedItems(outbox),
      held: Object.keys(outbox.pausedUntil).flatMap((channel) => {
        const until = heldUntil(outbox, channel, now);
        return until ? [{ channel, until }] : [];
      }),
    },
    ideas: {
      open: incident.openHypotheses,
      ruledOut: incident.ruledOut,
      confirmed: incident.confirmed,
    },
    commands: { run: commands.length + waits.length, failed },
    notes: incident.notes.length,
    ...(handoffOffered ? { handoffOffered } : {}),
    responders: lastActs(incident, events, at.share?.clocks),
    ...(at.share ? { share: at.share } : {}),
    unverified: unverifiedOf(events),
    silences: foldSilences(events),
  };
}
