// The prompt tools responders load beside the hook, for the capture tests:
// their real init scripts (vendored in test/fixtures/shell with their
// licences) and stand-ins for their binaries, written into a shell sandbox.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvents, type Sandbox } from './cli.js';
import { FIXTURES } from './paths.js';

export interface ToolBins {
  starship: string;
  direnv: string;
}

/**
 * Stand-ins for the tools' binaries in the box's bin/: starship's prompt is
 * `[star <status>] <prompt>` (nothing on the right), direnv exports FOO inside
 * the box's envdir/ and unsets it elsewhere.
 */
export function standIns(box: Sandbox, prompt: string): ToolBins {
  const bin = join(box.dir, 'bin');
  const starship = join(bin, 'starship');
  writeFileSync(
    starship,
    `#!/bin/bash
case $1 in
  time) echo $(( \${EPOCHREALTIME//[!0-9]/} / 1000 )) ;;
  prompt) st=
    for a; do case $a in --status=*) st=\${a#*=} ;; --continuation) printf '> '; exit ;; --right) exit ;; esac; done
    printf '[star %s] ${prompt}' "$st" ;;
esac
`,
    { mode: 0o755 },
  );
  const direnv = join(bin, 'direnv');
  writeFileSync(
    direnv,
    `#!/bin/sh\ncase $PWD in */envdir) echo 'export FOO=from-envrc;' ;; *) echo 'unset FOO;' ;; esac\n`,
    { mode: 0o755 },
  );
  mkdirSync(join(box.dir, 'envdir'));
  return { starship, direnv };
}

/** starship's init script for the shell, calling the stand-in. */
export const starshipInit = (shell: 'bash' | 'fish', bins: ToolBins): string =>
  readFileSync(join(FIXTURES, 'shell', `starship.${shell}`), 'utf8').replaceAll(
    '::STARSHIP::',
    bins.starship,
  );

/** direnv's bash hook, calling the stand-in. */
export const direnvHook = (bins: ToolBins): string =>
  readFileSync(join(FIXTURES, 'shell', 'direnv-hook.bash'), 'utf8').replaceAll(
    '{{.SelfPath}}',
    bins.direnv,
  );

/** The commands typed into a captured shell, from the log: line, directory, exit code, pipestatus. */
export function typedRuns(box: Sandbox) {
  const events = readEvents(box);
  return events
    .filter((e) => e.type === 'command.started' && e.via === 'shell')
    .map((e) => {
      const end = events.find((f) => f.type === 'command.finished' && f.runId === e.runId);
      return {
        line: (e.argv as string[])[0] ?? '',
        cwd: e.cwd,
        exit: end?.exitCode,
        pipes: end?.pipestatus,
      };
    });
}
