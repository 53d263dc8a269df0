import { describe, expect, it } from 'vitest';
import { anchoredMatches, anchoredPattern } from '../../../../src/domain/redact/anchored.js';

/** The shapes the redaction runs this way: a command's flag, two gaps, gitleaks' lines, a token's run. */
const SHAPES = [
  {
    what: 'a program, then its flag in the same shell command',
    pattern: /\b(?:curl|wget)\b[^\n;&|]*?[ \t](?:-u|--user)(?:=|[ \t]*)(?=\S)/g,
    gap: '[^\\n;&|]*?',
    end: /[\n;&|]/,
    words: ['curl', 'wget', 'xcurl', ' ', ' ', '-u', '--user', '=', 'a:b', ';', '&', '|', '\n'],
  },
  {
    what: 'a program, then a word, then a flag',
    pattern: /\b(?:docker|helm)\b[^\n;&|]*?\blogin\b[^\n;&|]*?[ \t]-p[ \t]*(?=\S)/g,
    gap: '[^\\n;&|]*?',
    end: /[\n;&|]/,
    words: ['docker', 'helm ', ' login', 'relogin', ' ', ' -p x', '-p', 'x', ';', '\n'],
  },
  {
    what: "gitleaks' curl, then its header up to five lines on",
    pattern:
      /\bcurl\b(?:.*?|.*?(?:[\r\n]{1,2}.*?){1,5})[ \t\n\r](?:-H|--header)(?:=|[ \t]{0,5})"([^"]{4,})"/dg,
    gap: '(?:.*?|.*?(?:[\\r\\n]{1,2}.*?){1,5})',
    end: /[\n\r\u2028\u2029]/,
    words: [
      'curl',
      ' ',
      ' -H "abcd"',
      '-H',
      '--header',
      '"',
      'abcd',
      '\n',
      '\r\n',
      '\n\n',
      '\u2028',
      'x',
    ],
  },
  {
    what: "a token's run up to its dot",
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/dg,
    gap: '[A-Za-z0-9_-]{8,}',
    end: /[^A-Za-z0-9_-]/,
    words: ['eyJ', 'abcdefgh', 'ab', '-', '.', ' ', 'x', '_'],
  },
];

/** What exec() finds, global, from the start: [index, match] each. */
function byExec(pattern: RegExp, text: string): [number, string][] {
  const found: [number, string][] = [];
  const regex = new RegExp(pattern.source, pattern.flags);
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    found.push([m.index, m[0]]);
    if (m[0] === '') regex.lastIndex++;
  }
  return found;
}

/** A small deterministic generator, so a failure names a text that can be run again. */
function randomTexts(words: readonly string[], count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 40) },
      () => words[Math.floor(next() * words.length)],
    ).join(''),
  );
}

describe('anchored matches', () => {
  for (const { what, pattern, gap, end, words } of SHAPES) {
    it(`finds what exec() finds, in the same order: ${what}`, () => {
      const rule = anchoredPattern(pattern, gap, end);
      let matched = 0;
      for (const text of randomTexts(words, 3000, 7)) {
        const mine = [...anchoredMatches(text, rule)].map((m): [number, string] => [m.index, m[0]]);
        expect(mine, JSON.stringify(text)).toEqual(byExec(pattern, text));
        matched += mine.length;
      }
      // The texts hold matches, not only misses.
      expect(matched).toBeGreaterThan(100);
    });
  }

  it('keeps the capture groups and their indices (the secret is a group)', () => {
    const { pattern, gap, end } = SHAPES[2] as (typeof SHAPES)[number];
    const [m] = [...anchoredMatches('curl -s x\n -H "sesame"', anchoredPattern(pattern, gap, end))];
    expect(m?.[1]).toBe('sesame');
    expect(m?.indices?.[1]).toEqual([15, 21]);
  });

  it('tries a long run of the word once per stretch, not once per word', () => {
    const { pattern, gap, end } = SHAPES[0] as (typeof SHAPES)[number];
    const rule = anchoredPattern(pattern, gap, end);
    let attempts = 0;
    const exec = rule.whole.exec.bind(rule.whole);
    rule.whole.exec = (text: string) => {
      attempts++;
      return exec(text);
    };
    // One command that names curl 5,000 times and has no -u: one attempt.
    expect([...anchoredMatches('curl '.repeat(5_000), rule)]).toEqual([]);
    expect(attempts).toBe(1);
    // The flag at its very end: found by that one attempt.
    attempts = 0;
    const found = [...anchoredMatches(`${'curl '.repeat(5_000)}-u alice:x`, rule)];
    expect(found.map((m) => m.index + m[0].length)).toEqual([25_003]);
    expect(attempts).toBe(1);
    // A hundred commands: one attempt each.
    attempts = 0;
    expect([...anchoredMatches('curl curl curl;'.repeat(100), rule)]).toEqual([]);
    expect(attempts).toBe(100);
  });

  it('refuses a rule that does not start with a word and the gap', () => {
    expect(() => anchoredPattern(/[^\n;&|]*?-u/g, '[^\\n;&|]*?', /[\n;&|]/)).toThrow(
      /does not start with a word/,
    );
    expect(() => anchoredPattern(/\bcurl\b.*-u/g, '[^\\n;&|]*?', /[\n;&|]/)).toThrow();
  });
});
