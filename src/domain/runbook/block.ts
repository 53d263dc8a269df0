// One code block of plain Markdown -> the commands in it, each exactly as its
// author wrote it, with the output shown after it. The rule (documented in
// examples/runbooks/README.md):
// - a block tagged text, yaml, json... is never a command;
// - a transcript (any line with a prompt): each prompted line is a command,
//   joined with the lines after it while the shell parser says it is unfinished
//   (a trailing `\` or `|`, an open quote, a here-document); every other line is
//   the output of the command above it, never run;
// - a console block without a prompt is shown as text;
// - a block without prompts is a script: each statement the parser finds is a
//   command, unless lines look like output (tables, log lines, YAML, JSON): then
//   the statements before them are the commands and those lines their output,
//   or, when that does not hold, the block is shown as text and not offered.
import { outputLines, promptOf, SHELL_LANGS, TRANSCRIPT_LANGS } from './console.js';
import { maskPlaceholders } from './placeholders.js';
import { hasError, parseShell, wantsMore } from './shell.js';

/** A command found in a block. */
interface BlockCommand {
  /** As written, prompt removed; several lines when continued. */
  script: string;
  /** 0-based line in the block where it starts. */
  line: number;
  expectedOutput?: string;
  /** Comment lines (or lines before the first prompt) just above it in the block. */
  intro?: string;
}

interface BlockReading {
  commands: BlockCommand[];
  /** What the reader had to guess, for lint: [0-based line in the block, message]. */
  guesses: [number, string][];
}

const NONE: BlockReading = { commands: [], guesses: [] };

export function readBlock(content: string, lang: string): BlockReading {
  if (!SHELL_LANGS.has(lang)) return NONE;
  const lines = content.replace(/\n$/, '').split('\n');
  const transcript = lines.some((l) => promptOf(l, lang) !== undefined);
  if (transcript) return readTranscript(lines, lang);
  if (!lines.some((l) => l.trim())) return NONE;
  if (TRANSCRIPT_LANGS.has(lang)) {
    return {
      commands: [],
      guesses: [
        [
          0,
          `a ${lang} block without a prompt is shown as text, not run; write each command after \`$ \``,
        ],
      ],
    };
  }
  return readScript(lines);
}

function trimBlank(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && !out.at(-1)?.trim()) out.pop();
  while (out.length && !out[0]?.trim()) out.shift();
  return out;
}

/** A transcript: prompted commands (with their continuations) and the output under each. */
function readTranscript(lines: string[], lang: string): BlockReading {
  const commands: BlockCommand[] = [];
  const guesses: [number, string][] = [];
  let pending: string[] = [];
  let current: BlockCommand | undefined;
  let output: string[] = [];
  const close = () => {
    const shown = trimBlank(output);
    if (current && shown.length) current.expectedOutput = shown.join('\n');
    output = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const prompted = promptOf(lines[i] ?? '', lang);
    if (!prompted) {
      (current ? output : pending).push(lines[i] ?? '');
      continue;
    }
    // In a shell-tagged transcript, `#` comments right above a prompt lead into it.
    if (current && !TRANSCRIPT_LANGS.has(lang)) pending = trailingComments(output);
    close();
    if (prompted.foreign) {
      guesses.push([
        i,
        'a prompt of another program (not a shell): the block is shown as text, not run',
      ]);
      return { commands: [], guesses };
    }
    const start = i;
    let script = prompted.command.trimEnd();
    while (
      script.trim() &&
      wantsMore(maskPlaceholders(script).masked) &&
      i + 1 < lines.length &&
      !promptOf(lines[i + 1] ?? '', lang)
    ) {
      script += `\n${(lines[++i] ?? '').replace(/^> /, '')}`;
    }
    if (i > start)
      guesses.push([
        start,
        `joined ${i - start + 1} lines into one command (the shell would continue it)`,
      ]);
    const intro = trimBlank(pending).join('\n');
    current = { script, line: start, ...(intro ? { intro } : {}) };
    pending = [];
    if (script.trim()) commands.push(current);
  }
  close();
  return { commands, guesses };
}

/** Takes the `#` comment lines off the end of `output` and returns them. */
function trailingComments(output: string[]): string[] {
  const taken: string[] = [];
  while (output.length && (!output.at(-1)?.trim() || output.at(-1)?.trim().startsWith('#'))) {
    taken.unshift(output.pop() ?? '');
  }
  return taken.some((l) => l.trim()) ? taken : [];
}

