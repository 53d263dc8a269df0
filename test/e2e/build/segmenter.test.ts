// wrap-ansi builds an Intl.Segmenter (~10 ms of ICU) only when it meets text
// that is not printable ASCII (build.mjs, lazy-segmenter): the escalation's
// phone form measures its rows with it on every run. Proven on the built bin,
// with a preload that counts the Segmenters made.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, sandbox, startIncident } from '../../helpers/cli.js';
import { BIN } from '../../helpers/paths.js';

const COUNTER = `
const Made = Intl.Segmenter;
let made = 0;
Intl.Segmenter = class extends Made { constructor(...a) { super(...a); made++; } };
process.on('exit', () => require('node:fs').writeSync(2, 'segmenters made: ' + made + '\\n'));
`;

async function escalateCounting(note: string): Promise<{ made: number; stdout: string }> {
  const box = sandbox();
  mkdirSync(join(box.env.XDG_CONFIG_HOME as string, 'oncall'), { recursive: true });
  writeFileSync(
    join(box.env.XDG_CONFIG_HOME as string, 'oncall', 'config.yaml'),
    'contacts:\n  dana: { name: Dana Okafor, email: dana@example.com }\n',
  );
  await startIncident(box);
  expect(oncall(box, ['note', '--finding', note]).code).toBe(0);
  const preload = join(box.dir, 'count-segmenters.cjs');
  writeFileSync(preload, COUNTER);
  const r = spawnSync(
    process.execPath,
    ['--require', preload, BIN, 'escalate', '--to', 'dana', '--ask', 'look', '--no-send'],
    { cwd: box.cwd, env: box.env, encoding: 'utf8' },
  );
  const made = /segmenters made: (\d+)/.exec(r.stderr)?.[1];
  expect(made, r.stderr).toBeDefined();
  expect(r.status, r.stderr).toBe(0);
  return { made: Number(made), stdout: r.stdout };
}

describe('the escalation phone form', () => {
  it('makes no Intl.Segmenter for ASCII text', async () => {
    expect((await escalateCounting('db-1 pool at 100/100 connections')).made).toBe(0);
  });

  it('makes one when the text needs it, and still fits it', async () => {
    const { made, stdout } = await escalateCounting(
      '再起動しても接続プールが満杯のまま、再起動しても接続プールが満杯のまま',
    );
    expect(made).toBeGreaterThan(0);
    // Cut to the phone's lines, at a character a terminal draws whole.
    expect(stdout).toContain('再起動しても接続プールが満杯のまま');
  });
});
