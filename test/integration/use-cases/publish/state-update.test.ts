// A severity change, a mitigation and a resolution tell the room by
// themselves: a short update posted to the `updates` channels (a local
// stand-in for a webhook), unless config or --no-post says not to.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../helpers/context.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import {
  type Box,
  oncall,
  readEvents,
  sandbox,
  startIncident,
} from '../../../helpers/in-process.js';

let hook: FakeService;
beforeEach(async () => {
  hook = await fakeService({ status: 204 });
});
afterEach(async () => {
  await hook.close();
});

/** An incident whose config posts updates to the stand-in webhook; `extra` config lines after. */
async function posting(extra: string[] = []): Promise<Box> {
  const box = sandbox({ HOOK_URL: `${hook.url}/updates` });
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    ['channels:', '  room: { type: webhook, urlEnv: HOOK_URL }', 'updates: [room]', ...extra].join(
      '\n',
    ),
  );
  await startIncident(box);
  return box;
}

const texts = (box: Box) =>
  readEvents(box).flatMap((e) => (e.type === 'update.sent' ? [e.text] : []));

describe('updates posted by a change of state', () => {
  it('sev, mitigate and resolve each post a short update, and mitigate says when the next is due', async () => {
    const box = await posting();
    box.clock.advance(5 * MINUTE);
    const sev = await oncall(box, ['sev', '1', '--reason', 'EU checkout down too']);
    expect(sev.code, sev.stderr).toBe(0);
    expect(sev.stderr).toContain(
      'Status update: Severity raised to SEV1 (critical), from SEV2: EU checkout down too.\n',
    );
    expect(sev.stdout).toContain('Next status update due by 02:30.');
    box.clock.advance(10 * MINUTE);
    const mitigated = await oncall(box, ['mitigate', 'rolled back to 4.1']);
    expect(mitigated.stderr).toContain(
      'Status update: Mitigated: rolled back to 4.1. The impact has stopped; we are watching that it holds.',
    );
    expect(mitigated.stdout).toContain(
      'Next status update due by 02:40: `oncall update "what you are watching"`.',
    );
    box.clock.advance(10 * MINUTE);
    await oncall(box, ['resolve']);
    expect(texts(box)).toEqual([
      'Severity raised to SEV1 (critical), from SEV2: EU checkout down too.',
      'Mitigated: rolled back to 4.1. The impact has stopped; we are watching that it holds.',
      'Resolved. The incident is over.',
    ]);
    const bodies = (await hook.waitFor(3)).map((r) => (r.body as { text: string }).text);
    expect(bodies[0]).toContain('Severity raised to SEV1');
    expect(bodies[2]).toContain('Resolved. The incident is over.');
    // The update clock follows the posts: resolved, none is due.
    expect(JSON.parse((await oncall(box, ['status', '--json'])).stdout).nextUpdateDue).toBeNull();
  });

  it('--no-post, or config turning a kind off, posts and records no update', async () => {
    const box = await posting(['autoUpdates: { mitigate: false }']);
    await oncall(box, ['sev', '3', '--no-post']);
    const mitigated = await oncall(box, ['mitigate']);
    expect(mitigated.stderr).not.toContain('Status update');
    expect(mitigated.stdout).toContain(
      'Next status update due by 02:40: `oncall update "what you are watching"`.',
    );
    expect(texts(box)).toEqual([]);
    await oncall(box, ['resolve']);
    expect(texts(box)).toEqual(['Resolved. The incident is over.']);
    expect(hook.received).toHaveLength(1);
  });

  it('without an `updates` channel nothing is recorded as sent', async () => {
    const box = sandbox();
    await startIncident(box);
    const r = await oncall(box, ['sev', '1']);
    expect(r.stderr).toBe('');
    await oncall(box, ['mitigate']);
    expect(texts(box)).toEqual([]);
  });
});
