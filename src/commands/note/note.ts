// `oncall note <text…>`: the hot path. Appends one event without reading the log
// (only its last 64 KiB, to say when a status update is overdue). A pasted
// secret is redacted with the quick forms only: the gitleaks rules and config
// patterns would cost more than the note itself (see domain/redact/redact-quick.ts).
import type { Context } from '../../context.js';
import { overdueLine } from '../../domain/incident/cadence.js';
import type { NoteKind } from '../../domain/incident/events.js';
import { localClock } from '../../domain/incident/time.js';
import { parseWhen } from '../../domain/incident/when.js';
import { redactQuick } from '../../domain/redact/redact-quick.js';
import { UsageError } from '../../errors.js';
import { println, warn } from '../../infra/console/output.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { findInTail } from '../../infra/store/log.js';
import { nudgeOutbox } from '../../use-cases/delivery/nudge.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';
import { warnSilencesEnding } from '../../use-cases/silence/warn.js';
import type { OptionsOf } from '../definition/program.js';
import type { noteCommand } from './definition.js';

export type NoteOptions = OptionsOf<typeof noteCommand>;

function kindOf(options: NoteOptions): NoteKind {
  const shorthands: [boolean | undefined, NoteKind][] = [
    [options.action, 'action'],
    [options.finding, 'finding'],
    [options.hypothesis, 'hypothesis'],
    [options.ruledOut, 'ruled-out'],
    [options.decision, 'decision'],
  ];
  const chosen = shorthands.filter(([on]) => on).map(([, kind]) => kind);
  if (chosen.length > 1) throw new UsageError(`pick one kind, not ${chosen.join(' and ')}`);
  // --kind arrives checked against the kinds (commands/definitions/note.ts).
  return chosen[0] ?? options.kind;
}

/**
 * The most recent promise of a next update, from the log's tail alone:
 * null when resolved or no cadence, undefined when nothing says.
 */
function promisedUpdate(file: string): string | null | undefined {
  const latest = findInTail(
    file,
    /"nextUpdateDue"|"incident\.resolved"/,
    (e) =>
      e.type === 'incident.resolved' || ('nextUpdateDue' in e && e.nextUpdateDue !== undefined),
  );
  if (!latest || latest.type === 'incident.resolved') return latest ? null : undefined;
  return 'nextUpdateDue' in latest ? latest.nextUpdateDue : undefined;
}

export async function note(ctx: Context, options: NoteOptions): Promise<void> {
  const typed = options.text.join(' ').trim();
  if (!typed) throw new UsageError('the note is empty: oncall note "what happened"');
  const text = redactQuick(typed, ctx.env);
  const kind = kindOf(options);
  const now = ctx.now();
  const when = options.at
    ? parseWhen(options.at, { now, flag: '--at', tz: ctx.env.TZ })
    : undefined;
  if (when?.notice) warn(ctx, when.notice);
  const ts = when?.at.toISOString();
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const [event] = record(ctx, ref, [{ type: 'note', kind, text, ...(ts ? { ts } : {}) }]);
  const label = kind === 'note' ? 'Noted' : `Noted (${kind})`;
  println(ctx, `${label} at ${localClock(event?.ts ?? now, ctx.env.TZ)} in ${ref.id}`);
  const overdue = overdueLine(promisedUpdate(ref.file), now);
  if (overdue) warn(ctx, overdue);
  nudgeOutbox(ctx, ref);
  warnSilencesEnding(ctx, ref);
}
