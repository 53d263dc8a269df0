// What a walk's command left in its shell, as the log keeps it: the variables
// it set (a secret's value never: only its name, "withheld"), the ones it
// unset, the directory it moved to, and which of its lines failed.
import type { EventInput } from '../../domain/incident/events.js';
import type { Redactor } from '../../domain/redact/redact.js';
import { isSecretName } from '../../domain/redact/secret-names.js';
import { type ShellChange, shellChange } from '../../domain/walk/carried.js';
import type { ScriptLine } from '../../domain/walk/lines.js';
import type { ShellEnd } from '../../infra/exec/walk-shell.js';

/** The change as the walk uses it: every value, the secret ones too (they stay in memory). */
export interface ShellOutcome {
  change: ShellChange;
  /** Names of `change.set` whose values are not recorded. */
  withheld: string[];
  /** The line (from 1) of the statement that failed, for a command of several. */
  failedLine?: number;
  /** That statement, as written. */
  failedText?: string;
}

/** A value the log must not hold: a secret-named variable, or a value the redactor would change. */
function secretValue(name: string, value: string, redact: Redactor, secrets: readonly string[]) {
  if (isSecretName(name) || secrets.some((s) => s && value.includes(s))) return true;
  const line = `${name}=${value}`;
  return redact.text(line) !== line;
}

export function shellOutcome(
  before: { env: NodeJS.ProcessEnv; cwd: string },
  end: ShellEnd | undefined,
  exitCode: number | null,
  lines: readonly ScriptLine[],
  redact: Redactor,
  secrets: readonly string[] = [],
): ShellOutcome | undefined {
  if (!end) return undefined;
  const change = shellChange(before.env, end.env, before.cwd, end.cwd);
  const withheld = Object.entries(change.set)
    .filter(([name, value]) => secretValue(name, value, redact, secrets))
    .map(([name]) => name);
  const failed = exitCode !== 0 && lines.length > 1 && end.at ? lines[end.at - 1] : undefined;
  return {
    change,
    withheld,
    ...(failed ? { failedLine: failed.line, failedText: failed.text } : {}),
  };
}

/** The fields command.finished records of it. */
export function recordedShell(
  outcome: ShellOutcome | undefined,
): Partial<EventInput<'command.finished'>> {
  if (!outcome) return {};
  const { change, withheld, failedLine } = outcome;
  const variables = Object.fromEntries(
    Object.entries(change.set).filter(([name]) => !withheld.includes(name)),
  );
  return {
    ...(Object.keys(variables).length ? { variables } : {}),
    ...(withheld.length ? { withheld } : {}),
    ...(change.unset.length ? { unset: change.unset } : {}),
    ...(change.cwd !== undefined ? { cwdAfter: change.cwd } : {}),
    ...(failedLine !== undefined ? { failedLine } : {}),
  };
}
