import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, readEvents, wordsIncident, wordsSandbox } from '../../../helpers/in-process.js';
import { expectUsageError } from '../../../helpers/words.js';

describe('oncall update', () => {
  it('prints a stakeholder-ready update and records it with the next due time', async () => {
    const box = await wordsIncident(['--impact', 'About 20% of checkouts fail']);
    const r = await oncall(box, ['update', 'Rolled back the 02:05 deploy; watching error rates.']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\*\*SEV2 · Checkout returns 500\*\* · update \d\d:\d\d UTC$/);
    expect(r.stdout).toContain('**Status:** Investigating');
    expect(r.stdout).toContain('**Impact:** About 20% of checkouts fail');
    expect(r.stdout).toContain('**Now:** Rolled back the 02:05 deploy; watching error rates.');
    expect(r.stdout).toMatch(/\*\*Next update:\*\* by \d\d:\d\d UTC/);
    expect(r.stdout).toContain('incident commander: Alice Chen');
    expect(r.stderr).toMatch(/^Recorded update at \d\d:\d\d\. Next due by \d\d:\d\d\.\n$/);

    const event = readEvents(box).at(-1) as Record<string, string>;
    expect(event.type).toBe('update.sent');
    expect(event.text).toBe('Rolled back the 02:05 deploy; watching error rates.');
    expect(event.message).toBe(r.stdout);
    // SEV2: every 30 minutes, from now.
    expect(Date.parse(event.nextUpdateDue ?? '') - Date.parse(event.ts ?? '')).toBe(30 * 60_000);
  });

  it('an empty update is a usage error and records nothing', async () => {
    const box = await wordsIncident();
    const before = readEvents(box).length;
    expectUsageError(
      await oncall(box, ['update', '  ']),
      '<text> is empty: what is being done now',
    );
    expect(readEvents(box)).toHaveLength(before);
  });

  it('without an incident: says how to start one', async () => {
    const box = wordsSandbox();
    expectUsageError(await oncall(box, ['update', 'hello']), 'no active incident');
  });

  it('an incident whose log has no readable incident.opened: a clear error, the file is kept', async () => {
    const box = wordsSandbox();
    const dir = join(box.home, 'incidents', 'broken-1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'events.jsonl'), '{"this is": "not an event"}\n');
    writeFileSync(join(box.home, 'active'), 'broken-1\n');
    for (const args of [
      ['update', 'x'],
      ['escalate', '--to', 'bob', '--ask', 'x'],
      ['postmortem'],
    ]) {
      const r = await oncall(box, args);
      // A bad file: exit 2, as README's exit codes say (it was 1, a failure while working).
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/events\.jsonl:1: .*no readable incident\.opened event.*Fix: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
