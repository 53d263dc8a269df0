// The shell hooks' record (shell/hook.bash, hook.zsh, hook.fish): one command
// in one line, tab-separated, written by shell builtins alone (a fork would
// cost the prompt milliseconds), read here. Nothing in a record is trusted
// beyond its shape: it becomes an event only through the recorder, which
// redacts it first.
//
//   oncall1 KIND SHELL SESSION SEQ T0 T1 EXIT PIPESTATUS DURATION_MS ENC CWD CMD
//
// KIND  S started (zsh, fish: sent from preexec, while the command runs)
//       F finished (every shell; self-contained: a lost S loses nothing)
//       X a command ran that is not recorded (space-prefixed, kept out of
//         history): only inside `oncall shell`, which then leaves its echo and
//         output out of the session recording too.
// T0/T1 wall time as the shell has it: bash's T0 is EPOCHREALTIME's digits
//       (microseconds: PS0's arithmetic cannot keep the separator), the others
//       EPOCHREALTIME as it is ("1700000000.123456", "," in some locales).
//       Empty from fish (no builtin clock): the time of arrival stands in.
// ENC   b: \\ \t \n \r \e \a as backslash escapes (bash, zsh); u: %XX (fish's
//       `string escape --style=url`); h (bash): CMD is the raw output of
//       `history 1` ("  123  line", newlines and all). Through a FIFO it
//       follows the record's line, up to a line `oncall1<TAB>E`; in an OSC it
//       is the rest of the payload.

const RECORD_TAG = 'oncall1';
/** The line that ends a bash record's `history 1` text in a FIFO. */
const HISTORY_END = `${RECORD_TAG}\tE`;

export const CAPTURED_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CapturedShell = (typeof CAPTURED_SHELLS)[number];

export interface ShellRecord {
  kind: 'S' | 'F' | 'X';
  shell: CapturedShell;
  session: string;
  /** The command's number in its session; fish's S carries none (see typed.ts). */
  seq?: number;
  /** Where it started. */
  cwd: string;
  /** The line as typed (a leading space kept: it says "do not record"). */
  command: string;
  arrivedAtMs: number;
  /** S and F: when it started (fish's F: its end minus its duration). */
  startMs?: number;
  /** F: when it ended (the prompt came back). */
  endMs?: number;
  exitCode?: number | null;
  /** F: one exit code per command of a pipeline. */
  pipestatus?: number[];
  durationMs?: number;
}

/** Milliseconds since the epoch from a shell's time text, or undefined. */
export function toMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    // Digits only: EPOCHREALTIME without its separator, in microseconds.
    return text.length > 13 ? Number(text) / 1000 : Number(text);
  }
  const seconds = Number(text.replace(',', '.'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

const BACKSLASH: Record<string, string> = {
  '\\': '\\',
  t: '\t',
  n: '\n',
  r: '\r',
  e: '\x1b',
  a: '\x07',
};

/** The line out of bash's `history 1` output: "%5d%c %s\n" (c is `*` for an edited line). */
export function historyLine(raw: string): string {
  return raw
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '')
    .replace(/^ *\d+[* ] /, '');
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Percent-decoded bytes, read as UTF-8 (a typed line may hold any bytes). */
function percentDecoded(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      const code = text.codePointAt(i) ?? 0;
      if (code > 0xffff) i++;
      bytes.push(...utf8.encode(String.fromCodePoint(code)));
    }
  }
  return fromUtf8.decode(new Uint8Array(bytes));
}

export function decodeField(text: string, enc: string): string {
  if (enc === 'h') return historyLine(text);
  if (enc === 'u') return percentDecoded(text);
  return text.replace(/\\([\\tnrea])/g, (_, c: string) => BACKSLASH[c] ?? c);
}

const isShell = (text: string): text is CapturedShell =>
  (CAPTURED_SHELLS as readonly string[]).includes(text);

function exitOf(text: string | undefined): number | null {
  return text && /^\d{1,3}$/.test(text) ? Number(text) : null;
}

/** The finished command's times, from the shell's clock where it has one. */
function finishedTimes(record: ShellRecord, t0: string, t1: string, duration: string): void {
  const given = /^\d+$/.test(duration) ? Number(duration) : undefined;
  const endMs = toMs(t1) ?? record.arrivedAtMs;
  const startMs = toMs(t0) ?? (given !== undefined ? endMs - given : endMs);
  record.endMs = endMs;
  record.startMs = Math.min(startMs, endMs);
  record.durationMs = given ?? Math.max(0, endMs - startMs);
}

/**
 * One record (without its line break) as read; undefined when it is not one.
 * With ENC h the command is `history 1`'s raw text: the rest of the payload.
 */
export function parseRecord(line: string, arrivedAtMs: number): ShellRecord | undefined {
  const f = line.split('\t');
  const [tag, kind, shell = '', session = '', seq, t0 = '', t1 = '', exit, pipes, duration = ''] =
    f;
  if (tag !== RECORD_TAG || (kind !== 'S' && kind !== 'F' && kind !== 'X') || !isShell(shell)) {
    return undefined;
  }
  const enc = f[10] ?? 'b';
  // The command is the last field; a tab inside it was escaped (raw only with ENC h).
  const command = decodeField(f.slice(12).join('\t'), enc);
  const record: ShellRecord = {
    kind,
    shell,
    session,
    ...(seq && /^\d+$/.test(seq) ? { seq: Number(seq) } : {}),
    // With ENC h only the command is raw; the directory is escaped as with b.
    cwd: decodeField(f[11] ?? '', enc === 'h' ? 'b' : enc),
    command,
    arrivedAtMs,
  };
  if (kind === 'S') record.startMs = toMs(t0) ?? arrivedAtMs;
  if (kind === 'F') {
    record.exitCode = exitOf(exit);
    const codes = (pipes ?? '').split(' ').filter((c) => /^\d{1,3}$/.test(c));
    if (codes.length > 1) record.pipestatus = codes.map(Number);
    finishedTimes(record, t0, t1, duration);
  }
  return record;
}

/**
 * Records from a byte stream of lines (a FIFO): whole lines are parsed, the
 * rest waits for the next chunk; a bash record collects its `history 1` lines
 * up to HISTORY_END. Anything that is not a record is dropped.
 */
export class RecordLines {
  private rest = '';
  private collecting: { line: string; lines: string[]; at: number } | undefined;

  push(chunk: string, arrivedAtMs: number): ShellRecord[] {
    this.rest += chunk;
    const records: ShellRecord[] = [];
    for (let i = this.rest.indexOf('\n'); i >= 0; i = this.rest.indexOf('\n')) {
      const line = this.rest.slice(0, i);
      this.rest = this.rest.slice(i + 1);
      const record = this.take(line, arrivedAtMs);
      if (record) records.push(record);
    }
    // A line that never ends (not a hook's) is not held without limit.
    if (this.rest.length > 1 << 20) this.rest = '';
    return records;
  }

  private take(line: string, arrivedAtMs: number): ShellRecord | undefined {
    const collecting = this.collecting;
    if (collecting) {
      if (line !== HISTORY_END) {
        collecting.lines.push(line);
        return undefined;
      }
      this.collecting = undefined;
      return parseRecord(`${collecting.line}\t${collecting.lines.join('\n')}`, collecting.at);
    }
    const fields = line.split('\t');
    if (fields[0] === RECORD_TAG && fields[10] === 'h' && fields.length === 12) {
      this.collecting = { line, lines: [], at: arrivedAtMs };
      return undefined;
    }
    return parseRecord(line, arrivedAtMs);
  }
}
