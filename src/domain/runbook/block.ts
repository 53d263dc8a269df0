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
import { isKnownProgram } from './programs.js';
import {
  assignedIn,
  type BlockCommand,
  type BlockReading,
  groupLines,
  type LineGroup,
  opensShellAbove,
  readTranscript,
  trimBlank,
} from './transcript.js';

const NONE: BlockReading = { commands: [], guesses: [] };

export function readBlock(content: string, lang: string): BlockReading {
  if (!SHELL_LANGS.has(lang)) return NONE;
  const lines = content.replace(/\n$/, '').split('\n');
  const assigned = assignedIn(lines);
  const transcript =
    lines.some((l) => promptOf(l, lang, assigned) !== undefined) ||
    (!TRANSCRIPT_LANGS.has(lang) && opensShellAbove(lines, assigned));
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
  return readScript(lines, lang);
}

/** A line of prose, not a command: several plain words and a sentence's punctuation. */
function looksLikeProse(line: string): boolean {
  const t = line.trim();
  const words = t.split(/\s+/);
  return (
    words.length >= 5 &&
    /[.?!:,]$|, |: /.test(t) &&
    words.every((w) => /^[A-Za-z'\u2019(),.:;?!-]+$/.test(w))
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

const COULD_NOT_TELL =
  'could not tell commands from output in this block: shown as text, not offered to run; put `$ ` before each command';

function asText(at: number, message: string): BlockReading {
  return { commands: [], guesses: [[at, message]] };
}

/**
 * A block without prompts: statements, maybe followed by their output. A line
 * that is not a command (not-command.ts) makes the block text when the block
 * starts with it (a config file, a message, SQL); between commands it is an
 * instruction (`ctrl+c`) shown before the next one, after them it is output.
 */
function readScript(lines: string[], lang: string): BlockReading {
  const groups = groupLines(lines);
  const [first] = groups;
  if (!first) return NONE;
  const flags = outputLines(lines);
  const isOutput = (g: LineGroup) => Boolean(flags[g.first]);
  if (groups.every(isOutput)) return asText(0, 'read as output (not offered to run)');
  if (lang === '' && isKeyValueFile(groups))
    return asText(
      first.first,
      'read as settings (`key value` lines of a config file), not a command: the block is shown as text, not offered to run; tag the block with its language, or put `$ ` before each command',
    );
  if (isOutput(first)) return asText(first.first, COULD_NOT_TELL);
  const problems = new Map(groups.map((g) => [g, isOutput(g) ? undefined : problemOf(g)]));
  const firstProblem = problems.get(first);
  if (firstProblem)
    return asText(
      first.first,
      `read as ${firstProblem}, not a command: the block is shown as text, not offered to run; tag the block with its language, or put \`$ \` before each command`,
    );
  const firstOutput = groups.findIndex(isOutput);
  const head = firstOutput < 0 ? groups : groups.slice(0, firstOutput);
  // After output, another command: its output and the next command cannot be told apart.
  const ambiguous = groups.slice(head.length).find((g) => !isOutput(g) && !problems.get(g));
  if (ambiguous) return asText(ambiguous.first, COULD_NOT_TELL);
  // Among lines that are not commands, only a program oncall knows is surely a
  // command: the block must start with one, and any other word-led line is text.
  const mixed = groups.some((g) => problems.get(g));
  const sure = (g: LineGroup) => isKnownProgram(firstWord(g.text));
  if (mixed && !sure(first)) return asText(first.first, COULD_NOT_TELL);
  if (mixed) {
    for (const g of head) if (!problems.get(g) && !sure(g)) problems.set(g, 'text among commands');
  }
  const commandGroups = head.filter((g) => !problems.get(g));
  const guesses: [number, string][] = [];
  for (const g of head) {
    const what = problems.get(g);
    if (what)
      guesses.push([g.first, `read as ${what}, not a command: shown with the commands, never run`]);
  }
  const last = commandGroups.at(-1) as LineGroup;
  const textLines = new Set(
    head
      .filter((g) => problems.get(g) && g.first < last.first)
      .flatMap((g) => range(g.first, g.last)),
  );
  const commands = asCommands(commandGroups, lines, textLines);
  const after = trimBlank(lines.slice(last.last + 1));
  const lastCommand = commands.at(-1);
  if (after.length && lastCommand) {
    const from = groups.find((g) => g.first > last.last)?.first ?? last.last + 1;
    // What follows a command that opens a program (`exec -it … redis-cli`) is typed inside it.
    if (mixed && opensProgram(last.text)) {
      lastCommand.inside = after.join('\n');
      guesses.push([
        from,
        'lines from here are typed inside the program the command above opens: shown as instructions, never run',
      ]);
    } else {
      lastCommand.expectedOutput = after.join('\n');
      guesses.push([
        from,
        'lines from here read as the output of the command above (shown, never run)',
      ]);
    }
  }
  return { commands, guesses };
}

/**
 * `nameserver 127.0.0.1` then `port 53` (resolv.conf, sshd_config, a daemon's
 * settings), in an untagged block: two lines or more, each a different
 * lower-case key no program has and a value or two (no option), and nothing a
 * shell would add.
 */
function isKeyValueFile(groups: LineGroup[]): boolean {
  if (groups.length < 2) return false;
  const keys = groups.map((g) => {
    const words = g.text.split(/\s+/);
    const [key = ''] = words;
    const plain =
      words.length <= 3 &&
      !words.some((w) => w.startsWith('-')) &&
      !/[|&;<>$`(){}"'\\]/.test(g.text);
    return plain && /^[a-z][\w.-]*$/.test(key) && !isKnownProgram(key) ? key : undefined;
  });
  return keys.every(Boolean) && new Set(keys).size === keys.length;
}

/** The program a command line starts with, past `sudo` and `NAME=value` prefixes; a path counts. */
function firstWord(text: string): string {
  const words = text.trim().split(/\s+/);
  const word = words.find((w) => !/^[A-Za-z_]\w*=/.test(w) && w !== 'sudo') ?? '';
  return /^(?:\.{1,2}\/|~\/|\/)/.test(word) ? 'sh' : word;
}

/** A command that opens a program to type into: a terminal (`-it`) or a console (psql, redis-cli…) with nothing to run. */
const OPENS_PROGRAM =
  /\s-(?:it|ti)\b|\s--tty\b|(?:^|[\s/])(?:redis-cli|psql|mysql|mongo|mongosh|sqlite3|irb|pry|rails\s+c(?:onsole)?|gpg2?\s+--(?:card-edit|edit-key))\b[^|;&<>]*$/;

function opensProgram(script: string): boolean {
  return !script.includes('\n') && OPENS_PROGRAM.test(script);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Each group as a command, with the comment lines (and `text` lines: lines of
 * the block that are not commands) right above it as its lead-in. When one of
 * them changes the shell itself (an assignment, `cd`, `export`) and nothing
 * else sits between them, the commands after it depend on it: the block is one
 * command.
 */
function asCommands(
  groups: LineGroup[],
  lines: string[],
  text: ReadonlySet<number>,
): BlockCommand[] {
  const leadIn = (from: number, to: number) =>
    lines
      .slice(from, to)
      .map((l, i) => (l.trim().startsWith('#') || text.has(from + i) ? l.trim() : ''))
      .filter(Boolean)
      .join('\n');
  const first = groups[0];
  const last = groups.at(-1);
  if (
    first &&
    last &&
    groups.length > 1 &&
    !text.size &&
    groups.some((g) => SHELL_STATE.test(g.text))
  ) {
    const script = lines
      .slice(first.first, last.last + 1)
      .join('\n')
      .trim();
    const intro = leadIn(0, first.first);
    return [{ script, line: first.first, ...(intro ? { intro } : {}) }];
  }
  let previous = 0;
  return groups.map((g) => {
    const intro = leadIn(previous, g.first);
    previous = g.last + 1;
    return { script: g.text, line: g.first, ...(intro ? { intro } : {}) };
  });
}
