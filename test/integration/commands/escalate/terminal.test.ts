// On a terminal the texts are shown rendered (no `**`, bullets, code without
// backticks) and wrapped between words at any width; the Markdown itself goes
// to a pipe, to --out and to the people it is sent to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Captured } from '../../../helpers/context.js';
import { type Box, oncall, wordsIncident } from '../../../helpers/in-process.js';

/** The same box, its output a terminal `columns` wide. */
const atTerminal = (box: Box, columns: number): Box => ({
  ...box,
  stdout: new Captured(columns),
  stderr: new Captured(columns),
});

async function busyNight(): Promise<Box> {
  const box = await wordsIncident(['--impact', 'About 20% of checkouts fail in every region']);
  await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
  await oncall(box, ['note', '--finding', 'db-1 pool at 100/100 connections since 02:05']);
  await oncall(box, ['note', '--action', 'paused the deploy pipeline for web']);
  for (let i = 0; i < 4; i++)
    await oncall(box, [
      'run',
      '--',
      process.execPath,
      '-e',
      'console.log("HTTP/2 503"); process.exit(22)',
    ]);
  return box;
}

const ASK = 'Is db-1 healthy? Can you raise max_connections before the morning peak?';

describe('texts on a terminal', () => {
  it.each([40, 57, 80])(
    'escalate at %i columns: rendered, every row within the width, no word broken',
    async (columns) => {
      const box = await busyNight();
      const raw = await oncall(box, [
        'escalate',
        '--to',
        'bob',
        '--ask',
        ASK,
        '--no-send',
        '--out',
        'esc.md',
      ]);
      const r = await oncall(atTerminal(box, columns), [
        'escalate',
        '--to',
        'bob',
        '--ask',
        ASK,
        '--no-send',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const rows = r.stdout.trimEnd().split('\n');
      expect(r.stdout).not.toContain('**');
      expect(r.stdout).not.toContain('`');
      expect(rows.find((row) => row.startsWith('The ask: '))).toMatch(
        /^The ask: Is db-1 healthy\?/,
      );
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(columns);
      // Every word of what was printed is a word of the Markdown: none was broken to fit.
      const words = new Set(raw.stdout.replace(/[*`]/g, '').split(/\s+/));
      for (const row of rows)
        for (const w of row.replace(/^\s*•\s/, '').split(/\s+/))
          if (w) expect(words.has(w), w).toBe(true);
      if (columns === 40) expect(rows.length).toBeLessThanOrEqual(20);
      // What the command says after the text is wrapped between words too.
      const said = r.stderr.trimEnd().split('\n');
      for (const row of said) expect(row.length, row).toBeLessThanOrEqual(columns);
      expect(said.join(' ')).toContain('Escalation to Bob Stone recorded at');
      expect(said.join(' ')).toContain('Not sent (--no-send).');
      // --out and a pipe keep the Markdown, to paste.
      expect(readFileSync(join(box.cwd, 'esc.md'), 'utf8')).toContain('**The ask:**');
      expect(raw.stdout).toContain('**The ask:**');
    },
  );

  it('handoff and update are rendered too', async () => {
    const box = await busyNight();
    const update = await oncall(atTerminal(box, 40), [
      'update',
      'Rolled back web; watching the error rate closely',
    ]);
    expect(update.stdout).toContain('Now: Rolled back web; watching the error');
    expect(update.stdout).not.toContain('**');
    const handoff = await oncall(atTerminal(box, 40), ['handoff', '--to', 'carol', '--no-send']);
    expect(handoff.stdout).toContain('Handoff: Checkout returns 500');
    expect(handoff.stdout).toContain('☐ Accept the handoff');
    expect(handoff.stdout).not.toMatch(/^#|\*\*/m);
  });
});
