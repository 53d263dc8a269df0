import { describe, expect, it } from 'vitest';
import { oncall, readEvents } from '../helpers/cli.js';
import { expectUsageError, wordsIncident } from '../helpers/words.js';

describe('oncall handoff (built CLI)', () => {
  it('prints the handoff with what is unresolved and records the change of commander', () => {
    const box = wordsIncident();
    oncall(box, ['note', '--hypothesis', 'a noisy neighbour on node-7']);
    oncall(box, ['update', 'Still investigating; next step is draining node-7.']);
    const r = oncall(box, ['handoff', '--to', 'carol', '--note', 'Node-7 drain is half done']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# Handoff: Checkout returns 500');
    expect(r.stdout).toContain('**Alice Chen → Carol Diaz (payments lead)**');
    expect(r.stdout).toContain('> Node-7 drain is half done');
    expect(r.stdout).toContain('- Impact is ongoing: no mitigation recorded yet');
    expect(r.stdout).toContain('- [ ] Confirm or rule out: a noisy neighbour on node-7');
    expect(r.stdout).toMatch(/- \[ \] Send the next status update by \d\d:\d\d/);
    expect(r.stderr).toContain('Carol Diaz is now incident commander.');
    expect(readEvents(box).at(-1)).toMatchObject({
      type: 'handoff',
      from: 'alice@host',
      to: 'carol',
      toName: 'Carol Diaz',
      note: 'Node-7 drain is half done',
    });
  });

  it('the next handoff starts from the new commander', () => {
    const box = wordsIncident();
    expect(oncall(box, ['handoff', '--to', 'bob']).code).toBe(0);
    expectUsageError(
      oncall(box, ['handoff', '--to', 'bob']),
      'Bob Stone is already the incident commander',
    );
    const r = oncall(box, ['handoff', '--to', 'carol']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('**Bob Stone → Carol Diaz (payments lead)**');
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'handoff', from: 'bob', to: 'carol' });
  });

  it('handing to yourself or to nobody is a usage error', () => {
    const box = wordsIncident();
    expectUsageError(oncall(box, ['handoff', '--to', 'alice']), 'already the incident commander');
    expectUsageError(
      oncall(box, ['handoff']),
      'missing --to <who>: name one person. Known: alice, bob, carol.',
    );
  });
});

describe('oncall handoff --out', () => {
  it('an unwritable --out fails before the handoff is recorded', () => {
    const box = wordsIncident();
    const before = readEvents(box).length;
    expectUsageError(
      oncall(box, ['handoff', '--to', 'bob', '--out', 'no/such/dir/h.md']),
      '--out no/such/dir/h.md: cannot write',
    );
    expect(readEvents(box)).toHaveLength(before);
  });
});
