import { describe, expect, it } from 'vitest';
import { OutputTail, tail } from '../../../../src/domain/text/tail.js';

describe('tail', () => {
  it('keeps the last lines and at most maxChars characters', () => {
    expect(tail('1\n2\n3\n', 2)).toBe('2\n3');
    expect(tail('x'.repeat(10), 20, 4)).toBe('…xxxx');
  });
});

/** A small deterministic generator, so a failure names a case that can be run again. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('the tail of a streamed output', () => {
  // Pieces of output: words, long lines, newlines and runs of whitespace of every kind tail() trims.
  const PIECES = [
    'word ',
    'x'.repeat(37),
    '\n',
    '\n\n\n',
    ' '.repeat(90),
    '\t',
    '\r\n',
    '\u00a0',
    'é',
    'ok\n',
  ];

  it('is what tail() reads from the whole output, however it arrives and however long', () => {
    const next = generator(11);
    let bounded = 0;
    for (let round = 0; round < 400; round++) {
      // maxChars 50 keeps 200 characters of room: outputs of up to ~6,000 characters cross it often.
      const kept = new OutputTail(5, 50);
      let whole = '';
      const chunks = 1 + Math.floor(next() * 120);
      for (let i = 0; i < chunks; i++) {
        let chunk = '';
        const length = Math.floor(next() * 8);
        for (let j = 0; j < length; j++) chunk += PIECES[Math.floor(next() * PIECES.length)];
        // Now and then a long stretch of nothing but whitespace, then more output (or none).
        if (next() < 0.05)
          chunk += (next() < 0.5 ? '\n' : ' ').repeat(1_000 + Math.floor(next() * 2_000));
        kept.add(chunk);
        whole += chunk;
      }
      expect(kept.tail(), JSON.stringify(whole.slice(-300))).toBe(tail(whole, 5, 50));
      if (whole.length > 800) bounded++;
    }
    // The outputs did outgrow what is kept, often.
    expect(bounded).toBeGreaterThan(100);
  });

  it('holds a bounded part of an output of megabytes', () => {
    const kept = new OutputTail();
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 50_000; i++) kept.add(line);
    kept.add('done\n');
    expect(kept.tail().endsWith(`${'x'.repeat(99)}\ndone`)).toBe(true);
    // 5 MB added; what is held stays near four times tail()'s room.
    expect(kept.held).toBeLessThan(70_000);
  });
});

describe('tail()', () => {
  it('trims the blanks /\\s+$/ trims, every one of them, and no other character', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (code >= 0xd800 && code <= 0xdfff) continue;
      expect(tail(`a${c}`) === 'a', `U+${code.toString(16)}`).toBe(/\s/.test(c));
    }
  });

  it('keeps a long run of blanks inside the output, and its last lines', () => {
    const output = `one\ntwo ${' '.repeat(100_000)} three\n\n \t\n`;
    expect(tail(output, 2, 20)).toBe(`…${' '.repeat(14)} three`);
  });
});
