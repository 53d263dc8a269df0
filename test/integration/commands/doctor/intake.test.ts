// `oncall doctor` checks the first minute's services without changing
// anything: PagerDuty's token present and accepted (GET /users/me; an
// account-level token's 400 says so, and then `pagerduty.from` is needed to
// write), Alertmanager answering (GET /api/v2/status). Only GETs reach them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAlertmanager, fakeAlertmanager } from '../../../helpers/fake-alertmanager.js';
import {
  ACCOUNT_TOKEN,
  type FakePagerDuty,
  fakePagerDuty,
  USER_EMAIL,
  USER_TOKEN,
} from '../../../helpers/fake-pagerduty.js';
import { type Box, oncall } from '../../../helpers/in-process.js';
import { intakeBox } from '../../../helpers/intake.js';

let pd: FakePagerDuty;
let am: FakeAlertmanager;
let box: Box;

beforeEach(async () => {
  pd = await fakePagerDuty();
  am = await fakeAlertmanager();
});
afterEach(async () => {
  await pd.close();
  await am.close();
});

interface Check {
  verdict: 'ok' | 'warn' | 'fail';
  what: string;
}

async function checks(): Promise<Check[]> {
  const r = await oncall(box, ['doctor', '--json']);
  const found = (JSON.parse(r.stdout) as { checks: Check[] }).checks;
  return found.filter((c) => /^(PagerDuty|Alertmanager)/.test(c.what));
}

describe('doctor and the services a start reads', () => {
  it("a user's token accepted and Alertmanager answering: ok, and only GETs were made", async () => {
    box = intakeBox({ pagerduty: pd, alertmanager: am }, { token: USER_TOKEN });
    expect(await checks()).toEqual([
      { verdict: 'ok', what: `PagerDuty accepts the token in PD_API_TOKEN (${USER_EMAIL})` },
      {
        verdict: 'ok',
        what: expect.stringMatching(
          /^Alertmanager at http:\/\/127\.0\.0\.1:\d+ answers \(version 0\.34\.0\)$/,
        ),
      },
    ]);
    const me = pd.received[0];
    expect(me?.pathname).toBe('/users/me');
    expect(me?.headers.authorization).toBe(`Token token=${USER_TOKEN}`);
    expect(me?.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(am.received.map((q) => `${q.method} ${q.pathname}`)).toEqual(['GET /api/v2/status']);
    expect([...pd.received, ...am.received].every((q) => q.method === 'GET')).toBe(true);
  });

  it('an account-level token: ok with pagerduty.from, not ready without it', async () => {
    box = intakeBox({ pagerduty: pd });
    expect(await checks()).toEqual([
      {
        verdict: 'ok',
        what: `PagerDuty accepts the account-level token in PD_API_TOKEN; writes go as ${USER_EMAIL}`,
      },
    ]);
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), `pagerduty: { baseUrl: "${pd.url}" }\n`);
    const [check] = await checks();
    expect(check?.verdict).toBe('fail');
    expect(check?.what).toContain(
      'holds an account-level token, which cannot acknowledge, resolve or add notes without pagerduty.from',
    );
  });

  it('a refused token, a missing one, Alertmanager down: each a problem with its fix; no token printed', async () => {
    box = intakeBox({ pagerduty: pd, alertmanager: am }, { token: 'not-a-real-token' });
    await am.down();
    const found = await checks();
    expect(found.map((c) => c.verdict)).toEqual(['fail', 'fail']);
    expect(found[0]?.what).toBe(
      'PagerDuty answered HTTP 401: Authentication failed: set a valid REST API token in PD_API_TOKEN',
    );
    expect(found[1]?.what).toMatch(
      /cannot be reached: ECONNREFUSED: `start --from alertmanager` and `oncall silence` cannot work$/,
    );

    box = intakeBox({ pagerduty: pd }, { env: { PD_API_TOKEN: '' } });
    expect(await checks()).toEqual([
      {
        verdict: 'fail',
        what: "PagerDuty's API token: PD_API_TOKEN is not set (nor PD_API_TOKEN_FILE): `start --from pagerduty:…` cannot read incidents",
      },
    ]);
    const r = await oncall(intakeBox({ pagerduty: pd }), ['doctor']);
    expect(r.stdout + r.stderr).not.toContain(ACCOUNT_TOKEN);
  });
});
