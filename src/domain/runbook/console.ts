// Console transcripts and output: which lines of a code block are typed at a
// prompt, and which are what a command printed. A shell prompt is `$ `, `% `,
// `❯ `, `λ `, oh-my-zsh's `➜  dir git:(main) ✗ `, `user@host:~$ `,
// `[user@host ~]# `, `sh-5.1# `, a path (`/srv $ `) or a label (`chef-repo $ `),
// each maybe after an environment's tag (`(venv) $ `); in a console block also a
// bare root prompt `# ` and a container's `/ # `. `$mac docker ps` is a prompt
// named `mac`; `$terraform plan` is a `$ ` without its space. A prompt is never
// part of the command. Prompts of other programs (psql's `db=# `, `mysql> `,
// `gpg/card> `, redis' `host:6379> `, PowerShell's `PS C:\> `…) are recognised
// so that their lines are never run by a shell.
// "Looks like output" is the documented rule for blocks without prompts:
// tables, log lines, timestamps, YAML and JSON documents.
import { editDistance } from '../text/edit-distance.js';
import { isKnownProgram } from './programs.js';

/** Languages whose blocks are transcripts: a line without a prompt is never a command there. */
export const TRANSCRIPT_LANGS = new Set([
  'console',
  'shell-session',
  'sh-session',
  'shellsession',
  'terminal',
]);
/** Languages whose blocks may hold commands (with or without prompts). */
export const SHELL_LANGS = new Set(['', 'sh', 'shell', 'bash', 'zsh', 'ksh', ...TRANSCRIPT_LANGS]);

/** Other names editors and sites give a shell's blocks. */
const LANG_ALIASES: Record<string, string> = {
  'shell-script': 'sh',
  shellscript: 'sh',
  'sh-script': 'sh',
  'bash-script': 'bash',
  'bash-session': 'console',
  'zsh-session': 'console',
  'console-session': 'console',
};

/**
 * A fence's language as the reader uses it: the first word of the info string,
 * lower-cased, attributes dropped (`shell=bash`, `sh {.copy}`, `bash:run`), and
 * aliases resolved (`shell-script`, `bash-session`). `typo`: a tag that is no
 * language but one letter off a shell's (`shel`, `!bash`): shown as text, and
 * lint says so.
 */
export function blockLanguage(info: string): { lang: string; typo?: string } {
  const word = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const name = word.replace(/[={,:].*$/, '');
  const lang = LANG_ALIASES[name] ?? name;
  if (SHELL_LANGS.has(lang)) return { lang };
  const letters = lang.replace(/[^a-z]/g, '');
  const sorted = (w: string) => [...w].sort().join('');
  const near = ['bash', 'shell', 'console', 'zsh'].find(
    (shell) =>
      letters === shell || editDistance(lang, shell) === 1 || sorted(letters) === sorted(shell),
  );
  return near ? { lang, typo: near } : { lang };
}

/** `(venv) `, `(base) `: an environment's tag in front of any shell prompt. */
const TAG = String.raw`(?:\([\w .@/-]+\)\s+)?`;
const SHELL_PROMPT = [
  // $ % ❯ λ, alone.
  '[$%❯λ]',
  // oh-my-zsh: ➜  dir git:(main) ✗
  String.raw`\u279C(?:\s+[^\s$#]+(?:\s+git:\([^)\s]*\))?(?:\s+\u2717)?)?`,
  // user@host, user@host:~/dir, user@host ~ (zsh), then $ # or %
  String.raw`[\w.-]+@[\w.-]+(?::[^\s$#%]*)?(?:\s+[~/][^\s$#%]*)?\s?[$#%]`,
  // macOS: host:~ user$
  String.raw`[\w.-]+:[~/][^\s$#]*\s+[\w.-]+\$`,
  // [user@host dir]#
  String.raw`\[[^\]\n]*@[^\]\n]*\]\s?[$#]`,
  // sh-5.1#  bash-4.4$
  String.raw`(?:ba|z|k|da)?sh(?:-[\d.]+)?[$#]`,
  // a path: / $  ~ $  ~/src ❯
  String.raw`(?:~|\/)[^\s$#]*\s?[$\u276F]`,
  // Alpine and busybox: host:~#  host:/srv#
  String.raw`[\w.-]+:[~/][^\s$#]*\s?#`,
  // a label: chef-repo $  worker$  bastion:~$  ops ❯
  String.raw`[\w.-]+(?::[^\s$#]*)?\s?[$\u276F]`,
].map((p) => new RegExp(String.raw`^(\s*)(${TAG}(?:${p}))( |$)`));
/** Only where a line cannot be a comment (a console block): `# `, a container's `/ # `. */
const ROOT_PROMPTS = [
  /^(\s*)(# )/,
  new RegExp(String.raw`^(\s*)(${TAG}(?:~|\/)[^\s$#]*\s?#)( |$)`),
];
/** Prompts that say nothing about where: not worth showing with the command. */
const BARE = new Set(['$', '%', '❯', 'λ', '#', '➜']);

/** Prompts of programs that are not a shell, and what each program is called. */
const FOREIGN: [RegExp, string][] = [
  [/^\s*PS(?: [^>\n]*)?> /, 'PowerShell'],
  [/^\s*[A-Za-z]:\\[^>\n]*> /, 'cmd.exe'],
  [/^\s*>>> /, 'Python'],
  [/^\s*(?:mysql|MariaDB|MySQL)(?: \[[^\]\n]*\])?> /, 'mysql'],
  [/^\s*[\w-]+=[#>] /, 'psql'],
  [/^\s*(?:\d{1,3}(?:\.\d{1,3}){3}|[\w.-]+):\d{2,5}(?:\[\d+\])?> /, 'redis-cli'],
  [/^\s*redis(?:[^>\s]*| [\d.:]+)> /, 'redis-cli'],
  [/^\s*In \[\d+\]: /, 'IPython'],
  [/^\s*(?:scala|ghci|julia|node|deno)> /, 'a language console'],
  [/^\s*\[zk: [^\]\n]*\] /, 'zkCli'],
  [/^\s*gpg(?:\/card)?> /, 'gpg'],
  [/^\s*sqlite> /, 'sqlite3'],
  [/^\s*(?:irb\([^)\n]*\)[\w:]*[>*]|(?:\[\d+\] )?pry\([^)\n]*\)>) /, 'a Ruby console'],
  [/^\s*(?:mongos?|rs\w*:\w+|\w+ \[direct: \w+\] \w+)> /, 'mongo'],
  [/^\s*cqlsh(?::\w+)?> /, 'cqlsh'],
  [/^\s*(?:s?ftp|telnet)> /, 'ftp'],
  [/^\s*(?:username|password|login)> /i, 'a login prompt'],
  [/^\s*\((?:gdb|lldb|Pdb)\) /, 'a debugger'],
  [/^\s*iex\(\d+\)> /, 'iex'],
  [/^\s*hbase\([\w:]+\)[\w:]*> /, 'hbase shell'],
];

