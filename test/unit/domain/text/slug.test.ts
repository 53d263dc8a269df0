// Titles made into names: step ids from runbook headings (stored in every step
// event, so pinned here) and the title part of an incident's folder name.
import { describe, expect, it } from 'vitest';
import { folderSlug, headingSlug } from '../../../../src/domain/text/slug.js';

describe('headingSlug', () => {
  it('lower-cases and joins words with one hyphen', () => {
    expect(headingSlug('Roll back the deploy')).toBe('roll-back-the-deploy');
    expect(headingSlug('  Check   error rate  ')).toBe('check-error-rate');
  });

  it('drops marks without a hyphen in their place, keeps _ and -', () => {
    expect(headingSlug('Roll back (web)')).toBe('roll-back-web');
    expect(headingSlug('Check: disk/usage!')).toBe('check-diskusage');
    expect(headingSlug('step_one - two')).toBe('step_one---two');
  });

  it('keeps letters and digits of any script', () => {
    expect(headingSlug('Prüfe Größe 2')).toBe('prüfe-größe-2');
    expect(headingSlug('再起動する')).toBe('再起動する');
  });

  it('is empty for a heading of marks only, so the caller picks the fallback', () => {
    expect(headingSlug('!!! ???')).toBe('');
  });
});

describe('folderSlug', () => {
  const asIncident = { maxLength: 40, fallback: 'incident' };

  it('keeps ASCII letters and digits, one hyphen for each other run, none at the ends', () => {
    expect(folderSlug('Checkout 5xx after deploy!', asIncident)).toBe('checkout-5xx-after-deploy');
    expect(folderSlug('--- DB: replica lag ---', asIncident)).toBe('db-replica-lag');
  });

  it('keeps the base letter of an accented one and drops the accent', () => {
    expect(folderSlug('Café down', asIncident)).toBe('cafe-down');
    expect(folderSlug('façade', asIncident)).toBe('facade');
  });

  it('cuts at the length and never ends on a hyphen', () => {
    const slug = folderSlug(`${'a'.repeat(39)} tail`, asIncident);
    expect(slug).toBe('a'.repeat(39));
    expect(folderSlug('word '.repeat(20), asIncident).length).toBeLessThanOrEqual(40);
    expect(folderSlug('word '.repeat(20), asIncident)).not.toMatch(/-$/);
  });

  it('falls back when nothing is left', () => {
    expect(folderSlug('???', asIncident)).toBe('incident');
    expect(folderSlug('再起動', { maxLength: 10, fallback: 'x' })).toBe('x');
  });
});
