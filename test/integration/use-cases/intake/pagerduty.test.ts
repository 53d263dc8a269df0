// `oncall start --from pagerduty:…` against a local stand-in that answers as
// PagerDuty's REST API v2 documents (fake-pagerduty.ts): the incident and its
// alerts are read, the incident is acknowledged exactly once (PUT with the
// token, Accept, Content-Type and From headers, the documented body), and
// the oncall incident carries its title, service, severity, alerted time (so
// time to acknowledge is real), details as labels and links.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentIds } from '../../../helpers/context.js';
import {
  ACCOUNT_TOKEN,
  type FakePagerDuty,
  fakePagerDuty,
  READ_ONLY_TOKEN,
  USER_EMAIL,
} from '../../../helpers/fake-pagerduty.js';
import type { Received } from '../../../helpers/http-server.js';
import { type Box, oncall, readEvents } from '../../../helpers/in-process.js';
import { HANG_LIMITS, intakeBox, placesHolding } from '../../../helpers/intake.js';

const CREATED = '2026-03-12T01:58:00Z';

let pd: FakePagerDuty;
let box: Box;
const outputs: string[] = [];
const run = async (args: string[]) => {
  const r = await oncall(box, args);
  outputs.push(r.stdout, r.stderr);
  return r;
};

beforeEach(async () => {
  pd = await fakePagerDuty({
    incidents: [
      {
        id: 'PT4KHLK',
        number: 1234,
        title: 'Checkout returns 500',
        priority: 'P1',
        urgency: 'high',
        service: { id: 'PIJ90N7', summary: 'checkout' },
        createdAt: CREATED,
        alerts: [
          {
            summary: 'HighErrorRate',
            details: {
              alertname: 'HighErrorRate',
              namespace: 'shop',
              pod: 'checkout-7d9',
              firing: 'Labels:\n - alertname = HighErrorRate\n',
              runbook_url: 'https://runbooks.example.com/high-error-rate',
            },
            links: [{ href: 'https://grafana.example.com/d/checkout', text: 'Dashboard' }],
            cefDetails: true,
          },
        ],
      },
    ],
  });
  box = intakeBox(
    { pagerduty: pd },
    { extraYaml: 'runbookUrls: [{ prefix: "https://runbooks.example.com/", path: ./runbooks }]' },
  );
  outputs.length = 0;
});
afterEach(async () => {
  await pd.close();
});

const startFrom = (ref: string, extra: string[] = []) =>
  run(['start', '--new', '--from', `pagerduty:${ref}`, '--runbook', 'none', ...extra]);
const puts = () => pd.received.filter((r) => r.method === 'PUT');

