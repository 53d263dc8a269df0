import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../../src/domain/config/schema.js';
import {
  closestContact,
  reachLine,
  resolveContact,
} from '../../../../src/domain/contacts/contacts.js';
import { UsageError } from '../../../../src/errors.js';

const config = {
  contacts: {
    alice: { name: 'Alice Chen', role: 'SRE on call' },
    bob: { name: 'Bob Stone', phone: '+1 555 0101', reach: 'page first' },
    carol: { name: 'Carol Diaz', email: 'carol@example.com' },
  },
} as unknown as ResolvedConfig;

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('resolveContact', () => {
  it('finds a contact by key or by full name, ignoring case', () => {
    expect(resolveContact(config, 'bob').key).toBe('bob');
    expect(resolveContact(config, 'BOB').key).toBe('bob');
    expect(resolveContact(config, 'carol diaz').key).toBe('carol');
  });

  it('an unknown name lists the known ones and the closest match', () => {
    const e = usageError(() => resolveContact(config, 'bobb'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(
      '--to bobb: no such contact. Did you mean bob? Known: alice, bob, carol. See `oncall contacts`.',
    );
    expect(usageError(() => resolveContact(config, 'Alise')).message).toContain(
      'Did you mean alice?',
    );
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestContact(config, 'zzzzzzzz')).toBeUndefined();
    expect(usageError(() => resolveContact(config, 'zzzzzzzz')).message).not.toContain(
      'Did you mean',
    );
  });

  it('refuses "anyone" and empty: escalation names a person', () => {
    for (const who of ['anyone', 'Everyone', '', '  ', undefined]) {
      const e = usageError(() => resolveContact(config, who));
      expect(e.message).toContain('name one person');
      expect(e.message).toContain('Known: alice, bob, carol.');
    }
  });

  it('says how to add contacts when there are none', () => {
    const e = usageError(() =>
      resolveContact({ contacts: {} } as unknown as ResolvedConfig, 'bob'),
    );
    expect(e.message).toContain('No contacts in config yet');
  });

  it('reach line', () => {
    expect(reachLine(config.contacts.bob as never)).toBe('page first · +1 555 0101');
  });
});
