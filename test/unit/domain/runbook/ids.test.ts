// Ids: what a resume finds its place by, so what makes one is pinned down here.
import { describe, expect, it } from 'vitest';
import { ID_PATTERN, uniqueId } from '../../../../src/domain/runbook/ids.js';
import { headingSlug as slugify } from '../../../../src/domain/text/slug.js';

describe('ids', () => {
  it('slugifies a heading: lower case, punctuation dropped, spaces to dashes', () => {
    expect(slugify('Check the *health* endpoint!')).toBe('check-the-health-endpoint');
    expect(slugify('  Roll back   to v1.2  ')).toBe('roll-back-to-v12');
    expect(slugify('Ünïcode Straße')).toBe('ünïcode-straße');
    expect(slugify('!!!')).toBe('');
  });

  it('numbers an id already taken, from 2', () => {
    expect(uniqueId('mitigation', new Set())).toBe('mitigation');
    expect(uniqueId('mitigation', new Set(['mitigation']))).toBe('mitigation-2');
    expect(uniqueId('m', new Set(['m', 'm-2', 'm-3']))).toBe('m-4');
  });

  it('accepts letters, digits, dots, dashes and underscores, not starting with punctuation', () => {
    expect(['site-down', 'v1.2_b', '9lives'].every((id) => ID_PATTERN.test(id))).toBe(true);
    expect(['-x', '.x', 'a b', 'a/b', ''].some((id) => ID_PATTERN.test(id))).toBe(false);
  });
});
