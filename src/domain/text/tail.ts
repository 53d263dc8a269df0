// What is kept of a command's output: its last lines. A command may print
// gigabytes (`kubectl logs` of a busy pod), so the output is never held whole:
// OutputTail keeps, as it streams, just enough of its end for tail() to read.

const MAX_LINES = 20;
const MAX_CHARS = 4000;

/** The last `maxLines` lines (and at most `maxChars` characters) of some output. */
export function tail(text: string, maxLines = MAX_LINES, maxChars = MAX_CHARS): string {
  // trimEnd, not replace(/\s+$/): the regex tries again at every blank of a long run
  // of them before the end (60,000 spaces in a line: 2.8 s); trimEnd drops the same set.
  const lines = text.trimEnd().split('\n');
  let out = lines.slice(-maxLines).join('\n');
  if (out.length > maxChars) out = `…${out.slice(-maxChars)}`;
  return out;
}

const isSpace = (c: string) => /\s/.test(c);

/**
 * The end of a stream of text, from which tail() reads what it would read
 * from the whole, in bounded memory. tail() depends only on the last
 * `maxChars` characters before the trailing whitespace (fewer lines than that
 * are whole inside them; more are cut to them), so `room` more than that is
 * kept before the whitespace, and of the whitespace itself its last `room`
 * characters: if more output follows it, what came before it is further back
 * than tail() reads.
 */
export class OutputTail {
  private kept = '';
  private readonly room: number;

  constructor(
    private readonly maxLines = MAX_LINES,
    private readonly maxChars = MAX_CHARS,
  ) {
    this.room = 4 * maxChars;
  }

  add(chunk: string): void {
    this.kept += chunk;
    if (this.kept.length > 4 * this.room) this.kept = this.bounded(this.kept);
  }

  /** How many characters it holds: a few times tail()'s, however much was added. */
  get held(): number {
    return this.kept.length;
  }

  /** tail() of everything added. */
  tail(): string {
    return tail(this.kept, this.maxLines, this.maxChars);
  }

  private bounded(text: string): string {
    let end = text.length;
    while (end > 0 && isSpace(text[end - 1] as string)) end--;
    const space = text.length - end;
    return (
      text.slice(Math.max(0, end - this.room), end) +
      text.slice(space > this.room ? text.length - this.room : end)
    );
  }
}
