// A severity is typed at 2am in whatever form comes to mind: SEV2, sev2, 2.
// One parser reads them all, and refuses anything else naming where it came from.
import { describe, expect, it } from 'vitest';
import { isSeverity, parseSeverity, SEVERITIES } from '../../../../src/domain/incident/severity.js';
import { UsageError } from '../../../../src/errors.js';

describe('parseSeverity', () => {
  it.each([
    ['SEV1', 'SEV1'],
    ['SEV4', 'SEV4'],
    ['sev2', 'SEV2'],
    ['Sev3', 'SEV3'],
    ['2', 'SEV2'],
    ['4', 'SEV4'],
    [' sev1 ', 'SEV1'],
  ])('reads %j as %s', (typed, level) => {
    expect(parseSeverity(typed, '--sev')).toBe(level);
  });

  it.each(['SEV0', 'SEV5', '0', '5', '22', 'two', 'SEV 2', 'high', ''])(
    'refuses %j with a usage error naming the flag and the choices',
    (typed) => {
      let thrown: unknown;
      try {
        parseSeverity(typed, '--sev');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UsageError);
      expect((thrown as UsageError).exitCode).toBe(2);
      expect((thrown as UsageError).message).toBe(
        `--sev ${typed}: not a severity; use one of SEV1, SEV2, SEV3, SEV4`,
      );
    },
  );

  it('names an argument the way its usage line shows it', () => {
    expect(() => parseSeverity('SEV9', '<level>')).toThrow(
      '<level> SEV9: not a severity; use one of SEV1, SEV2, SEV3, SEV4',
    );
  });
});

describe('isSeverity', () => {
  it('knows exactly the four levels, as written in the log', () => {
    expect(SEVERITIES.filter(isSeverity)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(isSeverity('sev2')).toBe(false);
    expect(isSeverity('2')).toBe(false);
  });
});