describe('start --from pagerduty', () => {
  it('reads the incident and its alerts, acknowledges it once, and opens the incident from it', async () => {
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'From PagerDuty incident #1234: Checkout returns 500 · fired 01:58 · P1 → SEV1',
    );
    expect(r.stderr).toContain('Acknowledged PagerDuty incident #1234.');
    expect(r.stdout).toContain('Acknowledged at 02:10, 12m after the alert fired (01:58).');

    const [get, alerts, put, ...more] = pd.received;
    expect(more).toEqual([]);
    expect(get?.method).toBe('GET');
    expect(get?.pathname).toBe('/incidents/PT4KHLK');
    expect(get?.headers.authorization).toBe(`Token token=${ACCOUNT_TOKEN}`);
    expect(get?.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(alerts?.method).toBe('GET');
    expect(alerts?.pathname).toBe('/incidents/PT4KHLK/alerts');
    expect(put?.method).toBe('PUT');
    expect(put?.pathname).toBe('/incidents/PT4KHLK');
    expect(put?.headers).toMatchObject({
      authorization: `Token token=${ACCOUNT_TOKEN}`,
      accept: 'application/vnd.pagerduty+json;version=2',
      'content-type': 'application/json',
      from: USER_EMAIL,
    });
    expect(put?.body).toEqual({ incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(pd.incidents.get('PT4KHLK')?.status).toBe('acknowledged');

    const opened = readEvents(box)[0] as Record<string, unknown>;
    expect(opened).toMatchObject({
      type: 'incident.opened',
      title: 'Checkout returns 500',
      service: 'checkout',
      severity: 'SEV1',
      alert: 'HighErrorRate',
      alertedAt: '2026-03-12T01:58:00.000Z',
      labels: { alertname: 'HighErrorRate', namespace: 'shop', pod: 'checkout-7d9' },
      source: { system: 'pagerduty', id: 'PT4KHLK', number: 1234 },
    });
    // A multi-line detail (Alertmanager's `firing` list) is no placeholder's value; the runbook_url is a link.
    expect(Object.keys(opened.labels as object)).not.toContain('firing');
    expect(opened.links).toEqual([
      { name: 'PagerDuty #1234', url: 'https://acme.pagerduty.com/incidents/PT4KHLK' },
      { name: 'Dashboard', url: 'https://grafana.example.com/d/checkout' },
      { name: 'runbook', url: 'https://runbooks.example.com/high-error-rate' },
    ]);
    const status = JSON.parse((await run(['status', '--json'])).stdout);
    expect(status.startedAt).toBe('2026-03-12T01:58:00.000Z');
    expect(status.alertedAt).toBe('2026-03-12T01:58:00.000Z');
    // Time to acknowledge: from the PagerDuty incident's created_at to the acknowledgement.
    const draft = await run(['postmortem', '--out', 'pm.md']);
    expect(draft.code).toBe(0);
    expect(readFileSync(join(box.cwd, 'pm.md'), 'utf8')).toMatch(/Time to acknowledge\W+12m\b/);

    // Acknowledged once: later commands and flushes send nothing more.
    await run(['note', 'looking']);
    await run(['outbox', 'flush']);
    expect(puts()).toHaveLength(1);
    expect(placesHolding(box, ACCOUNT_TOKEN, outputs)).toEqual([]);
  });

  it('reads every page of alerts (limit, offset, more): the triggered alert after the first pages is the one carried over', async () => {
    const resolved = Array.from({ length: 130 }, (_, i) => ({
      summary: `Old ${i}`,
      status: 'resolved' as const,
      details: { alertname: `Old${i}`, namespace: 'old' },
    }));
    pd.addIncident({
      id: 'PMANY01',
      title: 'Many alerts',
      alerts: [
        ...resolved,
        {
          summary: 'HighErrorRate',
          details: { alertname: 'HighErrorRate', namespace: 'shop', pod: 'checkout-7d9' },
        },
      ],
    });
    const r = await startFrom('PMANY01');
    expect(r.code).toBe(0);
    const pages = pd.received.filter((q) => q.pathname === '/incidents/PMANY01/alerts');
    expect(pages.map((q) => [q.query.limit?.[0], q.query.offset?.[0]])).toEqual([
      ['100', '0'],
      ['100', '100'],
    ]);
    const opened = readEvents(box)[0] as { labels?: Record<string, string> };
    expect(opened.labels).toMatchObject({ alertname: 'HighErrorRate', namespace: 'shop' });
    expect(r.stderr).not.toContain('alerts: read the first');
  });

  it('stops after 1,000 alerts and says so; a page that fails keeps what was read, said', async () => {
    pd.addIncident({
      id: 'PSTORM1',
      title: 'Alert storm',
      alerts: Array.from({ length: 1_050 }, (_, i) => ({
        summary: `Storm ${i}`,
        details: { alertname: 'Storm', shard: String(i) },
      })),
    });
    const r = await startFrom('PSTORM1');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'the PagerDuty incident has more than 1000 alerts: read the first 1000.',
    );
    expect(pd.received.filter((q) => q.pathname === '/incidents/PSTORM1/alerts')).toHaveLength(10);

    pd.when(
      (q) => q.pathname === '/incidents/PSTORM1/alerts' && q.query.offset?.[0] === '100',
      'server-error',
      1,
    );
    const again = await startFrom('PSTORM1');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /PagerDuty answered HTTP 500[^\n]*: read the incident's first 100 alerts only\./,
    );
  });

  it('takes the incident by number (#1234) or by its pasted URL, and acknowledges it by id', async () => {
    expect((await startFrom('#1234')).code).toBe(0);
    expect(pd.received[0]?.pathname).toBe('/incidents/1234');
    expect(pd.received[1]?.pathname).toBe('/incidents/PT4KHLK/alerts');
    expect(puts()[0]?.pathname).toBe('/incidents/PT4KHLK');

    pd.addIncident({ id: 'Q1URL', number: 1240, title: 'Disk full on db-1', createdAt: CREATED });
    const r = await run([
      'start',
      '--new',
      '--from',
      'https://acme.pagerduty.com/incidents/Q1URL/timeline?x=1',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(puts().at(-1)?.pathname).toBe('/incidents/Q1URL');
  });

  it('an incident PagerDuty created weeks ago opens with its own time: not refused as a typed --alerted-at', async () => {
    pd.addIncident({ id: 'QOLD', title: 'Slow leak', createdAt: '2026-02-20T01:00:00Z' });
    const r = await startFrom('QOLD', ['--sev', 'SEV3']);
    expect(r.stderr).not.toContain('--alerted-at');
    expect(r.code).toBe(0);
    expect(readEvents(box)[0]).toMatchObject({ alertedAt: '2026-02-20T01:00:00.000Z' });
  });

  it('leaves an incident already acknowledged alone, and never acknowledges a resolved one (that reopens it)', async () => {
    pd.addIncident({
      id: 'QACK',
      number: 1235,
      title: 'Acked already',
      status: 'acknowledged',
      priority: 'P2',
      createdAt: CREATED,
    });
    const acked = await startFrom('QACK');
    expect(acked.code).toBe(0);
    expect(acked.stderr).toContain(
      'PagerDuty incident #1235 was already acknowledged; left as it is.',
    );
    pd.addIncident({
      id: 'QRES',
      number: 1236,
      title: 'Over already',
      status: 'resolved',
      priority: 'P3',
      createdAt: CREATED,
    });
    const resolved = await startFrom('QRES', ['--sev', 'SEV3']);
    expect(resolved.code).toBe(0);
    expect(resolved.stderr).toContain('is already resolved in PagerDuty; not acknowledged');
    expect(puts()).toEqual([]);
    expect(pd.incidents.get('QRES')?.status).toBe('resolved');
  });
});

describe('the PagerDuty incident follows the oncall incident', () => {
  it('mitigate resolves it there, once, with the summary as its resolution; update adds a note', async () => {
    expect((await startFrom('PT4KHLK')).code).toBe(0);
    const update = await run(['update', 'Rolled back 4.2; error rate falling']);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('Added the update to PagerDuty incident #1234 as a note.');
    const note = pd.received.find((r) => r.method === 'POST');
    expect(note?.pathname).toBe('/incidents/PT4KHLK/notes');
    expect(note?.headers).toMatchObject({ from: USER_EMAIL, 'content-type': 'application/json' });
    expect(note?.body).toEqual({ note: { content: 'Rolled back 4.2; error rate falling' } });
    expect(pd.notes.get('PT4KHLK')?.map((n) => n.content)).toEqual([
      'Rolled back 4.2; error rate falling',
    ]);

    const mitigated = await run(['mitigate', 'rolled back to 4.1']);
    expect(mitigated.code).toBe(0);
    expect(mitigated.stderr).toContain('Resolved PagerDuty incident #1234.');
    expect(puts().at(-1)?.body).toEqual({
      incident: {
        type: 'incident_reference',
        status: 'resolved',
        resolution: 'rolled back to 4.1',
      },
    });
    expect(pd.incidents.get('PT4KHLK')?.status).toBe('resolved');
    expect((await run(['resolve', 'fixed'])).code).toBe(0);
    // acknowledge, then resolve: nothing more (a second resolve, or an acknowledge that would reopen it).
    expect(puts().map((p) => (p.body as { incident: { status: string } }).incident.status)).toEqual(
      ['acknowledged', 'resolved'],
    );
  });

  it('resolveOn: resolve waits for the resolve; notes: false adds none; --no-post neither', async () => {
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      [
        'pagerduty:',
        '  apiTokenEnv: PD_API_TOKEN',
        `  from: ${USER_EMAIL}`,
        `  baseUrl: "${pd.url}"`,
        '  resolveOn: resolve',
        '  notes: false',
      ].join('\n'),
    );
    expect((await startFrom('PT4KHLK')).code).toBe(0);
    expect((await run(['update', 'looking'])).code).toBe(0);
    expect((await run(['mitigate'])).code).toBe(0);
    expect(pd.received.filter((r) => r.method !== 'GET')).toHaveLength(1);
    expect((await run(['resolve'])).code).toBe(0);
    expect(puts().at(-1)?.body).toEqual({
      incident: { type: 'incident_reference', status: 'resolved' },
    });
    expect(pd.received.some((r) => r.method === 'POST')).toBe(false);
  });
});

describe('when PagerDuty does not answer or says no', () => {
  const isPut = (r: Received) => r.method === 'PUT';

  it('an acknowledgement PagerDuty does not answer waits in the outbox and is sent once, later', async () => {
    pd.when(isPut, 'hang', 1);
    box.delivery = HANG_LIMITS;
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /Not sent yet via PagerDuty \(pagerduty-api\): no answer within [\d.]+s\. It waits in the outbox/,
    );
    expect((await run(['outbox'])).stdout).toContain('acknowledge for PagerDuty incident #1234');
    box.clock.advance(10 * 60_000);
    const flushed = await run(['outbox', 'flush']);
    expect(flushed.stdout).toContain('Acknowledged PagerDuty incident #1234.');
    expect(pd.incidents.get('PT4KHLK')?.acknowledgements).toHaveLength(1);
    expect((await run(['outbox', 'flush'])).stdout).toContain('Nothing waits to be sent.');
    expect(puts()).toHaveLength(2); // the one left hanging, and the retry: one acknowledgement
  });

  it("a 429 holds PagerDuty's calls for its ratelimit-reset, then the acknowledgement goes", async () => {
    pd.when(isPut, 'rate-limited', 1);
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('HTTP 429: Rate Limit Exceeded');
    const flushSoon = await run(['outbox', 'flush']);
    expect(flushSoon.stdout).toContain('asked oncall to pause (HTTP 429');
    expect(puts()).toHaveLength(1);
    box.clock.advance(21_000);
    expect((await run(['outbox', 'flush'])).stdout).toContain(
      'Acknowledged PagerDuty incident #1234.',
    );
  });

  it('a refused token: without a terminal, exit 2 naming the flags, nothing recorded', async () => {
    pd.fault('unauthorized');
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'oncall: PagerDuty answered HTTP 401: Authentication failed. Without a terminal, give what the alert would have said: --title "…" --sev SEV1..SEV4 (and --service, --alert, --label key=value)\n',
    );
    expect(incidentIds(box)).toEqual([]);
  });

  it('an incident PagerDuty does not have is named, exit 2', async () => {
    const r = await startFrom('QNOPE');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('oncall: PagerDuty answered HTTP 404: Not Found.');
    expect(incidentIds(box)).toEqual([]);
  });

  it('no token: the variable is named (never a value), exit 2', async () => {
    box = intakeBox({ pagerduty: pd }, { env: { PD_API_TOKEN: '' } });
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "PagerDuty's API token: PD_API_TOKEN is not set (nor PD_API_TOKEN_FILE)",
    );
    expect(pd.received).toEqual([]);
  });

  it('the token from the file PD_API_TOKEN_FILE names, as any secret: read, used, kept nowhere', async () => {
    box = intakeBox({ pagerduty: pd }, { env: { PD_API_TOKEN: '' } });
    const file = join(box.dir, 'pd-token');
    writeFileSync(file, `${ACCOUNT_TOKEN}\n`, { mode: 0o600 });
    box.env.PD_API_TOKEN_FILE = file;
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(0);
    expect(puts().map((q) => q.headers.authorization)).toEqual([`Token token=${ACCOUNT_TOKEN}`]);
    expect(placesHolding(box, ACCOUNT_TOKEN, outputs).filter((p) => p !== file)).toEqual([]);
  });

  it('PagerDuty silent, the answers given as flags: the incident opens and the acknowledgement waits for PagerDuty', async () => {
    pd.fault('hang');
    box.delivery = HANG_LIMITS;
    const r = await startFrom('PT4KHLK', ['--title', 'Checkout 500s', '--sev', 'SEV2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: PagerDuty did not answer within 0.5s; starting without it',
    );
    expect(readEvents(box)[0]).toMatchObject({
      title: 'Checkout 500s',
      source: { system: 'pagerduty', id: 'PT4KHLK' },
    });
    pd.fault(null);
    box.clock.advance(10 * 60_000);
    expect((await run(['outbox', 'flush'])).stdout).toContain(
      'Acknowledged PagerDuty incident PT4KHLK.',
    );
    expect(pd.incidents.get('PT4KHLK')?.status).toBe('acknowledged');
  });

  it('a read-only token reads the incident, but its acknowledgement is refused for good, with the fix', async () => {
    box = intakeBox({ pagerduty: pd }, { token: READ_ONLY_TOKEN });
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(0);
    expect(readEvents(box)[0]).toMatchObject({ title: 'Checkout returns 500' });
    expect(r.stderr).toContain(
      'Could not send via PagerDuty (pagerduty-api): HTTP 403: Access Denied; the token in PD_API_TOKEN may not write (a read-only key?)',
    );
    expect(pd.incidents.get('PT4KHLK')?.status).toBe('triggered');
  });

  it('an account token without From: the acknowledgement fails naming the fix; fixed, flush --failed sends it', async () => {
    box = intakeBox({ pagerduty: pd });
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      `pagerduty: { apiTokenEnv: PD_API_TOKEN, baseUrl: "${pd.url}" }\n`,
    );
    const r = await startFrom('PT4KHLK');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'You must specify a user\'s email address in the "From" header to perform this action; set pagerduty.from in the config to your PagerDuty login email',
    );
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      `pagerduty: { apiTokenEnv: PD_API_TOKEN, from: ${USER_EMAIL}, baseUrl: "${pd.url}" }\n`,
    );
    const fixed = await run(['outbox', 'flush', '--failed']);
    expect(fixed.stdout).toContain('Acknowledged PagerDuty incident #1234.');
    expect(puts().at(-1)?.headers.from).toBe(USER_EMAIL);
    expect(placesHolding(box, ACCOUNT_TOKEN, outputs)).toEqual([]);
  });
});
