// `oncall start --from pagerduty:…` against a local stand-in that answers as
// PagerDuty's REST API v2 documents (fake-pagerduty.ts): the incident and its
// alerts are read, the incident is acknowledged exactly once (PUT with the
// token, Accept, Content-Type and From headers, the documented body), and
// the oncall incident carries its title, service, severity, alerted time (so
// time to acknowledge is real), details as labels and links.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_TOKEN,
  type FakePagerDuty,
  fakePagerDuty,
  USER_EMAIL,
} from '../../../helpers/fake-pagerduty.js';
import { type Box, oncall, readEvents } from '../../../helpers/in-process.js';
import { intakeBox, placesHolding } from '../../../helpers/intake.js';

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
  run(['start', '--from', `pagerduty:${ref}`, '--runbook', 'none', ...extra]);
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

  it('takes the incident by number (#1234) or by its pasted URL, and acknowledges it by id', async () => {
    expect((await startFrom('#1234')).code).toBe(0);
    expect(pd.received[0]?.pathname).toBe('/incidents/1234');
    expect(pd.received[1]?.pathname).toBe('/incidents/PT4KHLK/alerts');
    expect(puts()[0]?.pathname).toBe('/incidents/PT4KHLK');

    pd.addIncident({ id: 'Q1URL', number: 1240, title: 'Disk full on db-1', createdAt: CREATED });
    const r = await run([
      'start',
      '--from',
      'https://acme.pagerduty.com/incidents/Q1URL/timeline?x=1',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(puts().at(-1)?.pathname).toBe('/incidents/Q1URL');
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