interface Prompted {
  /** The command typed after the prompt. */
  command: string;
  /** The prompt as written, trimmed: one shell's prompt told from another's (`$`, `/ $`, `sh-4.4#`). */
  prompt: string;
  /** The prompt, when it says where or how (`$mac`, `(venv) $`, `admin@db1:~$`): shown with the command. */
  shown?: string;
  /** A prompt of another program (psql, mysql, gpg…): its name. Its line is not for a shell. */
  program?: string;
}

/** Lower-case names a runbook may give the program it runs (`$cmd get pods`): variables, not prompts. */
const PROGRAM_VARIABLES = new Set(
  'cmd command bin binary exe tool prog program cli client editor pager shell run runner exec'.split(
    ' ',
  ),
);

/**
 * `$mac docker ps`, `$dev make test`, `$prod rabbitmqctl list_queues`: a prompt
 * named after the machine when a program-like word follows (lower-case, no `=`,
 * not an option), unless the name is set in the block or names a program
 * (`$cmd x`, `$tool x`: a variable). `$terraform plan` is a `$ ` prompt without
 * its space: the word is the program.
 */
function namedPrompt(line: string, assigned: ReadonlySet<string>): Prompted | undefined {
  const m = /^\s*\$([a-z][\w-]*) +(\S.*)$/.exec(line);
  const [, label = '', rest = ''] = m ?? [];
  if (!m || assigned.has(label)) return undefined;
  if (isKnownProgram(label)) return { command: `${label} ${rest}`, prompt: '$' };
  const next = /^[^\s;|&]+/.exec(rest)?.[0] ?? '';
  const programLike =
    isKnownProgram(next) ||
    (/^[a-z][a-z0-9_.+-]*[a-z0-9]$/.test(next) && !PROGRAM_VARIABLES.has(label));
  return programLike ? { command: rest, prompt: `$${label}`, shown: `$${label}` } : undefined;
}

/** The program whose prompt starts the line (psql, mysql, gpg…), if any. */
function foreignPrompt(line: string): { program: string; length: number } | undefined {
  for (const [pattern, program] of FOREIGN) {
    const m = pattern.exec(line);
    if (m) return { program, length: m[0].length };
  }
  return undefined;
}

/**
 * The command on a prompted line, or undefined when the line has no prompt.
 * `assigned`: the names the block sets (`mac=…` makes `$mac x` a command).
 */
