// A code block with prompts: a transcript of what the author typed and saw.
// - each line at a shell prompt is a command (the prompt is never part of it),
//   joined with the lines after it while the shell would still be reading it
//   (a trailing `\` or `|`, an open quote, a here-document; a leading `> ` is
//   the shell's continuation prompt and is dropped);
// - the other lines are the output of the command above, shown, never run;
// - a session: when the command opens another program (the next prompt is
//   psql's `db=# `, `mysql> `, `gpg/card> `…) or a shell somewhere else (it is
//   `kubectl exec -it … -- sh`, `ssh host`, `oc debug node/x`, and the next
//   prompt is not the one it was typed at), the lines that follow, up to the
//   next prompt of the first shell, are what the responder types inside it:
//   kept with that command as instructions, never run, never asked as values;
// - a program's prompt with no command opening it: the block is text.
import { promptOf, TRANSCRIPT_LANGS } from './console.js';
import { notACommand } from './not-command.js';
import { maskPlaceholders } from './placeholders.js';
import { isKnownProgram } from './programs.js';
import { wantsMore } from './shell.js';

/** A command found in a block. */
export interface BlockCommand {
  /** As written, prompt removed; several lines when continued. */
  script: string;
  /** 0-based line in the block where it starts. */
  line: number;
  expectedOutput?: string;
  /** Comment lines (or lines before the first prompt) just above it in the block. */
  intro?: string;
  /** Its prompt, when the prompt says where (`$mac`, `(venv) $`). */
  prompt?: string;
  /** The lines typed inside the program or shell it opens, as written. */
  inside?: string;
}

export interface BlockReading {
  commands: BlockCommand[];
  /** What the reader had to guess, for lint: [0-based line in the block, message]. */
  guesses: [number, string][];
}

export function trimBlank(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && !out.at(-1)?.trim()) out.pop();
  while (out.length && !out[0]?.trim()) out.shift();
  return out;
}

/** Lines [first, last] that the shell reads as one command, and that command's text. */
export interface LineGroup {
  first: number;
  last: number;
  text: string;
}

/**
 * Commands as the shell would end them: lines are taken one by one until what
 * is taken is finished (no open quote, here-document, `\`, `|` or `do` left).
 * Blank lines and comments between commands belong to no group.
 */
export function groupLines(lines: string[], from = 0, to = lines.length): LineGroup[] {
  const groups: LineGroup[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const first = i;
    let text = line;
    while (wantsMore(maskPlaceholders(text).masked) && i + 1 < to) text += `\n${lines[++i]}`;
    groups.push({ first, last: i, text: text.trim() });
  }
  return groups;
}

const SHELL_NAME = String.raw`(?:\/(?:usr\/)?bin\/)?(?:ba|z|a|k|da)?sh`;
/** Commands that open a shell somewhere else: what follows at another prompt is typed there. */
const OPENS_SHELL = [
  new RegExp(
    String.raw`^(?:kubectl|oc|k|docker|podman|nerdctl|crictl)\b.*\bexec\b.*\s${SHELL_NAME}\s*$`,
  ),
  new RegExp(String.raw`^(?:docker|podman)\s+run\b.*\s-\w*t\w*\b.*\s${SHELL_NAME}\s*$`),
  /^(?:oc|kubectl)\s+debug\b(?!.*\s--\s)/,
  /^oc\s+rsh\s+(?:-\S+\s+)*[\w./-]+\s*$/,
  /^(?:ssh|mosh)\s+(?:-\S+(?:\s+(?!-)\S+)?\s+)*[\w.@:-]+\s*$/,
  /^(?:cf|bosh\b.*)\s+ssh\b(?!.*\s(?:-c|--command)\s)/,
  /^gcloud\s+.*\bssh\b(?!.*--command)/,
  /^(?:sudo\s+)?(?:chroot\s+\S+|su(?:\s+-)?(?:\s+\w+)?|-i|-s)\s*$/,
  /^sudo\s+(?:-i|-s|su(?:\s+-)?(?:\s+\w+)?)\s*$/,
  /^(?:toolbox|vagrant\s+ssh|machinectl\s+shell)\b/,
];

function opensShell(script: string): boolean {
  const text = script.trim();
  return !text.includes('\n') && OPENS_SHELL.some((p) => p.test(text));
}

interface Reader {
  lines: string[];
  lang: string;
  assigned: ReadonlySet<string>;
  commands: BlockCommand[];
  guesses: [number, string][];
  pending: string[];
  current?: BlockCommand;
  output: string[];
  /** Inside a program or a shell the current command opened: how it ends. */
  session?: { program?: string; prompt: string; lines: string[] };
}

