// The commands of an incident that its runbook does not have: typed in the
// responder's own shell, run with `oncall run`, or edited in the walk before
// they ran. Each once, with its values turned back into placeholders, how
// often it was used, its last exit code, and the runbook step that was on the
// walk's screen when it was first used. Read from the events alone (the
// postmortem names them; `oncall runbook suggest` proposes them as steps).

import { commandText } from '../incident/command-line.js';
import type { OncallEvent } from '../incident/events.js';
import { ofTypes } from '../incident/of-types.js';
import { byTime } from '../incident/told.js';
import { REDACTED, WITHHELD } from '../redact/redact.js';
import { placeholderName } from '../runbook/placeholder-name.js';
import { commandsOf } from '../runbook/steps.js';
import type { CommandSpec, Runbook } from '../runbook/types.js';
import { WalkDerivation } from '../walk/machine.js';
import { type KnownValue, type PlaceholderSyntax, placeholdersFor } from './placeholders.js';

export interface HandCommand {
  /** As a runbook would hold it: the incident's values put back as placeholders. */
  text: string;
  /** As it was first recorded. */
  recorded: string;
  how: 'typed' | 'run' | 'edited';
  /** The walk's step when it was first used; none outside a walk. */
  stepId?: string;
  uses: number;
  /** The exit code of its last use; null when it never finished (or was killed). */
  lastExit: number | null;
  firstAt: string;
}

export interface HandTyped {
  commands: HandCommand[];
  /** Left out: holding a redacted secret, not found (exit 127), already in the runbook. */
  leftOut: { secret: number; notFound: number; inRunbook: number };
}

/** Shell housekeeping: not a step of anyone's runbook. */
const HOUSEKEEPING = new Set(
  'cd pushd popd dirs clear reset history exit logout fg bg jobs alias unalias source . export unset set echo'.split(
    ' ',
  ),
);

interface Used {
  line: string;
  how: HandCommand['how'];
  /** An edit's step; for a command typed or run, its position in the log's order (see stepBefore). */
  stepId?: string;
  position?: number;
  at: string;
  exit: number | null;
}

