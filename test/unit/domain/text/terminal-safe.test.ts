// Nothing we did not write may drive the terminal: every control, C1 and bidi
// character is shown as its code; ordinary text of any script passes unchanged.
import { describe, expect, it } from 'vitest';
import {
  madeSafe,
  safeBlock,
  safeLine,
  safeStrings,
} from '../../../../src/domain/text/terminal-safe.js';
import { seeded } from '../../../helpers/seeded.js';

/** Raw bytes that act on a terminal: none may survive either variant. */
const ACTIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const HOSTILE: [string, string, string][] = [
  ['ESC (a bare escape)', 'a\x1bb', 'a\\x1bb'],
  [
    'OSC 52 (writes the clipboard)',
    '\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07',
    '\\x1b]52;c;Y3VybCBldmlsIHwgc2g=\\x07',
  ],
  ['CSI clear screen and home', 'ok\x1b[2J\x1b[H', 'ok\\x1b[2J\\x1b[H'],
  ['CSI cursor up and erase line', '\x1b[1A\x1b[2Kforged', '\\x1b[1A\\x1b[2Kforged'],
  ['SGR colour', '\x1b[31mred\x1b[0m', '\\x1b[31mred\\x1b[0m'],
  ['C1 CSI (U+009B)', '\u009b2J', '\\x9b2J'],
  ['C1 OSC (U+009D) and NEL (U+0085)', '\u009d52;c;x\u0085', '\\x9d52;c;x\\x85'],
  ['BEL', 'ding\x07', 'ding\\x07'],
  ['backspace', 'rm -rf /\b\b\b\bls', 'rm -rf /\\x08\\x08\\x08\\x08ls'],
  ['lone carriage return', 'all good\rALL BAD', 'all good\\x0dALL BAD'],
  ['DEL', 'x\x7fy', 'x\\x7fy'],
  ['NUL', 'x\x00y', 'x\\x00y'],
  ['vertical tab and form feed', 'a\x0bb\x0cc', 'a\\x0bb\\x0cc'],
  [
    'right-to-left override (Trojan Source)',
    'access\u202e // check\u202c',
    'access\\u202e // check\\u202c',
  ],
  ['left-to-right embedding', '\u202aabc', '\\u202aabc'],
  ['bidi isolates', '\u2066x\u2067y\u2068z\u2069', '\\u2066x\\u2067y\\u2068z\\u2069'],
  ['bidi marks', '\u200ea\u200fb\u061c', '\\u200ea\\u200fb\\u061c'],
  ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
];

const ORDINARY = [
  'Checkout 500s after deploy 2024.11.3',
  'Größe prüfen, façade, naïve café, señor',
  'エラー率が上昇 · 错误率上升 · 오류율 상승',
  'שגיאות רבות · أخطاء كثيرة',
  '🚀 rollback done 👩‍💻 (ZWJ kept) 👍🏽 🇫🇷',
  'C:\\Users\\ops\\logs and a regex \\d+\\s*',
  '`kubectl get pods -n web` | grep -v Running; echo "$?"',
  '',
];

describe('safeLine', () => {
  it.each(HOSTILE)('shows %s as codes', (_name, raw, shown) => {
    expect(safeLine(raw)).toBe(shown);
    expect(safeLine(raw)).not.toMatch(ACTIVE);
  });

  it.each(ORDINARY)('leaves ordinary text alone: %s', (text) => {
    expect(safeLine(text)).toBe(text);
  });

  it('puts a multi-line text on one line, each break a visible ⏎', () => {
    expect(safeLine('first\nsecond')).toBe('first ⏎ second');
    expect(safeLine('first  \r\n  second')).toBe('first ⏎ second');
    expect(safeLine('a\n\n\nb')).toBe('a ⏎ b');
    expect(safeLine('10:02 alice  forged line\nnot forged')).not.toContain('\n');
  });

  it('turns a tab into one space', () => {
    expect(safeLine('a\tb')).toBe('a b');
  });

  it('joins lines as the plain rule does, blanks, breaks and carriage returns in any mix', () => {
    // The rule without its lookbehind (it tried again at every blank of a run): the same matches.
    const plain = (text: string) =>
      text
        .replace(/[ \t]*(?:\r?\n[ \t]*)+/g, ' ⏎ ')
        .replace(/\t/g, ' ')
        .replace(/\r/g, '\\x0d'); // the only other control the pieces hold
    const { joined } = seeded(7);
    const pieces = [' ', '\t', '\n', '\r', '\r\n', 'a', 'b c', '  \t '];
    for (let i = 0; i < 3000; i++) {
      const text = joined(pieces, 1, 24);
      expect(safeLine(text), JSON.stringify(text)).toBe(plain(text));
    }
    // A long run of tabs with no line break after it: one pass over it.
    expect(safeLine(`a${'\t'.repeat(100_000)}b`)).toBe(`a${' '.repeat(100_000)}b`);
  });

  it('is idempotent: what it shows is already safe', () => {
    for (const [, raw] of HOSTILE) expect(safeLine(safeLine(raw))).toBe(safeLine(raw));
  });
});

