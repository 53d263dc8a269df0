// How `oncall shell` starts the responder's own shell: their rc files first,
// then the hook (in its `osc` mode), from a folder of our own (0700, removed
// when the shell ends). bash: --rcfile, sourcing ~/.bashrc then the hook;
// zsh: ZDOTDIR pointing at our folder, whose .zshenv and .zshrc source the
// user's own with ZDOTDIR as the user has it (VS Code's way); fish:
// --init-command, which runs after config.fish.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapturedShell } from '../../domain/capture/record.js';

interface ShellLaunch {
  file: string;
  args: string[];
  /** Added to (or, when undefined, removed from) the shell's environment. */
  env: Record<string, string | undefined>;
  /** Removes the folder. */
  cleanup(): void;
}

/** A path in single quotes for sh-like shells. */
const sq = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

function zshFiles(dir: string): void {
  // Each file sources the user's own with ZDOTDIR set back to theirs (a
  // .zshenv that sets ZDOTDIR itself is followed), then points it at ours again.
  const source = (name: string) =>
    `__oncall_z=$ZDOTDIR; ZDOTDIR=$ONCALL_USER_ZDOTDIR\n[[ -f "$ZDOTDIR/${name}" ]] && . "$ZDOTDIR/${name}"\nONCALL_USER_ZDOTDIR=$ZDOTDIR; ZDOTDIR=$__oncall_z; unset __oncall_z\n`;
  writeFileSync(join(dir, '.zshenv'), source('.zshenv'), { mode: 0o600 });
  writeFileSync(
    join(dir, '.zshrc'),
    `${source('.zshrc')}ZDOTDIR=$ONCALL_USER_ZDOTDIR; unset ONCALL_USER_ZDOTDIR\n. ${sq(join(dir, 'hook.zsh'))}\n`,
    { mode: 0o600 },
  );
}

export function prepareShell(
  shell: CapturedShell,
  path: string,
  hook: string,
  env: NodeJS.ProcessEnv,
): ShellLaunch {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-shell-'));
  const hookFile = join(dir, `hook.${shell}`);
  writeFileSync(hookFile, hook, { mode: 0o600 });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  if (shell === 'bash') {
    const rc = join(dir, 'bashrc');
    writeFileSync(rc, `[ -f ~/.bashrc ] && . ~/.bashrc\n. ${sq(hookFile)}\n`, { mode: 0o600 });
    return { file: path, args: ['--rcfile', rc, '-i'], env: {}, cleanup };
  }
  if (shell === 'zsh') {
    const userZdotdir = env.ZDOTDIR ?? env.HOME ?? '';
    zshFiles(dir);
    return {
      file: path,
      args: ['-i'],
      env: { ZDOTDIR: dir, ONCALL_USER_ZDOTDIR: userZdotdir },
      cleanup,
    };
  }
  return { file: path, args: ['-i', '--init-command', `source ${sq(hookFile)}`], env: {}, cleanup };
}
