// A recorded command as one line a person reads (and could type again): the
// line itself when it was typed in a shell, else its argument vector quoted
// where a shell needs it, a script with the shell that ran it.
import type { CommandRun } from './fold.js';

/** `kubectl rollout undo deploy/web` as typed (shell scripts keep their shell). */
export function commandText(
  run: Pick<CommandRun, 'argv' | 'shell' | 'via'> & { values?: Record<string, string> },
): string {
  // Typed in a shell: the line itself, as the responder typed it.
  if (run.via === 'shell') return run.argv.join(' ');
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const line = run.argv.map(quote).join(' ');
  const values = Object.entries(run.values ?? {}).map(([k, v]) => `${k}=${quote(v)} `);
  return `${values.join('')}${run.shell ? `${run.shell} -c ${line}` : line}`;
}
