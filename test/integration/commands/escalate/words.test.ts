import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  oncall,
  readEvents,
  startIncident,
  wordsIncident,
  wordsSandbox,
} from '../../../helpers/in-process.js';
import { expectUsageError } from '../../../helpers/words.js';

describe('oncall escalate', () => {
  it('prints the short summary with the ask, and records the escalation', async () => {
    const box = await wordsIncident();
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
    await oncall(box, ['note', '--ruled-out', 'the 02:05 deploy: rolled back, no change']);
    await oncall(box, [
      'note',
      'errors by region: https://grafana.example.com/d/errors?var=region',
    ]);
    const r = await oncall(box, [
      'escalate',
      '--to',
      'bob',
      '--ask',
      'Check replication lag on db-1',
      '--by',
      '03:00',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('**Escalation to Bob Stone: Checkout returns 500**');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(r.stdout).toContain('**The ask:** Check replication lag on db-1 (by 03:00)');
    expect(r.stdout).toContain('**Open:** connection pool exhausted on db-1');
    expect(r.stdout).toContain('**Ruled out:** the 02:05 deploy: rolled back, no change');
    // Nothing the reader cannot use: no oncall command to run.
    expect(r.stdout).not.toMatch(/oncall |--long/);
    expect(r.stderr).toContain('Escalation to Bob Stone recorded');

    const event = readEvents(box).at(-1);
    expect(event).toMatchObject({
      type: 'escalation',
      to: 'bob',
      toName: 'Bob Stone',
      ask: 'Check replication lag on db-1 (by 03:00)',
      actor: 'alice@host',
    });
  });

  it('--long --out writes everything to a file too', async () => {
    const box = await wordsIncident();
    const r = await oncall(box, [
      'escalate',
      '--to',
      'Carol Diaz',
      '--ask',
      'Pause the refund job',
      '--long',
      '--out',
      'esc.md',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(join(box.cwd, 'esc.md'), 'utf8');
    expect(written).toBe(r.stdout);
    expect(written).toContain('# Escalation to Carol Diaz (payments lead): Checkout returns 500');
    for (const heading of [
      '## Changed',
      '## Found',
      '## Did not work',
      '## Hypotheses',
      '## Comms',
      '## Where to look',
      '## Who is involved',
    ]) {
      expect(written).toContain(heading);
    }
  });

  it('without a terminal, a missing --ask fails fast naming the flag, and records nothing', async () => {
    const box = await wordsIncident();
    const before = readEvents(box).length;
    expectUsageError(await oncall(box, ['escalate', '--to', 'bob']), '--ask');
    expect(readEvents(box)).toHaveLength(before);
  });

  it('--by written as a clock that is no time: exit 2 naming it and the fix, nothing recorded or sent', async () => {
    const box = await wordsIncident();
    const before = readEvents(box).length;
    for (const [by, why] of [
      ['25:00', 'there is no hour 25; hours go from 00 to 23'],
      ['03:75', 'there is no minute 75; minutes go from 00 to 59'],
      // With its zone, as oncall prints a time on the night clocks change.
      ['25:00 EST', 'there is no hour 25; hours go from 00 to 23'],
      ['03:75-05:00', 'there is no minute 75; minutes go from 00 to 59'],
    ]) {
      const r = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'x', '--by', by as string]);
      expectUsageError(r, `--by ${by}: ${why}`);
      expect(r.stdout).toBe('');
    }
    expect(readEvents(box)).toHaveLength(before);
    // Words are passed on as typed.
    const words = await oncall(box, [
      'escalate',
      '--to',
      'bob',
      '--ask',
      'x',
      '--by',
      'end of shift',
    ]);
    expect(words.stdout).toContain('x (by end of shift)');
  });

  it('"anyone" is not a person', async () => {
    const box = await wordsIncident();
    expectUsageError(
      await oncall(box, ['escalate', '--to', 'anyone', '--ask', 'help']),
      'name one person',
    );
  });

  it('a broken team template: exit 2 with file and line, nothing recorded', async () => {
    const box = wordsSandbox('templates:\n  escalation: team/escalation.hbs\n');
    await startIncident(box);
    const file = join(box.cwd, 'team', 'escalation.hbs');
    mkdirSync(join(box.cwd, 'team'));
    writeFileSync(file, '# {{title}}\n{{#if long}}\nlong\n{{/each}}\n');
    const before = readEvents(box).length;
    expectUsageError(
      await oncall(box, ['escalate', '--to', 'bob', '--ask', 'x']),
      `${file}:2: broken template`,
    );
    expect(readEvents(box)).toHaveLength(before);
  });
});
