// Columns of names (who wrote a timeline line, the responders in status) line
// up as the terminal draws them: a teammate named 田中 or with an emoji takes
// two columns a character, and a name with an escape sequence is measured as
// it is shown (`\x1b`). Contact keys and runbook ids are checked names: ASCII.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { oncall, terminal, wordsIncident } from '../../../helpers/in-process.js';

const NAMES = ['alice@host', '田中太郎@ノート', 'eve\u001b[31m@x', '🚒@laptop'];

/** Where `marker` starts in each line that holds it, in terminal columns. */
function columnsOf(text: string, marker: RegExp): number[] {
  return text
    .split('\n')
    .flatMap((line) => {
      const at = line.search(marker);
      return at < 0 ? [] : [stringWidth(line.slice(0, at))];
    })
    .filter((column) => column > 0);
}

async function incidentByFour() {
  const box = await wordsIncident();
  for (const actor of NAMES.slice(1))
    await oncall(terminal(box, { ONCALL_ACTOR: actor }), ['note', `note from ${actor}`]);
  return box;
}

describe('columns of names line up whatever the script', () => {
  it('timeline: the text of every line starts in the same column', async () => {
    const box = await incidentByFour();
    const r = await oncall(box, ['timeline']);
    expect(r.code, r.stderr).toBe(0);
    const starts = columnsOf(r.stdout, /(incident declared|note: )/);
    expect(starts).toHaveLength(4);
    expect(new Set(starts).size, r.stdout).toBe(1);
  });

  it('status: what each responder did last starts in one column', async () => {
    const box = await incidentByFour();
    const r = await oncall(box, ['status']);
    expect(r.code, r.stderr).toBe(0);
    const starts = columnsOf(r.stdout, / (\(commander\) )?\d+[smh] ago:/);
    expect(starts, r.stdout).toHaveLength(4);
    expect(new Set(starts).size, r.stdout).toBe(1);
  });
});