/** Names the block gives a value (`mac=…`, `for host in …`, `read name`): `$mac x` is then a command, not a prompt. */
export function assignedIn(lines: string[]): Set<string> {
  const names = new Set<string>();
  for (const line of lines) {
    for (const m of line.matchAll(/(?:^|[\s;(])([a-z][\w]*)=/g)) names.add(m[1] ?? '');
    for (const m of line.matchAll(
      /\b(?:for|select)\s+([a-z]\w*)\s+in\b|\bread\s+(?:-\w+\s+)*([a-z]\w*)/g,
    ))
      names.add(m[1] ?? m[2] ?? '');
  }
  return names;
}

function close(r: Reader): void {
  const { current, session } = r;
  if (current && session) current.inside = trimBlank(session.lines).join('\n');
  else if (current) {
    const shown = trimBlank(r.output);
    if (shown.length) current.expectedOutput = shown.join('\n');
  }
  r.output = [];
  r.session = undefined;
}

/** The prompted line at `i` (and its continuation lines) as a new command; returns the last line taken. */
function startCommand(r: Reader, i: number, command: string, shown?: string): number {
  const start = i;
  let script = command.trimEnd();
  while (
    script.trim() &&
    wantsMore(maskPlaceholders(script).masked) &&
    i + 1 < r.lines.length &&
    (/^\s*> /.test(r.lines[i + 1] ?? '') || !promptOf(r.lines[i + 1] ?? '', r.lang, r.assigned))
  ) {
    script += `\n${(r.lines[++i] ?? '').replace(/^> /, '')}`;
  }
  if (i > start)
    r.guesses.push([
      start,
      `joined ${i - start + 1} lines into one command (the shell would continue it)`,
    ]);
  const intro = trimBlank(r.pending).join('\n');
  r.current = {
    script,
    line: start,
    ...(intro ? { intro } : {}),
    ...(shown ? { prompt: shown } : {}),
  };
  r.pending = [];
  if (script.trim()) r.commands.push(r.current);
  return i;
}

/** A program's prompt: the command above opened it; without one the block is text. */
function openProgram(r: Reader, i: number, program: string, prompt: string): boolean {
  if (!r.current) {
    r.guesses.push([
      i,
      `a ${program} session (not a shell): shown as text, not run; write the command that opens it first, after \`$ \``,
    ]);
    return false;
  }
  r.guesses.push([
    r.current.line,
    `the lines after this command are typed inside ${program}: shown as instructions, never run`,
  ]);
  r.session = { program, prompt, lines: [...r.output, r.lines[i] ?? ''] };
  r.output = [];
  return true;
}

export function readTranscript(lines: string[], lang: string): BlockReading {
  const r: Reader = {
    lines,
    lang,
    assigned: assignedIn(lines),
    commands: [],
    guesses: [],
    pending: [],
    output: [],
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!r.current && !TRANSCRIPT_LANGS.has(lang) && rootPromptAfterShell(r, line))
      openerFromText(r);
    // In a shell the command above opened, `/app # ` and `# ls` are a root prompt, not a comment.
    const opened = r.current && (r.session ? !r.session.program : opensShell(r.current.script));
    const prompted =
      promptOf(line, lang, r.assigned) ?? (opened ? rootPrompted(line, r.assigned) : undefined);
    if (r.session) {
      const back =
        prompted &&
        !prompted.program &&
        (r.session.program || prompted.prompt === r.session.prompt);
      if (!back) {
        r.session.lines.push(line);
        continue;
      }
    }
    if (!prompted) {
      (r.current ? r.output : r.pending).push(line);
      continue;
    }
    if (prompted.program) {
      if (!r.current && !TRANSCRIPT_LANGS.has(lang)) openerFromText(r);
      if (!openProgram(r, i, prompted.program, prompted.prompt))
        return { commands: [], guesses: r.guesses };
      continue;
    }
    const current = r.current;
    if (
      current &&
      !r.session &&
      opensShell(current.script) &&
      prompted.prompt !== (current.prompt ?? '$')
    ) {
      r.guesses.push([
        current.line,
        'the lines after this command are typed in the shell it opens: shown as instructions, never run',
      ]);
      r.session = { prompt: current.prompt ?? '$', lines: [...r.output, line] };
      r.output = [];
      continue;
    }
    // In a shell-tagged transcript, `#` comments right above a prompt lead into it.
    if (current && !TRANSCRIPT_LANGS.has(lang)) r.pending = trailingComments(r.output);
    close(r);
    i = startCommand(r, i, prompted.command, prompted.shown);
  }
  close(r);
  return { commands: r.commands, guesses: r.guesses };
}

/**
 * A root prompt outside a console block: `/app # x`, or `# x` when x is a
 * program (`# close it` stays a comment).
 */
function rootPrompted(line: string, assigned: ReadonlySet<string>) {
  const prompted = promptOf(line, 'console', assigned);
  if (!prompted || prompted.program) return undefined;
  const first = prompted.command.trim().split(/\s+/)[0] ?? '';
  return prompted.prompt !== '#' || isKnownProgram(first) ? prompted : undefined;
}

/** `/app # ` right after the lines above end with a command opening a shell (`docker exec -it web sh`). */
function rootPromptAfterShell(r: Reader, line: string): boolean {
  return (
    rootPrompted(line, r.assigned) !== undefined &&
    opensShell(groupLines(r.pending).at(-1)?.text ?? '')
  );
}

/** A block whose only prompt is a root prompt in the shell its last command opens. */
export function opensShellAbove(lines: string[], assigned: ReadonlySet<string>): boolean {
  return lines.some(
    (line, i) =>
      i > 0 &&
      rootPrompted(line, assigned) !== undefined &&
      opensShell(groupLines(lines.slice(0, i)).at(-1)?.text ?? ''),
  );
}

/**
 * No shell prompt before a program's prompt (`gitlab-psql -d db` then `db=# `):
 * the lines above it, read as a script, are the commands, the last opening it.
 */
function openerFromText(r: Reader): void {
  const groups = groupLines(r.pending);
  const last = groups.at(-1);
  if (!last || groups.some((g) => notACommand(g.text, maskPlaceholders(g.text).masked))) return;
  for (const g of groups) {
    r.current = { script: g.text, line: g.first };
    r.commands.push(r.current);
  }
  r.output = trimBlank(r.pending.slice(last.last + 1));
  r.pending = [];
}

/** Takes the `#` comment lines off the end of `output` and returns them. */
function trailingComments(output: string[]): string[] {
  const taken: string[] = [];
  while (output.length && (!output.at(-1)?.trim() || output.at(-1)?.trim().startsWith('#'))) {
    taken.unshift(output.pop() ?? '');
  }
  return taken.some((l) => l.trim()) ? taken : [];
}
