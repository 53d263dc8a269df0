// The active pointer decides where every terminal's `oncall note` lands. Of
// two starts in the same instant, from two processes, the pointer ends naming
// one of them and the other incident's id is named too, with how to switch: no
// terminal is left believing its notes go somewhere they do not. (A start over
// an open incident: test/integration/commands/start/active-pointer.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncallAsync, openedId, sandbox, startWords } from '../../helpers/cli.js';

describe('the active pointer', () => {
  it('two starts at once: the pointer names one, and the other is named with how to switch', {
    timeout: 60_000,
  }, async () => {
    for (let round = 0; round < 5; round++) {
      const box = sandbox();
      const [a, b] = await Promise.all([
        // --new: each says so, as neither can know the other is opening one.
        oncallAsync(box, [...startWords(`Alpha ${round}`), '--new']),
        oncallAsync(box, [...startWords(`Beta ${round}`), '--new']),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const pointer = readFileSync(join(box.home, 'active'), 'utf8').trim();
      const [winner, loser] = openedId(a) === pointer ? [a, b] : [b, a];
      expect(openedId(winner)).toBe(pointer);
      const told =
        winner.stderr.includes(`${openedId(loser)} is still open; notes now go to ${pointer}`) ||
        loser.stderr.includes(`another terminal made ${pointer} active just now`);
      expect(told, `${a.stderr}\n${b.stderr}`).toBe(true);
      expect(`${winner.stderr}${loser.stderr}`).toContain(`\`oncall use ${openedId(loser)}\``);
    }
  });
});
