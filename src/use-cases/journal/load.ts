// The one way an incident is loaded: its logs read (the own one and, for a
// shared incident, the peers' as last fetched), damaged lines warned about
// once, and the events folded. A command loads it whole, once; the walk and
// `timeline --follow` keep a reader and look again and again: each look reads
// only what was appended since the last and folds it on, so a look costs the
// same on a night's long log as on a short one. What was folded is folded
// again only when it must: a peer's log changed, the own log was replaced, or
// an appended event happened before the last one folded (a backfilled note).
import type { Context } from '../../context.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import {
  EmptyIncidentError,
  IncidentFold,
  type IncidentState,
} from '../../domain/incident/fold.js';
import { unopenedWords } from '../../domain/incident/unopened.js';
import { UsageError } from '../../errors.js';
import { warnDamage } from '../../infra/console/output.js';
import { readShareState } from '../../infra/share/share-state.js';
import { IncidentLogs } from '../../infra/store/all-logs.js';
import { type IncidentRef, resolveIncident } from '../../infra/store/incidents.js';
import type { Damage } from '../../infra/store/log.js';
import { packageVersion } from '../../version.js';
import { homeOf } from './home.js';

export interface IncidentOptions {
  /** `--incident <id>`: overrides the active incident. */
  incident?: string;
}

export interface LoadedIncident {
  ref: IncidentRef;
  events: OncallEvent[];
  state: IncidentState;
}

interface LoadHow {
  /** Damaged lines are not warned about (a look before the command that reports them). */
  quiet?: boolean;
  /** Every text as the log holds it, nothing cut for showing (`--json`, export). */
  whole?: boolean;
}

/** What one look brought: every event (folded anew), or only those appended (folded on). */
interface Look {
  whole: boolean;
  /** With `whole`, every event; else the events appended since the last look, in log order. */
  added: readonly OncallEvent[];
}

export { homeOf };

/** How far each peer's clock seems off from this laptop's, as the last sync estimated (share.json). */
export function clocksOf(ref: IncidentRef): Readonly<Record<string, number>> | undefined {
  return readShareState(ref.dir)?.clocks;
}

/** A log with no readable incident.opened: a bad file (exit 2), its message the one line with file:line and the fix. */
export class UnreadableIncidentError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableIncidentError';
  }
}

/**
 * The incident folded from `events`. A log without a readable opening event
 * cannot be read at all: one line naming the file and the line that should
 * hold it, and the fix (exit 2: a bad file, as README's exit codes say).
 */
function foldOf(
  ref: IncidentRef,
  events: readonly OncallEvent[],
  damaged: readonly Damage[],
): IncidentFold {
  try {
    const clocks = clocksOf(ref);
    return new IncidentFold(events, clocks ? { clocks } : {});
  } catch (error) {
    if (error instanceof EmptyIncidentError) {
      throw new UnreadableIncidentError(unopenedLine(ref, events, damaged));
    }
    throw error;
  }
}

/** Why no incident.opened could be read, where, and the fix: one line. */
function unopenedLine(
  ref: IncidentRef,
  events: readonly OncallEvent[],
  damaged: readonly Damage[],
): string {
  const first = damaged[0];
  return unopenedWords(
    first
      ? first
      : events.length > 0
        ? { file: ref.file, line: 1, reason: `a ${events[0]?.type} event, not incident.opened` }
        : { file: ref.file, line: 0, reason: 'empty' },
    'this incident cannot be read (the file is kept as it is)',
  );
}

/** An incident read and folded, look after look (see the top of this file). */
export class IncidentReader {
  private readonly logs: IncidentLogs;
  private fold: IncidentFold | undefined;
  private all: OncallEvent[] = [];
  /** Damaged lines already warned about, by file:line: each is said once. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly ctx: Context,
    readonly ref: IncidentRef,
    private readonly how: LoadHow = {},
  ) {
    this.logs = new IncidentLogs(ref, how.whole, {
      home: homeOf(ctx),
      version: packageVersion(),
    });
  }

  /** Reads what is new (everything, the first time) and folds it. */
  look(): Look {
    const read = this.logs.read();
    const fold = this.fold;
    if (!read.appended || !fold) {
      try {
        this.fold = foldOf(this.ref, read.events, read.damaged);
      } catch (error) {
        this.logs.restart(); // nothing was folded: the next look reads everything
        throw error;
      }
      // After the fold: a log it refuses is one line, not a warning per line and the refusal.
      this.warn(read.damaged);
      this.all = read.events;
      return { whole: true, added: read.events };
    }
    this.warn(read.damaged);
    let inOrder = true;
    for (const e of read.events) {
      this.all.push(e);
      inOrder &&= fold.add(e);
    }
    if (!inOrder) this.fold = foldOf(this.ref, this.all, []);
    return { whole: false, added: read.events };
  }

  /** Every event read so far, in causal order. */
  get events(): OncallEvent[] {
    return this.all;
  }

  /** The incident as of the last look. */
  get state(): IncidentState {
    if (!this.fold) throw new Error('IncidentReader: state asked for before the first look');
    return this.fold.state;
  }

  private warn(damaged: readonly Damage[]): void {
    const fresh = damaged.filter((d) => !this.warned.has(`${d.file}:${d.line}`));
    for (const d of fresh) this.warned.add(`${d.file}:${d.line}`);
    if (!this.how.quiet) warnDamage(this.ctx, fresh);
  }
}

/** A reader of the incident at `ref` that has looked once: read whole and folded. */
function readAt(ctx: Context, ref: IncidentRef, how: LoadHow): IncidentReader {
  const reader = new IncidentReader(ctx, ref, how);
  reader.look();
  return reader;
}

/**
 * A reader of the incident a command works on (`--incident`, else the active
 * one) that has looked once: for a command that keeps looking.
 */
export function readIncident(
  ctx: Context,
  options: IncidentOptions,
  how: LoadHow = {},
): IncidentReader {
  return readAt(ctx, resolveIncident(homeOf(ctx), options.incident), how);
}

/** The incident at `ref`, read whole and folded (damaged lines warned about unless `quiet`). */
export function loadIncidentAt(ctx: Context, ref: IncidentRef, how: LoadHow = {}): LoadedIncident {
  const { events, state } = readAt(ctx, ref, how);
  return { ref, events, state };
}

/** The incident a command works on (`--incident`, else the active one), read whole and folded. */
export function loadIncident(
  ctx: Context,
  options: IncidentOptions,
  how: LoadHow = {},
): LoadedIncident {
  return loadIncidentAt(ctx, resolveIncident(homeOf(ctx), options.incident), how);
}
