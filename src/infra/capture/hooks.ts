// The hooks' text (shell/hook.<shell> in the package), with the capture folder
// written in, quoted for that shell: `oncall hook` prints it, `oncall shell`
// loads it. The hook never runs oncall: it needs no path to the binary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedShell } from '../../domain/capture/record.js';
import { packageRoot } from '../templates/templates.js';

/** A value in single quotes for bash and zsh ('\'' for a quote), or for fish (\' and \\ inside). */
function quoted(shell: CapturedShell, value: string): string {
  if (shell === 'fish') return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function hookText(shell: CapturedShell, captureDir: string): string {
  const text = readFileSync(join(packageRoot(), 'shell', `hook.${shell}`), 'utf8');
  return text.replace('@ONCALL_CAPTURE_DIR@', quoted(shell, captureDir));
}
