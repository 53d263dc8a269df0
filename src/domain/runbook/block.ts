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
import { notACommand } from './not-command.js';
import { maskPlaceholders } from './placeholders.js';
import {
  assignedIn,
  type BlockCommand,
  type BlockReading,
  groupLines,
  type LineGroup,
  readTranscript,
  trimBlank,
} from './transcript.js';

const NONE: BlockReading = { commands: [], guesses: [] };

export function readBlock(content: string, lang: string): BlockReading {
  if (!SHELL_LANGS.has(lang)) return NONE;
  const lines = content.replace(/\n$/, '').split('\n');
  const assigned = assignedIn(lines);
  const transcript = lines.some((l) => promptOf(l, lang, assigned) !== undefined);
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

/** Why a group of lines is not offered as a command, or undefined when it is one. */
function problemOf(g: LineGroup): string | undefined {
  if (looksLikeProse(g.text)) return 'prose';
  return notACommand(g.text, maskPlaceholders(g.text).masked);
}

/** A block without prompts: statements, maybe followed by their output. */
function readScript(lines: string[]): BlockReading {
  const groups = groupLines(lines);
  if (!groups.length) return NONE;
  const flags = outputLines(lines);
  const isOutput = (g: LineGroup) => Boolean(flags[g.first]);
  const firstOutput = groups.findIndex(isOutput);
  const head = firstOutput < 0 ? groups : groups.slice(0, firstOutput);
  const tail = firstOutput < 0 ? [] : groups.slice(firstOutput);
  const problem = head.map((g) => [g, problemOf(g)] as const).find(([, p]) => p);
  if (!problem && tail.every(isOutput)) {
    if (!head.length)
      return { commands: [], guesses: [[0, 'read as output (not offered to run)']] };
    const commands = asCommands(head, lines);
    const outputFrom = tail[0]?.first;
    const last = commands.at(-1);
    if (outputFrom === undefined || !last) return { commands, guesses: [] };
    last.expectedOutput = trimBlank(lines.slice(outputFrom)).join('\n');
    return {
      commands,
      guesses: [
        [outputFrom, 'lines from here read as the output of the command above (shown, never run)'],
      ],
    };
  }
  if (problem) {
    const [g, what] = problem;
    return {
      commands: [],
      guesses: [
        [
          g.first,
          `read as ${what}, not a command: the block is shown as text, not offered to run; tag the block with its language, or put \`$ \` before each command`,
        ],
      ],
    };
  }
  const at = tail.find((g) => !isOutput(g))?.first ?? 0;
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