/** Trimmed, each run of blanks one space: the replace only for the few lines that need it. */
function normal(text: string): string {
  const trimmed = text.trim();
  return BLANKS_TO_FOLD.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Two blanks in a row, or one that is not a plain space: what `normal` folds. */
const BLANKS_TO_FOLD = /\s\s|[^\S ]/;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A runbook command as a pattern: its placeholders match any value, its blanks any blanks. */
function templateOf(spec: CommandSpec): RegExp {
  const alternatives = [
    '\\{\\{\\s*[\\w-]+\\s*\\}\\}',
    ...(spec.placeholders ?? []).map((p) => escaped(p.text)),
  ];
  const placeholder = new RegExp(alternatives.join('|'));
  let pattern = '';
  let rest = normal(spec.source);
  for (let m = placeholder.exec(rest); m; m = placeholder.exec(rest)) {
    // A value fills one word (or part of one): a placeholder never spans a blank.
    pattern += `${escaped(rest.slice(0, m.index))}\\S+`;
    rest = rest.slice(m.index + m[0].length);
  }
  return new RegExp(`^${(pattern + escaped(rest)).replace(/ /g, '\\s+')}$`);
}

/**
 * Does the runbook have this command already (as written, or with its
 * placeholders filled)? `key`: the command with its values as placeholders, normal.
 */
function runbookHas(runbook: Runbook | undefined): (recorded: string, key: string) => boolean {
  const specs = runbook ? runbook.steps.flatMap(commandsOf) : [];
  const templates = specs.map(templateOf);
  const sources = new Set(specs.map((s) => normal(s.source)));
  return (recorded, key) => {
    if (sources.has(key)) return true;
    if (templates.length === 0) return false;
    const line = normal(recorded);
    return templates.some((t) => t.test(line));
  };
}

/**
 * The step on the walk's screen before each event of `events`: derived by the
 * walk itself from the runbook; without the runbook (its file gone), the step
 * last started. The walk reads the events only when a step is asked for, up to
 * that event: a night whose commands all ran in the walk never asks.
 */
class StepOnScreen {
  private readonly walk: WalkDerivation | undefined;
  private attached = false;
  private started: string | undefined;
  /** The walk's step as last worked out, and whether an event since may have moved it. */
  private known: string | undefined;
  private stale = true;
  /** How many of the events the walk has read. */
  private read = 0;

  constructor(
    runbook: Runbook | undefined,
    private readonly events: readonly OncallEvent[],
  ) {
    this.walk = runbook ? new WalkDerivation(runbook) : undefined;
  }

  /** The step on screen when the event at `at` was recorded (after the events before it). */
  before(at: number): string | undefined {
    for (; this.read < at; this.read++) this.add(this.events[this.read] as OncallEvent);
    if (!this.attached) return undefined;
    if (!this.walk) return this.started;
    // Worked out again only after a step or walk event: building the walk's state
    // at each of a night's thousands of commands cost more than the walk itself.
    if (this.stale) {
      const state = this.walk.state;
      this.known = state.finished ? undefined : state.current;
      this.stale = false;
    }
    return this.known;
  }

  private add(e: OncallEvent): void {
    // Only these move the walk (machine.ts): a command or a note leaves it on its step.
    if (e.type === 'runbook.attached' || e.type.startsWith('step.') || e.type.startsWith('walk.'))
      this.stale = true;
    if (e.type === 'runbook.attached') this.attached = true;
    if (e.type === 'step.started') this.started = e.stepId;
    if (e.type === 'walk.moved') this.started = e.to;
    if (e.type === 'walk.finished') this.started = undefined;
    this.walk?.add(e);
  }
}

/**
 * Every command used, in time order, and the walk's step before a position,
 * asked in increasing order: only a command's first use needs its step, and
 * the walk is read only as far as the last one asked (a night of the same few
 * commands reads a few events of it, not all).
 */
function usedCommands(
  events: readonly OncallEvent[],
  runbook: Runbook | undefined,
): { used: Used[]; stepBefore: (position: number) => string | undefined } {
  const ordered = byTime(events);
  const screen = new StepOnScreen(runbook, ordered);
  const finished = new Map<string, number | null>();
  for (const e of ofTypes(ordered, 'command.finished')) finished.set(e.runId, e.exitCode);
  const used: Used[] = [];
  const editedAt = new Map<string, Used>();
  for (let at = 0; at < ordered.length; at++) {
    const e = ordered[at] as OncallEvent;
    if (e.type === 'command.started' && (e.via === 'shell' || !e.stepId)) {
      const line = e.via === 'shell' ? (e.argv[0] ?? '') : commandText(e);
      used.push({
        line,
        how: e.via === 'shell' ? 'typed' : 'run',
        position: at,
        at: e.ts,
        exit: finished.get(e.runId) ?? null,
      });
    } else if (e.type === 'command.edited') {
      const edit: Used = { line: e.edited, how: 'edited', stepId: e.stepId, at: e.ts, exit: null };
      used.push(edit);
      editedAt.set(e.stepId, edit);
    } else if (e.type === 'command.started' && e.stepId && editedAt.has(e.stepId)) {
      // The run of the step's edited command: its result is the edit's.
      const edit = editedAt.get(e.stepId) as Used;
      edit.exit = finished.get(e.runId) ?? null;
      editedAt.delete(e.stepId);
    }
  }
  return { used, stepBefore: (position) => screen.before(position) };
}

/**
 * The values an incident's commands may hold: its alert's labels, the walk's
 * answers (the latest of each name: a night answers the same step again and again).
 */
function knownValues(events: readonly OncallEvent[]): KnownValue[] {
  const byName = new Map<string, string>();
  for (const e of ofTypes(events, 'incident.opened', 'step.answered')) {
    if (e.type === 'incident.opened') {
      for (const [key, value] of Object.entries(e.labels ?? {})) {
        byName.set(placeholderName(key), value);
      }
    } else if (e.type === 'step.answered' && e.value !== undefined && !e.secret) {
      byName.set(e.variable, e.value);
    }
  }
  return [...byName].map(([name, value]) => ({ name, value }));
}

/** What a used line is, whatever its use: housekeeping, holding a secret, already in the runbook, or its text and key. */
interface LineLook {
  housekeeping: boolean;
  secret: boolean;
  inRunbook: boolean;
  /** With its values as placeholders. */
  text: string;
  /** `text` with its blanks as one space: uses of the same command share it. */
  key: string;
}

function lookAt(
  line: string,
  placeholders: (line: string) => string,
  has: (recorded: string, text: string) => boolean,
): LineLook {
  const program = line.trim().split(/\s+/)[0] ?? '';
  const housekeeping = HOUSEKEEPING.has(program) || !line.trim();
  const secret = !housekeeping && (line.includes(REDACTED) || line.includes(WITHHELD));
  if (housekeeping || secret) return { housekeeping, secret, inRunbook: false, text: '', key: '' };
  const text = placeholders(line);
  const key = normal(text);
  return { housekeeping, secret, inRunbook: has(line, key), text, key };
}

/** The incident's hand-typed commands that `runbook` (if any) does not have. */
export function handTypedCommands(
  events: readonly OncallEvent[],
  runbook: Runbook | undefined,
  syntax: PlaceholderSyntax,
): HandTyped {
  const placeholders = placeholdersFor(knownValues(events), syntax);
  const has = runbookHas(runbook);
  const leftOut = { secret: 0, notFound: 0, inRunbook: 0 };
  const byText = new Map<string, HandCommand>();
  // A night runs the same few lines thousands of times: each distinct line is looked at once.
  const looks = new Map<string, LineLook>();
  const { used, stepBefore } = usedCommands(events, runbook);
  for (const use of used) {
    let look = looks.get(use.line);
    if (!look) {
      look = lookAt(use.line, placeholders, has);
      looks.set(use.line, look);
    }
    if (look.housekeeping) continue;
    if (look.secret) {
      leftOut.secret++;
      continue;
    }
    if (use.exit === 127) {
      leftOut.notFound++;
      continue;
    }
    if (look.inRunbook) {
      leftOut.inRunbook++;
      continue;
    }
    const { text, key } = look;
    const known = byText.get(key);
    if (known) {
      known.uses++;
      known.lastExit = use.exit;
      continue;
    }
    const stepId = use.position === undefined ? use.stepId : stepBefore(use.position);
    // Never spread (a night of distinct commands makes tens of thousands); the fields in the
    // order `runbook suggest --json` prints them.
    const { line: recorded, how, exit: lastExit, at: firstAt } = use;
    const command: HandCommand =
      stepId === undefined
        ? { text, recorded, how, uses: 1, lastExit, firstAt }
        : { text, recorded, how, stepId, uses: 1, lastExit, firstAt };
    byText.set(key, command);
  }
  return { commands: [...byText.values()], leftOut };
}
