// At a terminal, the missing answers are asked: who (a pick from contacts) and
// what exactly we need from them. Driven through a real pseudo-terminal.
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../helpers/cli.js';
import { KEY, spawnOncall } from '../../helpers/pty.js';
import { wordsIncident } from '../../helpers/words.js';

describe('oncall escalate at a terminal', () => {
  it('asks "What do you need from <name>?" and records the answer', async () => {
    const box = await wordsIncident();
    const term = spawnOncall(['escalate', '--to', 'bob'], box);
    await term.waitFor('What do you need from Bob Stone?');
    term.answer('Check replication lag on db-1');
    // Shown rendered on a terminal: no Markdown markers.
    await term.waitFor('The ask: Check replication lag on db-1');
    expect(await term.exit).toBe(0);
    expect(readEvents(box).at(-1)).toMatchObject({
      type: 'escalation',
      to: 'bob',
      ask: 'Check replication lag on db-1',
    });
  });

  it('without --to, offers the contacts to pick from', async () => {
    const box = await wordsIncident();
    const term = spawnOncall(['handoff'], box);
    await term.waitFor('Who takes over as incident commander?');
    await term.waitFor('Carol Diaz (payments lead)');
    term.press(KEY.down, KEY.down, KEY.enter);
    // Offered, not taken: Carol commands once she accepts.
    await term.waitFor('Offered to Carol Diaz');
    expect(await term.exit).toBe(0);
    expect(readEvents(box).at(-1)).toMatchObject({
      type: 'handoff',
      from: 'alice@host',
      to: 'carol',
    });
  });
});
