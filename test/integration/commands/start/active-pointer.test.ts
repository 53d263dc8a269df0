// The active pointer decides where every terminal's `oncall note` lands. A
// start that moves it off an open incident says so, with how to switch back.
// (Two starts in the same instant, from two processes: test/e2e/flows/active-pointer.test.ts.)
import { describe, expect, it } from 'vitest';
import { listIncidentIds } from '../../../../src/infra/store/incidents.js';
import { oncall, openedId, sandbox, startWords } from '../../../helpers/in-process.js';

describe('the active pointer', () => {
  it('a start over an open incident says where notes go now and how to switch back', async () => {
    const box = sandbox();
    const first = await oncall(box, startWords('Checkout returns 500'));
    const second = await oncall(box, [...startWords('Search is slow'), '--new']);
    const [checkout, search] = [openedId(first), openedId(second)];
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(
      `warning: ${checkout} is still open; notes now go to ${search}; \`oncall use ${checkout}\` to switch back\n`,
    );
    expect((await oncall(box, ['note', 'where does this go?'])).stdout).toContain(search);
    // Moving off a resolved incident is what a start is for: nothing to say.
    await oncall(box, ['resolve']);
    const third = await oncall(box, startWords('Queue backlog'));
    expect(third.code).toBe(0);
    expect(third.stderr).toBe('');
  });

  it('a start over an open incident without a terminal opens nothing and names --new', async () => {
    const box = sandbox();
    const first = openedId(await oncall(box, startWords('Checkout returns 500')));
    await oncall(box, ['mitigate']);
    const again = await oncall(box, startWords('Search is slow'));
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `oncall: ${first} is still open (SEV2 · Checkout returns 500, declared 02:10): \`oncall start --new …\` opens another incident; \`oncall resume\` takes this one up, \`oncall resolve\` ends it\n`,
    );
    expect(listIncidentIds(box.home)).toEqual([first]);
  });
});