describe('safeBlock', () => {
  it.each(HOSTILE)('shows %s as codes', (_name, raw, shown) => {
    expect(safeBlock(raw)).toBe(shown);
  });

  it.each(ORDINARY)('leaves ordinary text alone: %s', (text) => {
    expect(safeBlock(text)).toBe(text);
  });

  it('keeps line breaks and tabs; reads CRLF as a line break', () => {
    expect(safeBlock('NAME\tREADY\nweb-1\t1/1\r\nweb-2\t0/1\n')).toBe(
      'NAME\tREADY\nweb-1\t1/1\nweb-2\t0/1\n',
    );
  });

  it('neutralises escapes inside captured output, line by line', () => {
    const tail = 'pod web-1 ok\n\x1b]52;c;ZWNobyBoaQ==\x07\nprogress 10%\rprogress 100%';
    const shown = safeBlock(tail);
    expect(shown.split('\n')).toEqual([
      'pod web-1 ok',
      '\\x1b]52;c;ZWNobyBoaQ==\\x07',
      'progress 10%\\x0dprogress 100%',
    ]);
    expect(shown).not.toMatch(ACTIVE);
  });
});

describe('safeStrings', () => {
  it('makes every string of a view model safe, at any depth, and leaves the rest', () => {
    const model = {
      title: 'Web\x1b[2J down',
      count: 3,
      drill: false,
      missing: undefined,
      actions: [{ at: '02:14', text: 'ran\nforged' }],
      to: { name: 'Bob\u202e' },
      tags: ['a\x07', null],
    };
    expect(safeStrings(model)).toEqual({
      title: 'Web\\x1b[2J down',
      count: 3,
      drill: false,
      missing: undefined,
      actions: [{ at: '02:14', text: 'ran ⏎ forged' }],
      to: { name: 'Bob\\u202e' },
      tags: ['a\\x07', null],
    });
  });

  it('takes the variant to apply', () => {
    expect(safeStrings({ body: 'a\nb\x1b' }, safeBlock)).toEqual({ body: 'a\nb\\x1b' });
  });

  it('copies only what changed, never the input, and returns ordinary text as it is', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ at: '02:14', text: `row ${i}` }));
    const model = { title: 'Web down', rows, to: { name: 'Bob' } };
    // Nothing to make safe: the same objects back, no copy of a night's rows.
    expect(safeStrings(model)).toBe(model);
    const hostile = { ...model, rows: [...rows, { at: '02:15', text: 'ran\x1b[2J' }] };
    const shown = safeStrings(hostile);
    expect(shown).not.toBe(hostile);
    expect(shown.rows).not.toBe(hostile.rows);
    expect(shown.rows[0]).toBe(rows[0]);
    expect(shown.to).toBe(model.to);
    expect(shown.rows[100]).toEqual({ at: '02:15', text: 'ran\\x1b[2J' });
    expect(hostile.rows[100]?.text).toBe('ran\x1b[2J');
  });
});

describe('the fast path of safeLine and safeBlock', () => {
  /** What each did before it looked first: always the full replacement. */
  const UNSAFE_ALL =
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
  const code = (ch: string) => {
    const n = ch.charCodeAt(0);
    return n <= 0xff
      ? `\\x${n.toString(16).padStart(2, '0')}`
      : `\\u${n.toString(16).padStart(4, '0')}`;
  };
  const line = (t: string) =>
    t
      .replace(/[ \t]*(?:\r?\n[ \t]*)+/g, ' ⏎ ')
      .replace(/\t/g, ' ')
      .replace(UNSAFE_ALL, code);
  const block = (t: string) =>
    t
      .replace(/\r\n/g, '\n')
      .replace(UNSAFE_ALL, (ch) => (ch === '\n' || ch === '\t' ? ch : code(ch)));

  it('gives what the full replacement gives, for every kind of text', () => {
    const texts = [
      ...ORDINARY,
      ...HOSTILE.map(([, raw]) => raw),
      'a\tb',
      'a\nb',
      'a\r\nb',
      'a \n\n b\t',
      '\r',
      'tail\n',
    ];
    for (const text of texts) {
      expect(safeLine(text)).toBe(line(text));
      expect(safeBlock(text)).toBe(block(text));
    }
  });

  it('leaves ordinary text as it is, a long body too', () => {
    const long = 'a line of a long draft, with no control in it\n'.repeat(1000);
    expect(safeBlock(long)).toBe(long);
    expect(safeLine(ORDINARY[0] as string)).toBe(ORDINARY[0]);
  });
});

describe('madeSafe', () => {
  it('lets safeStrings leave alone what was made safe where it was made, and only that', () => {
    const rows = madeSafe([{ text: 'made safe already' }]);
    const model = { rows, title: 'evil\x1b]52;c;x\x07' };
    const safe = safeStrings(model);
    expect(safe.rows).toBe(rows);
    expect(safe.title).toBe('evil\\x1b]52;c;x\\x07');
  });
});
