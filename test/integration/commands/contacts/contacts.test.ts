// `oncall contacts` and an unknown `--to`, through the commander wiring as a user types them.
import { describe, expect, it } from 'vitest';
import { oncall, wordsIncident, wordsSandbox } from '../../../helpers/in-process.js';
import { expectUsageError } from '../../../helpers/words.js';

describe('oncall contacts', () => {
  it('lists key, name, role and how to reach them', async () => {
    const box = wordsSandbox();
    const r = await oncall(box, ['contacts']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'alice  Alice Chen (SRE on call) · @alice',
      'bob    Bob Stone (database on-call) · page first · +1 555 0101',
      'carol  Carol Diaz (payments lead) · carol@example.com',
      '',
    ]);
  });

  it('--json is data', async () => {
    const box = wordsSandbox();
    const r = await oncall(box, ['contacts', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { key: string; name: string }[];
    expect(list.map((c) => c.key)).toEqual(['alice', 'bob', 'carol']);
    expect(list[1]).toMatchObject({ key: 'bob', name: 'Bob Stone', phone: '+1 555 0101' });
  });

  it('an unknown contact on the command line: exit 2 with the names and the closest one', async () => {
    const box = await wordsIncident();
    const r = await oncall(box, ['escalate', '--to', 'carl', '--ask', 'Approve the refund job']);
    expectUsageError(r, 'Did you mean carol?', 'Known: alice, bob, carol.');
  });
});