/** Lines [first, last] that the shell reads as one command, and that command's text. */
interface LineGroup {
  first: number;
  last: number;
  text: string;
}

/**
 * The block's commands as the shell would end them: lines are taken one by one
 * until what is taken is finished (no open quote, here-document, `\`, `|` or
 * `do` left). Each group is parsed on its own, which is also what a shell does.
 * Blank lines and comments between commands belong to no group.
 */
function groupLines(lines: string[]): LineGroup[] {
  const groups: LineGroup[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const first = i;
    let text = line;
    while (wantsMore(maskPlaceholders(text).masked) && i + 1 < lines.length)
      text += `\n${lines[++i]}`;
    groups.push({ first, last: i, text: text.trim() });
  }
  return groups;
}

/** A line of prose, not a command: several plain words and a sentence's punctuation. */
function looksLikeProse(line: string): boolean {
  const t = line.trim();
  const words = t.split(/\s+/);
  return (
    words.length >= 5 &&
    /[.?!:,]$|, |: /.test(t) &&
    words.every((w) => /^[A-Za-z'’(),.:;?!-]+$/.test(w))
  );
}

/** Statements that change the shell itself: the block must run as one script. */
const SHELL_STATE =
  /^(export|unset|cd|pushd|popd|source|\.|set|alias|shopt|trap|umask|ulimit|local|declare|typeset|readonly|function)\b|^[A-Za-z_]\w*=\S*$|^[A-Za-z_]\w*\(\)\s*\{?/;

/** A block without prompts: statements, maybe followed by their output. */
function readScript(lines: string[]): BlockReading {
  const groups = groupLines(lines);
  const flags = outputLines(lines);
  const isOutput = (g: LineGroup) => Boolean(flags[g.first]);
  const broken = (g: LineGroup) =>
    hasError(parseShell(maskPlaceholders(g.text).masked)) || looksLikeProse(g.text);
  const firstOutput = groups.findIndex(isOutput);
  if (!groups.length) return NONE;
  if (firstOutput < 0 && !groups.some(broken))
    return { commands: asCommands(groups, lines), guesses: [] };
  if (groups.every(isOutput))
    return { commands: [], guesses: [[0, 'read as output (not offered to run)']] };
  const head = groups.slice(0, Math.max(0, firstOutput));
  const tail = groups.slice(Math.max(0, firstOutput));
  if (firstOutput > 0 && !head.some(broken) && tail.every(isOutput)) {
    const commands = asCommands(head, lines);
    const outputFrom = tail[0]?.first ?? 0;
    const last = commands.at(-1);
    if (last) last.expectedOutput = trimBlank(lines.slice(outputFrom)).join('\n');
    return {
      commands,
      guesses: [
        [outputFrom, 'lines from here read as the output of the command above (shown, never run)'],
      ],
    };
  }
  const at = groups.find((g) => isOutput(g) || broken(g))?.first ?? 0;
  return {
    commands: [],
    guesses: [
      [
        at,
        'could not tell commands from output in this block: shown as text, not offered to run; put `$ ` before each command',
      ],
    ],
  };
}

/**
 * Each group as a command, with the comment lines right above it as its
 * lead-in. When one of them changes the shell itself (an assignment, `cd`,
 * `export`), the commands after it depend on it: the block is one command.
 */
function asCommands(groups: LineGroup[], lines: string[]): BlockCommand[] {
  const commentsBefore = (from: number, to: number) =>
    lines
      .slice(from, to)
      .filter((l) => l.trim().startsWith('#'))
      .map((l) => l.trim())
      .join('\n');
  const first = groups[0];
  const last = groups.at(-1);
  if (first && last && groups.length > 1 && groups.some((g) => SHELL_STATE.test(g.text))) {
    const script = lines
      .slice(first.first, last.last + 1)
      .join('\n')
      .trim();
    const intro = commentsBefore(0, first.first);
    return [{ script, line: first.first, ...(intro ? { intro } : {}) }];
  }
  let previous = 0;
  return groups.map((g) => {
    const intro = commentsBefore(previous, g.first);
    previous = g.last + 1;
    return { script: g.text, line: g.first, ...(intro ? { intro } : {}) };
  });
}
