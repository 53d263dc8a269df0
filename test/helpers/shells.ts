// Real shells for the capture tests: bash always (CI has it), zsh and fish
// where installed (`.ci/run` installs both; `apt-get install -y zsh fish`).
// A shell that is not installed has its tests not registered at all (never
// skipped), and the run says so. Each box is a temporary HOME with its own
// ONCALL_HOME and an `oncall` on PATH that runs the built bin.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe } from 'vitest';
import { type Sandbox, sandbox } from './cli.js';
import { BIN } from './paths.js';
import { spawnTerminal, type Terminal } from './pty.js';

export type ShellName = 'bash' | 'zsh' | 'fish';

/** Where the shell is installed, or undefined. */
export function shellPath(name: ShellName): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v "$0"', name], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/**
 * `describe(title, body)`, registered only where the shell is installed; where
 * it is not, the run prints why these tests did not run.
 */
export function describeWithShell(name: ShellName, title: string, body: () => void): void {
  if (shellPath(name)) {
    describe(title, body);
    return;
  }
  console.log(
    `${name} is not installed: "${title}" not run (apt-get install -y ${name} runs it; .ci/run does)`,
  );
}

/** A sandbox with an `oncall` on PATH (the built bin, this Node) and a HOME for the shell's rc files. */
export function shellSandbox(extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const box = sandbox({ LANG: 'C.UTF-8', ...extraEnv });
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'oncall'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
    mode: 0o755,
  });
  box.env.PATH = `${bin}:${process.env.PATH}`;
  delete box.env.CI;
  return box;
}

/** Writes the user's rc file for the shell: ~/.bashrc, ~/.zshrc, or fish's config.fish. */
export function writeRc(box: Sandbox, shell: ShellName, text: string): void {
  const file = {
    bash: join(box.dir, '.bashrc'),
    zsh: join(box.dir, '.zshrc'),
    fish: join(box.env.XDG_CONFIG_HOME ?? join(box.dir, '.config'), 'fish', 'config.fish'),
  }[shell];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** The shell, interactive, in a terminal of its own. */
export function startShell(box: Sandbox, shell: ShellName): Terminal {
  const path = shellPath(shell);
  if (!path) throw new Error(`${shell} is not installed`);
  const args = shell === 'bash' ? ['--noprofile', '-i'] : ['-i'];
  return spawnTerminal(path, args, { cwd: box.dir, env: box.env });
}
