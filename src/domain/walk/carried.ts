// What one command of a walk leaves for the next, as in the responder's own
// terminal: the variables it set, exported or unset, and the directory it
// moved to. Each command runs in a shell of its own (so it keeps the real
// terminal), and what its shell was left with is compared with what it was
// given; the difference is recorded with the command's end (command.finished),
// and the walk's later commands start from the sum of those differences. A
// resume folds the same events, so it starts from the same state; a value that
// was not recorded (a secret) lives only in the session that saw it.
import type { OncallEvent } from '../incident/events.js';
import { commandsOf } from '../runbook/steps.js';
import type { Runbook, Step } from '../runbook/types.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Set by every shell itself, or by oncall to drive it: never carried. `IFS`
 * and the prompt variables would change how the next shell reads, and
 * `BASH_ENV`/`ENV` would run a file at its start.
 */
const NOT_CARRIED = new Set([
  '_',
  'PWD',
  'OLDPWD',
  'SHLVL',
  'IFS',
  'PS1',
  'PS2',
  'PS4',
  'OPTIND',
  'OPTARG',
  'BASH_ENV',
  'ENV',
  'SHELLOPTS',
  'BASHOPTS',
  'LINENO',
  'RANDOM',
]);
/** oncall's own driver variables (infra/exec/walk-shell.ts): lower case, so no placeholder's `ONCALL_X` is one. */
const DRIVER_NAME = /^__oncall_/;

function isCarried(name: string): boolean {
  return !NOT_CARRIED.has(name) && !DRIVER_NAME.test(name) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** What one command changed in its shell. */
export interface ShellChange {
  /** Variables set, or given another value. */
  set: Record<string, string>;
  unset: string[];
  /** The directory it left, when not the one it started in. */
  cwd?: string;
}

/** The change from what a command's shell was given to what it was left with. */
export function shellChange(
  before: Env,
  after: Env,
  cwdBefore: string,
  cwdAfter: string | undefined,
): ShellChange {
  const set: Record<string, string> = {};
  const unset: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (value !== undefined && value !== before[name] && isCarried(name)) set[name] = value;
  }
  for (const [name, value] of Object.entries(before)) {
    if (value !== undefined && after[name] === undefined && isCarried(name)) unset.push(name);
  }
  return { set, unset, ...(cwdAfter && cwdAfter !== cwdBefore ? { cwd: cwdAfter } : {}) };
}

/** The walk's shell state: what its commands left, summed. */
export interface CarriedShell {
  /** Variables set by the walk's commands, with their values as recorded. */
  vars: Record<string, string>;
  /** Set by a command, their values not recorded (secret): known to the session that saw them only. */
  withheld: Set<string>;
  /** Variables of the responder's environment that a command unset. */
  unset: Set<string>;
  /** Where the last command that moved left the shell. */
  cwd?: string;
}

export function emptyShell(): CarriedShell {
  return { vars: {}, withheld: new Set(), unset: new Set() };
}

/** Adds one command's recorded change to the walk's shell state. */
function applyRecorded(shell: CarriedShell, e: OncallEvent & { type: 'command.finished' }): void {
  for (const [name, value] of Object.entries(e.variables ?? {})) {
    shell.vars[name] = value;
    shell.withheld.delete(name);
    shell.unset.delete(name);
  }
  for (const name of e.withheld ?? []) {
    delete shell.vars[name];
    shell.withheld.add(name);
    shell.unset.delete(name);
  }
  for (const name of e.unset ?? []) {
    delete shell.vars[name];
    shell.withheld.delete(name);
    shell.unset.add(name);
  }
  if (e.cwdAfter !== undefined) shell.cwd = e.cwdAfter;
}

/**
 * The walk's shell state folded from the log, as appended: only the own
 * responder's commands count (a teammate's walk ran in their terminal), and a
 * runbook attached anew starts a new walk with a fresh shell.
 */
export class ShellFold {
  shell: CarriedShell = emptyShell();

  constructor(private readonly actor: string) {}

  add(e: OncallEvent): void {
    if (e.type === 'runbook.attached' && e.actor === this.actor) this.shell = emptyShell();
    if (e.type !== 'command.finished' || e.actor !== this.actor || e.stepId === undefined) return;
    applyRecorded(this.shell, e);
  }
}

/**
 * The environment a walk's command starts with: the responder's, without what
 * the walk unset, with what it set (`known` holds this session's values of
 * withheld variables).
 */
export function carriedEnv(
  base: Env,
  shell: CarriedShell,
  known: ReadonlyMap<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !shell.unset.has(name)) env[name] = value;
  }
  Object.assign(env, shell.vars);
  for (const name of shell.withheld) {
    const value = known.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * The step whose commands set `variable` (`X=…`, `export X=…`, `read X`): said
 * when a later command reads it and the walk's shell does not have it (that
 * step was skipped, or ran in a session before a resume).
 */
export function stepSetting(runbook: Runbook, variable: string): Step | undefined {
  if (!/^[A-Za-z_]\w*$/.test(variable)) return undefined;
  const sets = new RegExp(
    `(?:^|[\\s;&|(])(?:(?:export|readonly|local|declare(?:\\s+-\\w+)*)\\s+)?${variable}=|\\bread\\b[^\\n;|&]*\\s${variable}\\b`,
    'm',
  );
  return runbook.steps.find((step) => commandsOf(step).some((spec) => sets.test(spec.source)));
}
