// The hint-word finder: over a long text one regex pass must report exactly
// the words `includes` would, overlapping words and words inside words too.
import { describe, expect, it } from 'vitest';
import { GITLEAKS_RULES } from '../../../../src/domain/redact/gitleaks-rules.js';
import { trieSource, wordFinder } from '../../../../src/domain/redact/words-present.js';
import { seeded } from '../../../helpers/seeded.js';

const WORDS = [
  'key',
  'api',
  'api_key',
  'apikey',
  'token',
  'ken',
  'xoxb-',
  'ghp_',
  'AKIA',
  'pass',
  'passwd',
  'sswd',
  'yto',
];
const byIncludes = (words: string[], text: string, ignoreCase = false) =>
  new Set(words.filter((w) => (ignoreCase ? text.toLowerCase() : text).includes(w)));

const { joined } = seeded(11);
const pieces = [
  ...WORDS,
  'KEY',
  'Api',
  'TOKEN',
  'Passwd',
  'ap',
  'i',
  '_',
  ' ',
  '→',
  'x',
  'filler text ',
];
/** A text longer than the one-pass threshold, holding a random few of the pieces. */
const longText = () => `${'plain words of a long night → '.repeat(200)}${joined(pieces, 1, 13)}`;

describe('wordFinder', () => {
  it('finds exactly what includes finds, in long and short texts', () => {
    const finder = wordFinder(WORDS);
    const texts = ['', 'no words here', WORDS.join(''), 'apikeyapi_keytokenpasswd', 'xxpasswdxx'];
    // `yto` starts inside `key` and ends inside `token`: found only by searching on from inside a match.
    texts.push(`${'.'.repeat(5000)}keytoken`);
    for (let i = 0; i < 300; i++) texts.push(longText());
    texts.push(`${'→'.repeat(5000)}api_keypasswd`);
    for (const text of texts)
      expect(finder.in(text), text.slice(-60)).toEqual(byIncludes(WORDS, text));
  });

  it('ignoring case, reports the words lower case as a lower-cased text holds them', () => {
    const words = WORDS.map((w) => w.toLowerCase());
    const finder = wordFinder(words, { ignoreCase: true });
    for (let i = 0; i < 300; i++) {
      const text = longText();
      expect(finder.in(text), text.slice(-60)).toEqual(byIncludes(words, text, true));
    }
    expect(finder.in(`${'x'.repeat(5000)} API_KEY and PassWD`)).toEqual(
      new Set(['api', 'key', 'api_key', 'pass', 'passwd', 'sswd']),
    );
  });

  it('with many words, finds exactly what includes finds, by the regex and then (past a megabyte) the automaton', () => {
    const many = [
      ...WORDS.map((w) => w.toLowerCase()),
      ...Array.from({ length: 100 }, (_, i) => `w${i}x`),
    ];
    const finder = wordFinder(many, { ignoreCase: true });
    for (let i = 0; i < 300; i++) {
      const text = `${longText()}W${i}X w${i * 3}x`;
      expect(finder.in(text), text.slice(-60)).toEqual(byIncludes(many, text, true));
    }
  });

  it('finds nothing when given no words', () => {
    expect(wordFinder([]).in('key '.repeat(2000))).toEqual(new Set());
  });
});

describe('trieSource', () => {
  it('matches at each place the longest word that starts there, words holding regex syntax too', () => {
    const { pick, random } = seeded(31);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const alphabet = [
      'a',
      'b',
      '.',
      '*',
      '(',
      ')',
      '[',
      '\\',
      '$',
      '^',
      '|',
      '?',
      '+',
      '{',
      '}',
      'é',
      '→',
    ];
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: int(1, 12) }, () =>
        Array.from({ length: int(1, 4) }, () => pick(alphabet)).join(''),
      );
      const regex = new RegExp(trieSource(words), 'y');
      const text = Array.from({ length: 60 }, () => pick(alphabet)).join('') + words.join('');
      for (let at = 0; at < text.length; at++) {
        regex.lastIndex = at;
        const longest = words
          .filter((w) => text.startsWith(w, at))
          .reduce<string | undefined>(
            (a, w) => (a === undefined || w.length > a.length ? w : a),
            undefined,
          );
        expect(regex.exec(text)?.[0], `${JSON.stringify(words)} at ${at}`).toBe(longest);
      }
    }
  });

  it("finds gitleaks' own keywords as includes does", () => {
    const keywords = [...new Set(GITLEAKS_RULES.flatMap((r) => r.keywords))];
    const finder = wordFinder(keywords, { ignoreCase: true });
    const { joined } = seeded(5);
    for (let i = 0; i < 100; i++) {
      const text = `${'a long night '.repeat(400)}${joined([...keywords, ' ', 'x', 'TOKEN='], 1, 20)}`;
      expect(finder.in(text)).toEqual(byIncludes(keywords, text, true));
    }
  });
});
