// `oncall note <text…>`: the hot path. Appends one event without reading the log
// (only its last 64 KiB, to say when a status update is overdue). A pasted
// secret is redacted with the quick forms only: the gitleaks rules and config
// patterns would cost more than the note itself (see domain/redact/redact-quick.ts).

import type { Context } from '../../context.js';
import { overdueLine } from '../../domain/incident/cadence.js';
import type { EventOf, NoteKind } from '../../domain/incident/events.js';
import {
  closestHypothesis,
  Ideas,
  type IdeasState,
  type NoteEntry,
} from '../../domain/incident/ideas.js';
import { localClock } from '../../domain/incident/time.js';
import { parseWhen } from '../../domain/incident/when.js';
import { redactQuick } from '../../domain/redact/redact-quick.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println, warn } from '../../infra/console/output.js';
import { peerLogFiles, resolvedInTails } from '../../infra/store/all-logs.js';
import { type IncidentRef, resolveIncident } from '../../infra/store/incidents.js';
import { findInTail, readLog } from '../../infra/store/log.js';
import { nudgeOutbox } from '../../use-cases/delivery/nudge.js';
import { homeOf } from '../../use-cases/journal/home.js';
import { record } from '../../use-cases/journal/record.js';
import { warnSilencesEnding } from '../../use-cases/silence/warn.js';
import type { OptionsOf } from '../definition/program.js';
import { resolvedNotice } from '../shared/resolved-notice.js';
import type { noteCommand } from './definition.js';

export type NoteOptions = OptionsOf<typeof noteCommand>;

function kindOf(options: NoteOptions): NoteKind {
  const shorthands: [boolean | undefined, NoteKind][] = [
    [options.action, 'action'],
    [options.finding, 'finding'],
    [options.hypothesis, 'hypothesis'],
    [options.ruledOut, 'ruled-out'],
    [options.confirmed, 'confirmed'],
    [options.decision, 'decision'],
  ];
  // `--confirms <hypothesis>` says which hypothesis a confirmed cause confirms: it is one.
  const confirms = options.confirms !== undefined && options.kind === 'note' && !options.confirmed;
  const chosen = shorthands
    .filter(([on]) => on)
    .map(([, kind]) => kind)
    .concat(confirms ? ['confirmed'] : []);
  if (chosen.length > 1) throw new UsageError(`pick one kind, not ${chosen.join(' and ')}`);
  // --kind arrives checked against the kinds (commands/definitions/note.ts).
  const kind = chosen[0] ?? options.kind;
  if (options.confirms !== undefined && kind !== 'confirmed')
    throw new UsageError(
      `--confirms names the hypothesis a confirmed cause confirms, and this note is a ${kind}: leave one out`,
    );
  return kind;
}

/**
 * What the log's tail says of updates: the most recent promise of a next one
 * (null when resolved or no cadence, undefined when nothing says), and when
 * it was resolved, if it was.
 */
function promisedUpdate(file: string): { due: string | null | undefined; resolvedAt?: string } {
  const latest = findInTail(
    file,
    /"nextUpdateDue"|"incident\.resolved"/,
    (e) =>
      e.type === 'incident.resolved' || ('nextUpdateDue' in e && e.nextUpdateDue !== undefined),
  );
  if (!latest) return { due: undefined };
  if (latest.type === 'incident.resolved') return { due: null, resolvedAt: latest.ts };
  return { due: 'nextUpdateDue' in latest ? latest.nextUpdateDue : undefined };
}

/**
 * A confirmed cause names the open hypothesis its text is closest to. Only the
 * notes are folded for it (the own log and the peers'), as the incident's fold
 * folds them (ideas.ts): a note must not load the whole fold.
 */
