// The shell a walk's script runs in, and what it was left with. Each command
// is its own process (`sh -c`), attached to the terminal like any command
// oncall runs (stdin, Ctrl-C, the pager, a password prompt all behave as
// typed), with the driver below as its script: it evaluates the runbook's
// statements one by one, stops at the first that fails, and on the way out (an
// EXIT trap, so `exit 3` is caught too) writes the environment, the directory
// and the statement it stopped at into a private folder, from which the next
// command's environment is made (domain/walk/carried.ts).
//
// Nothing the responder typed is written into the driver or the statements:
// the statements are the runbook's own text (a placeholder's value reaches
// them in the environment, see domain/runbook/command-text.ts), passed in
// environment variables and run with `eval`, and the driver is fixed text.
// `set -a` makes a plain `NS=$(…)` carried like an `export NS=…`.
//
// `env -0` writes the environment (NUL-separated, so any value survives);
// where it has no `-0` (an old BSD env) node, which runs oncall anyway,
// writes the same.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScriptLine } from '../../domain/walk/lines.js';

const DUMP_IN_NODE =
  'for (const [k, v] of Object.entries(process.env)) process.stdout.write(k + "=" + v + "\\0")';

/** The fixed script each walk command's shell runs; the statements come in its environment. */
const DRIVER = [
  '__oncall_at=0 __oncall_rc=0',
  `trap '__oncall_rc=$?
{ env -0 2>/dev/null || "$__oncall_node" -e "$__oncall_dump"; } >"$__oncall_state/env" 2>/dev/null
printf "%s" "$PWD" >"$__oncall_state/cwd"
printf "%s" "$__oncall_at" >"$__oncall_state/at"
exit "$__oncall_rc"' EXIT`,
  'set -a',
  'while [ "$__oncall_at" -lt "$__oncall_lines" ]; do',
  '  __oncall_at=$((__oncall_at + 1))',
  '  eval "__oncall_line=\\$__oncall_line_$__oncall_at"',
  '  eval "$__oncall_line"',
  '  __oncall_rc=$?',
  '  eval "__oncall_go=\\$__oncall_go_$__oncall_at"',
  '  [ "$__oncall_rc" -eq 0 ] || [ -n "$__oncall_go" ] || exit "$__oncall_rc"',
  'done',
  'exit "$__oncall_rc"',
].join('\n');

/** What the shell was left with when it ended. */
export interface ShellEnd {
  env: Record<string, string>;
  cwd?: string;
  /** The statement (from 1) it ended at: the one that failed, when it failed. */
  at?: number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `NAME=value` records, NUL-separated, as `env -0` writes them. */
export function parseEnvDump(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

const FILES = ['env', 'cwd', 'at'] as const;

/**
 * A walk's private folder (0700, under the system's temporary folder) where
 * each command's shell leaves what it ended with; removed when the walk ends
 * or oncall exits. It holds environment values for a moment: read, then deleted.
 */
export class WalkShell {
  private dir?: string;
  /** Removes the folder if oncall exits before the walk closes it. */
  private readonly atExit = () => this.close();

  private folder(): string {
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), 'oncall-walk-'));
      process.once('exit', this.atExit);
    }
    return this.dir;
  }

  /** The shell's arguments and the environment the driver reads, for these statements. */
  invocation(lines: readonly ScriptLine[]): { args: string[]; env: Record<string, string> } {
    const dir = this.folder();
    for (const file of FILES) rmSync(join(dir, file), { force: true });
    const env: Record<string, string> = {
      __oncall_state: dir,
      __oncall_node: process.execPath,
      __oncall_dump: DUMP_IN_NODE,
      __oncall_lines: String(lines.length),
    };
    // Every variable set, so a runbook's `set -u` cannot trip the driver.
    lines.forEach((line, i) => {
      env[`__oncall_line_${i + 1}`] = line.text;
      env[`__oncall_go_${i + 1}`] = line.stops ? '' : '1';
    });
    return { args: ['-c', DRIVER], env };
  }

  /** What the last command's shell ended with; undefined when it wrote nothing (killed, or `exec`). */
  ended(): ShellEnd | undefined {
    if (!this.dir) return undefined;
    const dump = readText(join(this.dir, 'env'));
    const cwd = readText(join(this.dir, 'cwd'));
    const at = Number(readText(join(this.dir, 'at')) ?? Number.NaN);
    for (const file of FILES) rmSync(join(this.dir, file), { force: true });
    if (!dump) return undefined;
    return {
      env: parseEnvDump(dump),
      ...(cwd ? { cwd } : {}),
      ...(Number.isInteger(at) && at > 0 ? { at } : {}),
    };
  }

  /** The folder goes with the walk. */
  close(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    process.off('exit', this.atExit);
  }
}
