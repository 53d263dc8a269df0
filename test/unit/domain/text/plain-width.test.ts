// Plain text is measured without string-width (src/domain/text/plain-width.ts),
// and must come out exactly as string-width measures it, with the options
// wrap-ansi passes too.
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { measured, plainWidth } from '../../../../src/domain/text/plain-width.js';
import { seeded } from '../../../helpers/seeded.js';

const c = new Chalk({ level: 1 });
const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const latin1 = Array.from({ length: 0x100 - 0xa0 }, (_, i) => String.fromCharCode(0xa0 + i));
const marks = [...'–’“”•…←→⏎─│✓✗❯'];
const others = ['\u00ad', '\u0301', '\ufe0f', '\x9b1m', '再', '\t', '⚠', '👍', '\x1b]8;;x\x07'];
const pieces = [...ascii, ...latin1, ...marks, ...others, c.red('x'), c.bold(''), '\x1b[2m'];

describe('plain text, measured without string-width', () => {
  it('is measured as string-width measures it, character by character', () => {
    for (const ch of [...ascii, ...latin1, ...marks, ...others])
      expect(plainWidth(ch) ?? stringWidth(ch), JSON.stringify(ch)).toBe(stringWidth(ch));
  });

  it('gives what string-width gives, for any text and the options wrap-ansi passes', () => {
    const { joined } = seeded(1717);
    const options = [
      undefined,
      { countAnsiEscapeCodes: true },
      { ambiguousIsNarrow: false },
      { ambiguousIsNarrow: true, countAnsiEscapeCodes: false },
    ];
    let started = 0;
    const start = () => {
      started++;
      return stringWidth;
    };
    for (let i = 0; i < 3000; i++) {
      const text = joined(pieces, 0, 14);
      for (const o of options)
        expect(measured(text, o, start), `${JSON.stringify(text)} ${JSON.stringify(o)}`).toBe(
          stringWidth(text, o),
        );
    }
    expect(started).toBeGreaterThan(0);
    const before = started;
    expect(measured('Ruled out (333): …325 earlier', undefined, start)).toBe(29);
    expect(started).toBe(before); // plain: string-width never asked
  });
});
