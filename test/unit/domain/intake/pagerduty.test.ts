// A PagerDuty incident and its alerts as what start declares, read
// defensively (contracts A1): no field of an incident is required, a priority
// may be null or a reference with only a summary, details may be a string or
// only in the undocumented cef_details, links arrive as contexts.
import { describe, expect, it } from 'vitest';
import { plainUrlOf, titleLine } from '../../../../src/domain/intake/intake.js';
import {
  alertsPage,
  incidentOf,
  pagerdutyIntake,
} from '../../../../src/domain/intake/pagerduty.js';

const incident = (more: Record<string, unknown> = {}) =>
  incidentOf({
    incident: {
      id: 'PT4KHLK',
      incident_number: 1234,
      title: 'The server is on fire.',
      summary: '[#1234] The server is on fire.',
      created_at: '2015-10-06T21:30:42Z',
      status: 'triggered',
      html_url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      service: { id: 'PIJ90N7', type: 'service_reference', summary: 'My Mail Service' },
      priority: { id: 'P53ZZH5', type: 'priority_reference', summary: 'P2' },
      urgency: 'high',
      ...more,
    },
  }) as Record<string, unknown>;

describe('a PagerDuty incident as an intake', () => {
  it('takes the documented example: title, service, priority, created_at, the page', () => {
    const intake = pagerdutyIntake(incident(), []);
    expect(intake).toMatchObject({
      source: {
        system: 'pagerduty',
        id: 'PT4KHLK',
        number: 1234,
        url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      },
      title: 'The server is on fire.',
      service: 'My Mail Service',
      severity: 'SEV2',
      severityWord: 'P2',
      alertedAt: '2015-10-06T21:30:42.000Z',
      status: 'triggered',
      labels: {},
    });
    expect(intake.links).toEqual([
      { name: 'PagerDuty #1234', url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK' },
    ]);
  });

  it('copes with what is absent: no title (the summary without its number), null priority, no service', () => {
    const intake = pagerdutyIntake(
      incident({
        title: undefined,
        priority: null,
        service: undefined,
        urgency: 'low',
        created_at: 'not a time',
      }),
      [],
    );
    expect(intake.title).toBe('The server is on fire.');
    expect(intake.severity).toBe('SEV3');
    expect(intake.service).toBeUndefined();
    expect(intake.alertedAt).toBeUndefined();
    expect(incidentOf({ incident: {} })).toBeUndefined();
    expect(incidentOf('<html>')).toBeUndefined();
  });

  it("the triggered alert's details as labels (one-line values), its runbook, its links", () => {
    const alerts = alertsPage({
      alerts: [
        { status: 'resolved', body: { details: { alertname: 'Old' } } },
        {
          status: 'triggered',
          body: {
            contexts: [
              { type: 'link', href: 'https://grafana.example.com/d/1', text: 'Dashboard' },
              { type: 'link', href: 'javascript:alert(1)', text: 'bad' },
              { type: 'image', src: 'https://x/y.png' },
              { type: 'link', href: 'https://wiki.example.com/runbooks/mail', text: 'Runbook' },
            ],
            details: {
              alertname: 'MailQueueHigh',
              instance: 'mx-1',
              count: 42,
              nested: { a: 1 },
              firing: 'line one\nline two',
              long: 'x'.repeat(300),
            },
          },
        },
      ],
    }).alerts;
    const intake = pagerdutyIntake(incident(), alerts);
    expect(intake.labels).toEqual({ alertname: 'MailQueueHigh', instance: 'mx-1', count: '42' });
    expect(intake.alert).toBe('MailQueueHigh');
    expect(intake.runbookUrl).toBe('https://wiki.example.com/runbooks/mail');
    expect(intake.links.map((l) => l.name)).toEqual(['PagerDuty #1234', 'Dashboard', 'Runbook']);
  });

  it('details as a string carry no labels; only cef_details: those are read', () => {
    const stringDetails = alertsPage({
      alerts: [{ status: 'triggered', body: { details: 'free text' } }],
    }).alerts;
    expect(pagerdutyIntake(incident(), stringDetails).labels).toEqual({});
    const cef = alertsPage({
      alerts: [
        {
          status: 'triggered',
          body: {
            cef_details: { details: { runbook_url: 'https://r.example.com/a', pod: 'p-1' } },
          },
        },
      ],
    }).alerts;
    const intake = pagerdutyIntake(incident(), cef);
    expect(intake.labels).toEqual({ pod: 'p-1' });
    expect(intake.runbookUrl).toBe('https://r.example.com/a');
  });
});

describe('where an incident came from, as kept', () => {
  it('a page URL is kept without a user, a query or a fragment, where a secret could ride along', () => {
    expect(plainUrlOf('https://acme.pagerduty.com/incidents/PT4KHLK')).toBe(
      'https://acme.pagerduty.com/incidents/PT4KHLK',
    );
    expect(plainUrlOf('http://am:9093/?token=s3cret#x')).toBe('http://am:9093/');
    expect(plainUrlOf('https://user:pw@am.example.com/')).toBeUndefined();
    expect(plainUrlOf('javascript:alert(1)')).toBeUndefined();
    expect(plainUrlOf(42)).toBeUndefined();
  });
});

describe("an alert's title as the incident's", () => {
  it('one line, whitespace closed up, at most 200 characters', () => {
    expect(pagerdutyIntake(incident({ title: 'Disk full\n\ton db-1  ' }), []).title).toBe(
      'Disk full on db-1',
    );
    const long = pagerdutyIntake(incident({ title: 'x'.repeat(500) }), []).title;
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
    expect(titleLine('  Pod\nnot ready ')).toBe('Pod not ready');
  });
});
