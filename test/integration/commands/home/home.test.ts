// Bare `oncall`: the first thing typed at 2am.
import { describe, expect, it } from 'vitest';
import { oncall, sandbox, startIncident } from '../../../helpers/in-process.js';

describe('oncall with no command', () => {
  it('shows how to begin when nothing is under way', async () => {
    const box = sandbox();
    const r = await oncall(box, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: oncall [options] [command]');
    expect(r.stdout).toContain('Paged? Start with `oncall start`');
    // What it writes itself fits an 80-column terminal (a longer line broke mid-word).
    const own = r.stdout.slice(r.stdout.indexOf('Paged?')).trimEnd().split('\n');
    expect(own).toEqual([
      'Paged? Start with `oncall start` (or `oncall start --alert <name>`).',
      'To practise: `oncall drill <runbook>`.',
    ]);
  });

  it('shows the active incident and the next thing to do', async () => {
    const box = sandbox();
    await startIncident(box, ['--impact', 'EU checkouts fail']);
    const r = await oncall(box, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Checkout returns 500');
    expect(r.stdout).toContain('Impact: EU checkouts fail');
    expect(r.stdout).toContain(
      'Next: `oncall note "…"`, `oncall update "…"` for stakeholders, `oncall mitigate` when the impact stops.',
    );
    // No runbook: nothing to resume. Mitigated: the next milestone is the resolve.
    await oncall(box, ['mitigate']);
    expect((await oncall(box, [])).stdout).toContain(
      'Next: `oncall note "…"`, `oncall update "…"` for stakeholders, `oncall resolve` when it is over.',
    );
    await oncall(box, ['resolve']);
    expect((await oncall(box, [])).stdout).toContain('Paged? Start with `oncall start`');
  });

  it('an unknown command is exit 2 with the nearest name', async () => {
    const box = sandbox();
    const r = await oncall(box, ['stauts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("oncall: unknown command 'stauts': did you mean `oncall status`?\n");
  });
});
