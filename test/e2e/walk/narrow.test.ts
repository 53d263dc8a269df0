// The walk on a phone over SSH: a 40-column pseudo-terminal. Walking one step
// (a check whose output is long and carries escape sequences) and arriving at
// the next, no row the walk writes may run past the right edge (the terminal
// would break it mid-word), and the captured output's escapes are shown as
// codes, never acted on.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../../src/domain/text/wrap.js';
import { KEY, spawnOncall } from '../../helpers/pty.js';
import { walkSandbox } from '../../helpers/walk.js';

const COLS = 40;
const FENCE = '```';

const RUNBOOK = `---
id: narrow-screen
title: Payments API errors after the morning release (narrow screen)
severity: SEV2
---

# Payments API errors after the morning release

## Check what the payments API answers right now from outside the cluster
<!-- step: health kind: check -->

Call the health endpoint from outside the cluster and compare the answer with
the dashboard; a slow or failing answer confirms the alert before anything else
is touched.

${FENCE}sh
node -e "console.log('payments-api-7d4b9c6f5d-2xkqp   0/1   CrashLoopBackOff   restarts=12   reason=OOMKilled'); console.log('clipboard \\x1b]52;c;ZXZpbA==\\x07 and clear \\x1b[2J done')"
${FENCE}

## Roll back the payments API to the release that passed the canary checks
<!-- step: rollback kind: manual -->

Roll back first and investigate afterwards: customers are waiting while we
read graphs. Post in the incident channel before you start, so nobody deploys
over the rollback.
`;

/**
 * The rows of output that ran past `cols`: a column is tracked through text,
 * line breaks and the cursor moves the prompts and the spinner use.
 */
function overflowingRows(raw: string, cols: number): string[] {
  const TOKEN =
    // biome-ignore lint/suspicious/noControlCharactersInRegex: reading terminal escapes is the point
    /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\s\S]/gu;
  const over: string[] = [];
  let col = 0;
  let row = '';
  let past = false;
  const endRow = () => {
    if (past) over.push(row);
    col = 0;
    row = '';
    past = false;
  };
  for (const [token, params = '', final] of raw.matchAll(TOKEN)) {
    if (token.startsWith('\x1b')) {
      const n = Number(params.split(';')[0]) || 1;
      if (final === 'G') col = n - 1;
      else if (final === 'C') col += n;
      else if (final === 'D') col = Math.max(0, col - n);
      else if (final === 'H' || final === 'f') col = (Number(params.split(';')[1]) || 1) - 1;
      continue;
    }
    if (token === '\r' || token === '\n') {
      endRow();
      continue;
    }
    if (token === '\b') col = Math.max(0, col - 1);
    if (token < ' ') continue;
    col += textWidth(token);
    row += token;
    if (col > cols) past = true;
  }
  endRow();
  return over;
}

describe(`the walk at ${COLS} columns`, () => {
  it('fits every row to the screen and shows escapes in captured output as codes', async () => {
    const box = walkSandbox();
    writeFileSync(join(box.cwd, 'runbooks', 'narrow-screen.md'), RUNBOOK);
    const t = spawnOncall(
      [
        'start',
        'narrow-screen',
        '--title',
        'Payments API errors after the morning release',
        '--service',
        'payments',
        '--sev',
        'SEV2',
        '--impact',
        'card payments fail for most customers',
        '--started-at',
        '3m ago',
      ],
      { ...box, cols: COLS },
    );
    await t.waitFor('Step 1 of 2');
    await t.waitFor('❯ Run the check');
    t.press(KEY.enter);
    await t.waitFor('✓ exit 0');
    await t.waitFor('done');
    await t.waitFor('Step 2 of 2');
    await t.waitFor('❯ Done');
    t.press(KEY.up);
    await t.waitFor('❯ Quit (resume later)');
    t.press(KEY.enter);
    await t.waitFor('Paused. Resume with: oncall resume');
    expect(await t.exit).toBe(0);

    const screen = t.screen();
    // The header is broken between its parts, the title shortened, never wrapped.
    expect(screen).toMatch(/Step 1 of 2 · SEV2 · 3m since start\r?\nnext update due \d\d:\d\d/);
    expect(screen).toMatch(/\nCheck what the payments API answers…\r?\n/);
    expect(screen).toMatch(/\nRoll back the payments API to the…\r?\n/);
    // The captured output: its escapes shown as codes, in the gutter.
    expect(screen).toContain('│ clipboard \\x1b]52;c;ZXZpbA==\\x07 and');
    expect(t.raw()).not.toContain('\x1b]52;c;ZXZpbA==');
    expect(t.raw()).not.toContain('\x1b[2J done');
    expect(overflowingRows(t.raw(), COLS)).toEqual([]);
  });
});
