// Console transcripts and output: which lines of a code block are typed at a
// prompt, and which are what a command printed. A prompt is `$ `, `% `, `❯ `,
// `user@host:~$ `, `[user@host ~]# `, `sh-5.1# `, `bash-4.4$ `, and in a block
// tagged console (or shell-session) also a bare root prompt `# `. Prompts of
// other programs (PowerShell `PS> `, Python `>>> `, `mysql> `, `postgres=# `)
// are recognised so their lines are never run by a POSIX shell.
// "Looks like output" is the documented rule for blocks without prompts:
// tables, log lines, timestamps, YAML and JSON documents.

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

const SHELL_PROMPT = [
  /^(\s*)(\$|%|❯)( |$)/,
  /^(\s*)([\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#%] )/,
  /^(\s*)(\[[^\]\n]*@[^\]\n]*\]\s?[$#] )/,
  /^(\s*)((?:ba|z|k|da)?sh(?:-[\d.]+)?[$#] )/,
];
const ROOT_PROMPT = /^(\s*)(# )/;
const FOREIGN_PROMPT = /^\s*(PS(?: [^>\n]*)?> |>>> |mysql> |\w+=[#>] |redis[^>\s]*> |irb\(\S*\)> )/;

interface Prompted {
  /** The command typed after the prompt. */
  command: string;
  /** A prompt of another program: its command is not for a shell. */
  foreign: boolean;
}

/** The command on a prompted line, or undefined when the line has no prompt. */
export function promptOf(line: string, lang: string): Prompted | undefined {
  if (FOREIGN_PROMPT.test(line))
    return { command: line.replace(FOREIGN_PROMPT, ''), foreign: true };
  const patterns = TRANSCRIPT_LANGS.has(lang) ? [...SHELL_PROMPT, ROOT_PROMPT] : SHELL_PROMPT;
  for (const pattern of patterns) {
    const m = pattern.exec(line);
    if (m)
      return {
        command: line.slice((m[1] ?? '').length + (m[2] ?? '').length).replace(/^ /, ''),
        foreign: false,
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
const TABLE_HEADER = /^[A-Z][A-Z_-]*(?:\([A-Z]+\))?(?: {2,}[A-Z][A-Z_ -]*(?:\([A-Z]+\))?)+\s*$/;

/** A line that is what a program printed, never something to type. */
function looksLikeOutput(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  return (
    TIMESTAMP.test(t) ||
    LOG.test(t) ||
    YAML.test(t) ||
    JSON_LINE.test(t) ||
    TABLE_HEADER.test(t) ||
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
    if (TABLE_HEADER.test(line.trim())) inTable = true;
    return inTable || looksLikeOutput(line);
  });
}
