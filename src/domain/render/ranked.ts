// What was done and learned, sorted by what the woken reader needs, not by
// when it happened: what was changed (every command that changed something,
// with its result, and the actions and decisions noted), what was found, what
// was tried and did not work, and the rest that was tried. Every fact lands in
// one list only, and repeats are one line (render/runs). Each list is in time
// order; a short form takes the newest of each (render/phone).

import type { CommandRun, IncidentState } from '../incident/fold.js';
import { ideaOf } from '../incident/ideas.js';
import { ofTypes } from '../incident/of-types.js';
import { localClock } from '../incident/time.js';
import { lastOutputLine } from './describe.js';
import { clockIn, type RenderInput, severalDays, unrecoveredFailures } from './facts.js';
import { changesSomething, groupRuns, groupText, phoneGroupText, type RunGroup } from './runs.js';

/** One fact at its local time; `phone` is how a phone screen shows it (commands shortened). */
export interface Fact {
  /** Local HH:MM. */
  at: string;
  ts: string;
  text: string;
  phone: string;
  /** Taken first when room is short (a command that changed something, a confirmed cause). */
  first?: boolean;
}

interface Ranked {
  changed: Fact[];
  found: Fact[];
  /** Failed and never succeeded since (a failed change is in `changed`, with its result). */
  failed: Fact[];
  /** Everything else that was tried or done: checks that passed, steps, skips. */
  tried: Fact[];
  /** Plain notes that are neither a change nor a finding. */
  notes: Fact[];
}

/** Words in a plain note that make it a change: a deploy, a rollback, a flag. */
const CHANGE_WORDS =
  /\b(deploy(ed|s|ment)?|release[ds]?|roll(ed)?[ -]?back|rollout|revert(ed)?|migration|config(uration)? change|feature flag|flag flip|merged?|restart(ed)?|scaled?|failover|failed over|drain(ed)?|paused?|disabled?|enabled?)\b/i;
/** Kinds of note that are something learned (a confirmed cause is one too). */
const FOUND_KINDS = new Set(['finding', 'confirmed']);

const fact = (ts: string, text: string, tz: string, phone = text): Fact => ({
  at: localClock(ts, tz),
  ts,
  text,
  phone,
});