export function promptOf(
  line: string,
  lang: string,
  assigned: ReadonlySet<string> = new Set(),
): Prompted | undefined {
  const foreign = foreignPrompt(line);
  if (foreign) {
    const prompt = line.slice(0, foreign.length).trim();
    return { command: line.slice(foreign.length), prompt, program: foreign.program };
  }
  const named = namedPrompt(line, assigned);
  if (named) return named;
  // `> cf services`: a `>` prompt before a program (`> file` alone would only empty a file).
  const angled = /^(\s*)> (\S+)/.exec(line);
  if (angled && isKnownProgram(angled[2] ?? ''))
    return { command: line.slice((angled[1] ?? '').length + 2), prompt: '>' };
  const patterns = TRANSCRIPT_LANGS.has(lang) ? [...SHELL_PROMPT, ...ROOT_PROMPTS] : SHELL_PROMPT;
  for (const pattern of patterns) {
    const m = pattern.exec(line);
    if (!m) continue;
    const prompt = (m[2] ?? '').trim();
    return {
      command: line.slice((m[1] ?? '').length + (m[2] ?? '').length).replace(/^ /, ''),
      prompt,
      ...(BARE.has(prompt) ? {} : { shown: prompt }),
    };
  }
  return undefined;
}

const TIMESTAMP =
  /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|^[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}|^[IWEF]\d{4} +\d{2}:\d{2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}\b/;
const LOG =
  /^\[?(INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|CRITICAL)\b|\blevel=\w+|^(time|ts|msg)=/;
const YAML = /^(- )?[\w./"'-]+:(\s|$)|^- |^---\s*$|^\.\.\.\s*$/;
const JSON_LINE = /^[{}\]]|^\[\s*[{"\d\]]|^"[^"]*"\s*:/;
/** A column of a table's header: upper-case words (`LAST SEEN`, `MAJ:MIN`, `CPU(cores)`, `%CPU`). */
const UPPER_COLUMN = /^[A-Z%][A-Z0-9_:%()./-]*(?:\([a-z]+\))?(?: [A-Z%][A-Z0-9_:%()./-]*)*$/;
/** A column of a header in words (`Metrics Name`, `Value`). */
const WORD_COLUMN = /^[A-Z][a-z]+(?: [A-Za-z]+)*$/;
/** What a program prompts for in a dialogue (`Enter Admin PIN:`, `Is this correct? (y/N)`). */
const DIALOGUE =
  /^(?:Enter|Re-?enter|Repeat|Confirm|Password|Passphrase|PIN|Admin PIN|Please|Are you sure|Is this correct|Do you|Continue|Proceed|Your selection|Reset Code)\b[^\n]*[:?)](?:\s.*)?$|\((?:y\/n|yes\/no)\)\s*[:?]?\s*$/i;
/** `ls -l`'s lines: `total 80`, `drwxr-xr-x  2 root root 4096 …`. */
const LONG_LISTING = /^total \d+$|^[-dlcbps][rwxsStT-]{9}[@+.]?\s+\d+\s/;

/** A table's header: columns two spaces or more apart, each upper-case words (or 3+ columns of words). */
function isTableHeader(line: string): boolean {
  const columns = line.trim().split(/\s{2,}/);
  if (columns.length < 2) return false;
  return (
    columns.every((c) => UPPER_COLUMN.test(c)) ||
    (columns.length >= 3 && columns.every((c) => WORD_COLUMN.test(c)))
  );
}

/** A row of columns: three gaps of two spaces or more, and no program first (`web-1  2/2  Running  0  26m`). */
function isTableRow(line: string): boolean {
  const columns = line.split(/\s{2,}/);
  return (
    columns.length >= 4 && !isKnownProgram(columns[0]?.split(/\s/)[0] ?? '') && !line.includes(' #')
  );
}

/** A line that is what a program printed, never something to type. */
function looksLikeOutput(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  return (
    TIMESTAMP.test(t) ||
    LOG.test(t) ||
    YAML.test(t) ||
    JSON_LINE.test(t) ||
    isTableHeader(t) ||
    DIALOGUE.test(t) ||
    LONG_LISTING.test(t) ||
    isTableRow(t) ||
    /^[|+]/.test(t) ||
    /^\d+(\.\d+)?(\s|$)/.test(t)
  );
}

/** Per line: output? Lines after a table header, until a blank line, are its rows. */
export function outputLines(lines: readonly string[]): boolean[] {
  let inTable = false;
  return lines.map((line) => {
    if (!line.trim()) {
      inTable = false;
      return false;
    }
    if (isTableHeader(line)) inTable = true;
    return inTable || looksLikeOutput(line);
  });
}
