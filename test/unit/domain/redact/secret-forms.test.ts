// The URL credentials finder looks for `://user:password@` and walks back to
// the scheme instead of trying a scheme at every word: it must find exactly
// what the one regex it replaced found.
import { describe, expect, it } from 'vitest';
import { urlSpans } from '../../../../src/domain/redact/secret-forms.js';
import { seeded } from '../../../helpers/seeded.js';

/** The finder as it was: one regex, scheme first. */
function byWholeRegex(text: string): [number, number][] {
  const re = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/@'"?#]*:([^\s/'"?#]+)@/g;
  return [...text.matchAll(re)].map((m) => {
    const end = m.index + m[0].length - 1;
    return [end - (m[1] ?? '').length, end];
  });
}

const { joined } = seeded(5);
const pieces = [
  'https',
  'postgres',
  'redis+tls',
  'x-y.z',
  '_',
  '9',
  'a',
  '://',
  ':',
  '//',
  '@',
  'user',
  'p4ss',
  ' ',
  '\n',
  '"',
  "'",
  '?',
  '#',
  '/',
  '.',
  '-',
  '+',
  '→',
  'host.example.com',
  'x_',
  'https://u:',
  'p4@h',
  'x://a:b@',
  'db://:pw@',
];
const sample = () => joined(pieces, 3, 33);

describe('urlSpans', () => {
  it('redacts the password of a URL, keeping the user and host', () => {
    const text = 'psql postgres://app:s3cr3t-pw@db-1.internal/app and redis://:hunter22@cache:6379';
    expect(urlSpans(text).map(([s, e]) => text.slice(s, e))).toEqual(['s3cr3t-pw', 'hunter22']);
  });

  it('finds exactly what the scheme-first regex found', () => {
    const texts = [
      'x_https://u:p@h',
      'https://a:b@c:d@e',
      'a.https://u:p@h https://u:p@h',
      '9https://u:p@h and +https://u:p@h and -x://u:p@h',
      'https://u:p@https://v:q@h',
    ];
    for (let i = 0; i < 3000; i++) texts.push(sample());
    let found = 0;
    for (const text of texts) {
      const expected = byWholeRegex(text);
      expect(urlSpans(text), JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(100);
  });
});
