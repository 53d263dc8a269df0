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
  // A command's event and its run share one argument vector, and a long night's texts (timeline,
  // runbook comparison, repeats) each ask for its line: made once for that vector, its shell and values.
  const known = linesOf.get(run.argv);
  if (known && known.shell === run.shell && known.values === run.values) return known.line;
  const line = quotedLine(run);
  linesOf.set(run.argv, { shell: run.shell, values: run.values, line });
  return line;
}

/** The line made for each argument vector, with the shell and values it was made with. */
const linesOf = new WeakMap<
  readonly string[],
  { shell: string | undefined; values: Record<string, string> | undefined; line: string }
>();

function quotedLine(
  run: Pick<CommandRun, 'argv' | 'shell'> & { values?: Record<string, string> },
): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const line = run.argv.map(quote).join(' ');
  const values = Object.entries(run.values ?? {}).map(([k, v]) => `${k}=${quote(v)} `);
  return `${values.join('')}${run.shell ? `${run.shell} -c ${line}` : line}`;
}
