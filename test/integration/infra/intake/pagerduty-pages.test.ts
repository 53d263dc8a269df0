// The pages of a PagerDuty incident's alerts after the first share one call's
// time: a PagerDuty that answers each page just within the timeout must not
// hold `start --from pagerduty` for ten timeouts. What was read is kept.
import { afterEach, describe, expect, it } from 'vitest';
import { pagerdutyReader } from '../../../../src/infra/intake/pagerduty.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';

let service: FakeService | undefined;
afterEach(async () => {
  await service?.close();
});

/** A page of 100 alerts at `offset`, always saying there are more, the later pages slow. */
const slowPages = (delayMs: number) =>
  fakeService((request) => {
    const offset = Number(request.query.offset?.[0] ?? 0);
    const alerts = Array.from({ length: 100 }, (_, i) => ({
      id: `A${offset + i}`,
      summary: `Storm ${offset + i}`,
      status: 'triggered',
    }));
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ alerts, limit: 100, offset, more: true }),
      ...(offset > 0 ? { delayMs } : {}),
    };
  });

describe("a PagerDuty incident's alerts, page after page", () => {
  it('the later pages share one timeout: a slow PagerDuty is read as far as that time goes, and said', async () => {
    service = await slowPages(400);
    const reader = pagerdutyReader(
      { apiTokenEnv: 'PD_API_TOKEN', baseUrl: service.url },
      'token',
      1_500,
    );
    const read = await reader.alerts('PSLOW');
    if (!read.ok) throw new Error(read.problem);
    // Each later page answers within the 1.5 s timeout; nine of them one after the other would take 3.6 s.
    expect(read.alerts.length).toBeGreaterThanOrEqual(100);
    expect(read.alerts.length).toBeLessThan(1_000);
    expect(read.said).toEqual([
      expect.stringMatching(
        /did not answer within 1\.5s: read the incident's first \d+ alerts only$/,
      ),
    ]);
  });

  it('a PagerDuty that answers in time is read to the end (1,000 alerts, said)', async () => {
    service = await slowPages(0);
    const reader = pagerdutyReader(
      { apiTokenEnv: 'PD_API_TOKEN', baseUrl: service.url },
      'token',
      5_000,
    );
    const read = await reader.alerts('PFAST');
    if (!read.ok) throw new Error(read.problem);
    expect(read.alerts).toHaveLength(1_000);
    expect(read.said[0]).toContain('more than 1000 alerts: read the first 1000');
  });
});