function confirming(ref: IncidentRef, text: string, which?: string): NoteEntry | undefined {
  // By id: an event fetched from a peer and found in the own log counts once.
  const byId = new Map<string, EventOf<'note'>>();
  for (const file of [ref.file, ...peerLogFiles(ref.dir)]) {
    for (const e of readLog(file).events) if (e.type === 'note') byId.set(e.id, e);
  }
  const notes = [...byId.values()].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const ideas: IdeasState = { notes: [], openHypotheses: [], ruledOut: [], confirmed: [] };
  const folding = new Ideas(ideas);
  for (const e of notes) folding.taken(e);
  folding.settle();
  return which === undefined
    ? closestHypothesis(text, ideas.openHypotheses)
    : namedHypothesis(which, ideas.openHypotheses);
}

/** How much of a text an error quotes: enough to tell it apart (a pasted one can be pages long). */
const QUOTED = 60;
/** How many open hypotheses the error lists before it counts the rest. */
const LISTED = 5;

function quoted(text: string): string {
  const line = safeLine(text);
  if (line.length <= QUOTED) return line;
  // Not half of a character made of two code units.
  return `${line.slice(0, QUOTED - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** `--confirms <hypothesis>`: the open hypothesis of that id (or the start of it), else of those words. */
function namedHypothesis(which: string, open: readonly NoteEntry[]): NoteEntry {
  const byId = open.filter((h) => h.id === which || (which.length >= 6 && h.id.startsWith(which)));
  const found = byId.length === 1 ? byId[0] : closestHypothesis(which, open);
  if (found) return found;
  const listed = open
    .slice(0, LISTED)
    .map((h) => `'${quoted(h.text)}' (${h.id})`)
    .join(', ');
  const more =
    open.length > LISTED
      ? ` and ${open.length - LISTED} more (oncall status --json lists them with their ids)`
      : '';
  throw new UsageError(
    open.length
      ? `--confirms ${quoted(which)}: no open hypothesis is that one. Open: ${listed}${more}`
      : `--confirms ${quoted(which)}: there is no open hypothesis; leave --confirms out to record the cause on its own`,
  );
}

export async function note(ctx: Context, options: NoteOptions): Promise<void> {
  const typed = options.text.join(' ').trim();
  if (!typed) throw new UsageError('the note is empty: oncall note "what happened"');
  const text = redactQuick(typed, ctx.env);
  const kind = kindOf(options);
  const now = ctx.now();
  const tz = ctx.env.TZ;
  const when = options.at ? parseWhen(options.at, { now, flag: '--at', tz }) : undefined;
  if (when?.notice) warn(ctx, when.notice);
  const ts = when?.at.toISOString();
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const confirms = kind === 'confirmed' ? confirming(ref, text, options.confirms) : undefined;
  const [event] = record(ctx, ref, [
    {
      type: 'note',
      kind,
      text,
      ...(confirms ? { hypothesis: confirms.id } : {}),
      ...(ts ? { ts } : {}),
    },
  ]);
  const at = event?.ts ?? now.toISOString();
  const label = kind === 'note' ? 'Noted' : `Noted (${kind})`;
  println(ctx, `${label} at ${localClock(at, tz)} in ${ref.id}`);
  if (kind === 'confirmed') {
    println(
      ctx,
      confirms
        ? `Confirms the hypothesis noted ${localClock(confirms.ts, tz)}: ${safeLine(confirms.text)}`
        : 'No open hypothesis is close to it: recorded as a confirmed cause of its own.',
    );
  }
  const promised = promisedUpdate(ref.file);
  const resolvedAt = promised.resolvedAt ?? resolvedInTails(peerLogFiles(ref.dir));
  // Written to an incident that is over: kept, and said, with the way to a new one.
  if (resolvedAt && at >= resolvedAt) {
    ctx.stderr.write(resolvedNotice(ref.id, resolvedAt, tz, 'the note'));
  }
  const overdue = overdueLine(promised.due, now);
  if (overdue) warn(ctx, overdue);
  nudgeOutbox(ctx, ref);
  warnSilencesEnding(ctx, ref);
}
