// The session recording of `oncall shell`, as an asciicast v2 file (the
// format asciinema's players and tools read): a header line, then one
// `[seconds, code, data]` line per event: `o` output, `r` a resize
// ("COLSxROWS"), `m` a marker (each recorded command). Never `i` (keys
// typed: a password at a prompt that does not echo would be in them).
//
// The terminal echoes what is typed, so a secret typed on a command line is
// in the stream too: each command's cycle (the prompt and the typed line up
// to OSC 133;C, then its output up to the hook's record) is held until the
// record says what the command was. Then the typed line is written redacted in
// place of its echo, the output redacted a line at a time; a command that is
// not recorded (a leading space) leaves `[not recorded]` and nothing of its
// line or output. What is typed at a prompt and never run is never written.
import { screenTail } from './screen.js';

/** The held output of one command beyond which its oldest part is let go. */
const MAX_HELD = 1 << 20;

interface Held {
  at: number;
  text: string;
}

interface CastHeader {
  width: number;
  height: number;
  /** Seconds since the epoch. */
  timestamp: number;
  title: string;
  env: { SHELL: string; TERM: string };
}

export function castHeaderLine(header: CastHeader): string {
  return `${JSON.stringify({ version: 2, ...header })}\n`;
}

/** What one command left on the tape: its place in it and its output tail. */
interface TapedCommand {
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
  /** The last lines of its output as shown, redacted, safe to print. */
  outputTail: string;
}

type Code = 'o' | 'r' | 'm';
type CastEvent = [atMs: number, code: Code, data: string];

export class SessionTape {
  private input: Held[] = [];
  private output: Held[] = [];
  private resizes: Held[] = [];
  private outputAt: number | undefined;
  private held = 0;
  private cut = false;

  /**
   * `write` gets each line of the file, events in time order; `redact` is
   * the full redactor's text().
   */
  constructor(
    private readonly startMs: number,
    private readonly write: (line: string) => void,
    private readonly redact: (text: string) => string,
  ) {}

  /** Text the terminal showed. */
  shown(atMs: number, text: string): void {
    if (!text) return;
    if (this.outputAt === undefined) {
      this.input.push({ at: atMs, text });
      return;
    }
    this.output.push({ at: atMs, text });
    this.held += text.length;
    while (this.held > MAX_HELD && this.output.length > 1) {
      this.held -= this.output.shift()?.text.length ?? 0;
      this.cut = true;
    }
  }

  /** OSC 133;C: the command's output starts here. */
  outputStarts(atMs: number): void {
    this.outputAt ??= atMs;
  }

  resized(atMs: number, cols: number, rows: number): void {
    this.resizes.push({ at: atMs, text: `${cols}x${rows}` });
  }

  /**
   * A command ended (the hook's F record): its cycle is written, its line
   * redacted; a marker names it when it is one of the incident's (`label`).
   */
  recorded(atMs: number, line: string, label?: string): TapedCommand {
    const from = this.cycleStart(atMs);
    const redactedLine = this.redact(line);
    const outputTail = this.redact(screenTail(this.output.map((h) => h.text).join('')));
    const marker: CastEvent[] = label ? [[from, 'm', `${label} ${redactedLine}`]] : [];
    const events: CastEvent[] = [
      ...marker,
      [from, 'o', `$ ${redactedLine.replace(/\n/g, '\r\n> ')}\r\n`],
      ...this.outputEvents(),
    ];
    // The recording lasts until the command ended (its range ends inside it),
    // even when the hook's record came in a later read than all its output.
    if (Math.max(...events.map(([at]) => at)) < atMs) events.push([atMs, 'o', '']);
    this.close(events);
    return { start: this.seconds(from), end: this.seconds(atMs), outputTail };
  }

  /** A command ran that is not recorded (the hook's X record): nothing of it is written. */
  notRecorded(atMs: number): void {
    this.close([[this.cycleStart(atMs), 'o', '[not recorded]\r\n']]);
  }

  /**
   * The session ended. The output of a command that had started (`exit`) is
   * written, redacted; what was typed at a prompt and never run is not.
   */
  end(): void {
    this.close(this.outputAt === undefined ? [] : this.outputEvents());
  }

  private cycleStart(atMs: number): number {
    return this.input[0]?.at ?? this.outputAt ?? atMs;
  }

  /** The output held, redacted a line at a time (a secret cut by a chunk is whole in its line). */
  private outputEvents(): CastEvent[] {
    const events: CastEvent[] = [];
    const first = this.output[0];
    if (this.cut && first) events.push([first.at, 'o', '[… earlier output not kept]\r\n']);
    let pending = '';
    for (const { at, text } of this.output) {
      pending += text;
      const lineEnd = pending.lastIndexOf('\n');
      if (lineEnd < 0) continue;
      events.push([at, 'o', this.redact(pending.slice(0, lineEnd + 1))]);
      pending = pending.slice(lineEnd + 1);
    }
    const last = this.output.at(-1);
    if (pending && last) events.push([last.at, 'o', this.redact(pending)]);
    return events;
  }

  /** Writes a cycle's events with the resizes held meanwhile, in time order; the next cycle starts. */
  private close(events: CastEvent[]): void {
    const all = [...events, ...this.resizes.map((r): CastEvent => [r.at, 'r', r.text])];
    // Stable: events of one instant keep their order.
    all.sort((a, b) => a[0] - b[0]);
    for (const [at, code, data] of all) {
      this.write(`${JSON.stringify([this.seconds(at), code, data])}\n`);
    }
    this.input = [];
    this.output = [];
    this.resizes = [];
    this.outputAt = undefined;
    this.held = 0;
    this.cut = false;
  }

  private seconds(atMs: number): number {
    return Math.max(0, Math.round(atMs - this.startMs)) / 1000;
  }
}