/** A group of runs; with `output`, the last line its latest run printed (what a failure said). */
function groupFact(group: RunGroup, tz: string, output = false): Fact {
  const said = output ? lastOutputLine(group.last) : undefined;
  return fact(
    group.last.startedAt,
    `${groupText(group, tz)}${said ? `: \`${said.replace(/`/g, "'")}\`` : ''}`,
    tz,
    phoneGroupText(group, tz),
  );
}

const byTs = (a: Fact, b: Fact) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/**
 * The same words noted again (from two terminals, or twice in a hurry) are one
 * fact: its latest time, and how often when more than once.
 */
class Repeats {
  private readonly byList = new Map<Fact[], Map<string, { fact: Fact; count: number }>>();
  /** Facts said again since they were made: their local time is set once, at the end (settle). */
  private readonly moved = new Set<Fact>();

  add(list: Fact[], ts: string, text: string, tz: string, first = false): void {
    let seen = this.byList.get(list);
    if (!seen) {
      seen = new Map();
      this.byList.set(list, seen);
    }
    // Trimmed, lower case, blanks as one space: what ideaOf makes of it, at no replace for most notes.
    const key = ideaOf(text);
    const known = seen.get(key);
    // Fields set one by one, never spread: a night's notes are tens of thousands of facts.
    if (known) {
      known.count += 1;
      const again = known.fact;
      this.moved.add(again);
      again.ts = ts;
      again.text = `${text} (×${known.count})`;
      again.phone = again.text;
      return;
    }
    const made = fact(ts, text, tz);
    if (first) made.first = true;
    list.push(made);
    seen.set(key, { fact: made, count: 1 });
  }

  /** Each fact said again at the local time it was last said. */
  settle(tz: string): void {
    for (const fact of this.moved) fact.at = localClock(fact.ts, tz);
  }
}

/** The notes, each in the one list it belongs to, the same words once; a list not wanted stays empty. */
function sortNotes(state: IncidentState, tz: string, ranked: Ranked, wanted: Wanted): void {
  const repeats = new Repeats();
  for (const n of state.notes) {
    if (FOUND_KINDS.has(n.kind)) {
      if (!wanted.found) continue;
      const confirmed = n.kind !== 'finding';
      repeats.add(ranked.found, n.ts, `${confirmed ? `${n.kind}: ` : ''}${n.text}`, tz, confirmed);
    } else if (n.kind === 'action') {
      if (wanted.changed) repeats.add(ranked.changed, n.ts, n.text, tz);
    } else if (n.kind === 'decision') {
      if (wanted.changed) repeats.add(ranked.changed, n.ts, `decided: ${n.text}`, tz);
    } else if (n.kind === 'note') {
      const list = CHANGE_WORDS.test(n.text) ? 'changed' : 'notes';
      if (wanted[list]) repeats.add(ranked[list], n.ts, n.text, tz);
    }
  }
  repeats.settle(tz);
}

/** The walk's outcomes that are not commands: a step done with a note, a skip, a choice. */
function stepFacts(input: RenderInput): Fact[] {
  const { events, tz } = input;
  const facts: Fact[] = [];
  for (const e of ofTypes(events, 'step.completed', 'step.skipped', 'step.decided')) {
    if (e.type === 'step.completed' && e.note)
      facts.push(fact(e.ts, `step ${e.stepId}: ${e.note}`, tz));
    else if (e.type === 'step.skipped')
      facts.push(fact(e.ts, `skipped step ${e.stepId}: ${e.reason}`, tz));
    else if (e.type === 'step.decided')
      facts.push(fact(e.ts, `step ${e.stepId}: chose "${e.choice}"`, tz));
  }
  return facts;
}

type Wanted = Record<keyof Ranked, boolean>;

const EVERY_LIST: readonly (keyof Ranked)[] = ['changed', 'found', 'failed', 'tried', 'notes'];

/**
 * The ranked lists of what was done and learned; with `only`, just those lists
 * are made (the others are empty). Which list a fact lands in never depends on
 * what is asked: a postmortem asks for two of the five, and a long night's
 * findings and checks are tens of thousands of facts it would throw away.
 */
export function rankedFacts(
  input: RenderInput,
  only: readonly (keyof Ranked)[] = EVERY_LIST,
): Ranked {
  const { state, tz } = input;
  const wanted: Wanted = {
    changed: false,
    found: false,
    failed: false,
    tried: false,
    notes: false,
  };
  for (const list of only) wanted[list] = true;
  const ranked: Ranked = { changed: [], found: [], failed: [], tried: [], notes: [] };
  const failing = new Set<CommandRun>(
    wanted.failed || wanted.tried ? unrecoveredFailures(state) : [],
  );
  const changes: CommandRun[] = [];
  const failed: CommandRun[] = [];
  const others: CommandRun[] = [];
  for (const run of state.commands) {
    if (changesSomething(run)) changes.push(run);
    else if (failing.has(run)) failed.push(run);
    else others.push(run);
  }
  // What changed the system, with its result, comes before what someone noted doing.
  // Lists made whole, never spread into push: a long night's groups outnumber a call's arguments.
  if (wanted.changed)
    ranked.changed = groupRuns(changes).map((g) => ({ ...groupFact(g, tz), first: true }));
  if (wanted.failed) ranked.failed = groupRuns(failed).map((g) => groupFact(g, tz, true));
  if (wanted.tried)
    ranked.tried = [...groupRuns(others).map((g) => groupFact(g, tz)), ...stepFacts(input)];
  sortNotes(state, tz, ranked, wanted);
  for (const list of Object.values(ranked)) list.sort(byTs);
  // A night past midnight: each time with its day (rare; most nights keep the clock alone).
  if (severalDays(input)) {
    const clock = clockIn(input);
    for (const list of Object.values(ranked)) for (const f of list) f.at = clock(f.ts);
  }
  return ranked;
}
