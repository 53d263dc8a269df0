// The terminal stream of `oncall shell`, read as it comes: the shell's output
// with, in it, OSC sequences (ESC ] number ; payload BEL or ESC \). Two of
// them are ours to read: 133 (FinalTerm's semantic prompt marks, which the
// hook sends: C where a command's output starts, D;<exit> where it ended) and
// 6973 (the hook's records, marked with the session's nonce). A sequence cut
// by a chunk boundary waits for its end.

/** A piece of the stream: text to show, or one OSC sequence. */
export type StreamPiece =
  | { text: string }
  | { osc: number; payload: string /** As it came, to pass on. */; raw: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences are the point
const OSC = /\x1b\](\d+);([^\x07\x1b]*)(?:\x07|\x1b\\)/g;
/** Longest unterminated OSC held back waiting for its end; a longer one is shown as text. */
const MAX_HELD = 1 << 16;

export class OscScanner {
  private carry = '';

  push(chunk: string): StreamPiece[] {
    let text = this.carry + chunk;
    this.carry = '';
    const cut = heldFrom(text);
    if (cut !== undefined) {
      this.carry = text.slice(cut);
      text = text.slice(0, cut);
    }
    const pieces: StreamPiece[] = [];
    let at = 0;
    for (const m of text.matchAll(OSC)) {
      const index = m.index ?? 0;
      if (index > at) pieces.push({ text: text.slice(at, index) });
      pieces.push({ osc: Number(m[1]), payload: m[2] ?? '', raw: m[0] });
      at = index + m[0].length;
    }
    if (at < text.length) pieces.push({ text: text.slice(at) });
    return pieces;
  }

  /** What is still held at the end of the stream. */
  flush(): StreamPiece[] {
    const rest = this.carry;
    this.carry = '';
    return rest ? [{ text: rest }] : [];
  }
}

/** Where an OSC (or a lone ESC that may start one) begins without having ended yet. */
function heldFrom(text: string): number | undefined {
  if (text.endsWith('\x1b')) return text.length - 1;
  const start = text.lastIndexOf('\x1b]');
  if (start < 0 || text.length - start > MAX_HELD) return undefined;
  const rest = text.slice(start + 2);
  return rest.includes('\x07') || rest.includes('\x1b\\') ? undefined : start;
}
