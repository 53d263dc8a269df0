// The automaton that finds many ASCII words in one pass must report exactly
// what a regex per word finds: overlapping words, words inside words, and,
// ignoring case, only A-Z folded (a regex's `i` without `u`).
import { describe, expect, it } from 'vitest';
import { asciiWordFinder, asciiWordsOnly } from '../../../../src/domain/redact/ascii-words.js';
import { GITLEAKS_RULES } from '../../../../src/domain/redact/gitleaks-rules.js';
import { seeded } from '../../../helpers/seeded.js';

const WORDS = [
  'key',
  'api',
  'api_key',
  'apikey',
  'token',
  'ken',
  'xoxb-',
  'pass',
  'passwd',
  'sswd',
  'yto',
  'a',
];
const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The reference: one regex per word, as gitleaks' keywords would be looked for one by one. */
const byRegex = (words: readonly string[], text: string, ignoreCase: boolean) =>
  new Set(words.filter((w) => new RegExp(escaped(w), ignoreCase ? 'i' : '').test(text)));

const { joined } = seeded(17);
const pieces = [
  ...WORDS,
  'KEY',
  'Api',
  'TOKEN',
  'PassWD',
  'ap',
  'i',
  '_',
  ' ',
  '→',
  '\u212a', // KELVIN SIGN: lower-cases to k, yet /k/i does not match it
  '\u0130', // I WITH DOT ABOVE: lower-cases to i and a dot
  'x',
  'words of a long night ',
];

describe('asciiWordFinder', () => {
  it('finds exactly what a regex per word finds, with and without case', () => {
    const exact = asciiWordFinder(WORDS, false);
    const folded = asciiWordFinder(WORDS, true);
    const texts = [
      '',
      'nothing',
      WORDS.join(''),
      'apikeyapi_keytokenpasswd',
      'keytoken',
      'API\u212aEY',
    ];
    for (let i = 0; i < 400; i++) texts.push(joined(pieces, 1, 40));
    for (const text of texts) {
      expect(exact(text), text).toEqual(byRegex(WORDS, text, false));
      expect(folded(text), text).toEqual(byRegex(WORDS, text, true));
    }
  });

  it("finds gitleaks' keywords as their regexes would, in a long text", () => {
    const keywords = [...new Set(GITLEAKS_RULES.flatMap((r) => r.keywords))];
    const finder = asciiWordFinder(keywords, true);
    const { joined: some, pick } = seeded(3);
    for (let i = 0; i < 20; i++) {
      const text = some(
        [...keywords.map((k) => (i % 2 ? k.toUpperCase() : k)), ' ', '→', 'x', '\n'],
        50,
        400,
      );
      expect(finder(text)).toEqual(byRegex(keywords, text, true));
      expect(finder(`${text}${pick(keywords)}`).size).toBeGreaterThan(0);
    }
  });

  it('takes ASCII words only, lower case when case is ignored', () => {
    expect(asciiWordsOnly(['key', 'xoxb-'], true)).toBe(true);
    expect(asciiWordsOnly(['AKIA'], false)).toBe(true);
    expect(asciiWordsOnly(['AKIA'], true)).toBe(false);
    expect(asciiWordsOnly(['clé'], false)).toBe(false);
  });
});
