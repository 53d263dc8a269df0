// Flags as typed at the prompt, through the commander wiring: a severity in any of its
// usual spellings, one message when it is none of them, and the version that
// package.json declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, readEvents, sandbox, startIncident } from '../../../helpers/in-process.js';
import { ROOT } from '../../../helpers/paths.js';

describe('a severity', () => {
  it('reads SEV2, sev2 and 2 alike, in --sev and in `oncall sev`', async () => {
    const box = sandbox();
    const started = await oncall(box, ['start', '--title', 'x', '--sev', 'sev3', '--no-input']);
    expect(started.code, started.stderr).toBe(0);
    expect((await oncall(box, ['sev', '2'])).code).toBe(0);
    expect((await oncall(box, ['sev', 'Sev1', '--reason', 'worse'])).code).toBe(0);
    const levels = readEvents(box).map((e) => e.severity ?? e.to);
    expect(levels).toEqual(['SEV3', 'SEV2', 'SEV1']);
  });

  it('refuses anything else with one line naming the flag and the choices, exit 2', async () => {
    const box = sandbox();
    await startIncident(box);
    for (const [args, named] of [
      [['start', '--title', 'y', '--sev', 'high', '--no-input'], '--sev high'],
      [['drill', 'site-down-after-deploy', '--sev', '5', '--dry-run'], '--sev 5'],
      [['sev', 'SEV0'], '<level> SEV0'],
    ] as const) {
      const r = await oncall(box, [...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(
        `oncall: ${named}: not a severity; use one of SEV1, SEV2, SEV3, SEV4\n`,
      );
    }
  });
});

describe('--version', () => {
  it('prints the version package.json declares', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = await oncall(sandbox(), [flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });
});
