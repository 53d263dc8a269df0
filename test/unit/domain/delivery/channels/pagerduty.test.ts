// PagerDuty Events API v2 bodies, field by field as PagerDuty documents them
// (developer.pagerduty.com, "Send an Alert Event"): event_action, dedup_key
// (at most 255), payload.summary (at most 1024), source, severity (critical,
// error, warning, info), timestamp, component, class, custom_details, links.
import { describe, expect, it } from 'vitest';
import {
  alertBody,
  dedupKeyFor,
  enqueueUrl,
  triggerBody,
} from '../../../../../src/domain/delivery/channels/pagerduty.js';
import { EVENT_ID, escalationFixture } from '../../../../helpers/message.js';

describe('the PagerDuty trigger', () => {
  it('carries the escalation as PagerDuty documents a trigger', () => {
    const body = triggerBody(escalationFixture(), { dedupKey: 'oncall/x/bob' });
    expect(body).toEqual({
      event_action: 'trigger',
      dedup_key: 'oncall/x/bob',
      payload: {
        summary: 'Escalation to Bob Stone: Checkout returns 500. Ask: Is the primary healthy?',
        source: 'checkout',
        severity: 'error',
        timestamp: '2026-03-12T02:25:00.000Z',
        component: 'checkout',
        class: 'escalation',
        custom_details: {
          incident: '2026-03-12-0210-checkout-returns-500',
          title: 'Checkout returns 500',
          severity: 'SEV2',
          status: 'Investigating',
          commander: 'Alice Chen',
          ask: 'Is the primary healthy?',
          impact: 'EU checkout fails for 30% · trend: steady',
          tried: ['02:12 rolled back 4.2', '02:15 restarted the pool'],
          ruled_out: ['02:20 DNS'],
          event_id: EVENT_ID,
        },
      },
      client: 'oncall',
      links: [{ href: 'https://grafana.example.com/d/checkout', text: 'dashboard' }],
    });
  });

  it('maps each SEV to PagerDuty severity', () => {
    const severityOf = (severity: string) => {
      const message = escalationFixture();
      const body = triggerBody(
        { ...message, incident: { ...message.incident, severity } },
        {
          dedupKey: 'k',
        },
      );
      return (body.payload as { severity: string }).severity;
    };
    expect(['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(severityOf)).toEqual([
      'critical',
      'error',
      'warning',
      'info',
    ]);
  });

  it('cuts a long summary to 1024 bytes with a marker, never refuses it', () => {
    const body = triggerBody(escalationFixture({ ask: 'x'.repeat(5000) }), { dedupKey: 'k' });
    const summary = (body.payload as { summary: string }).summary;
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(summary)).toBeGreaterThan(1000);
    expect(summary).toMatch(/… \(cut: \d+ more characters\)$/);
  });

  it('counts the summary in bytes: Japanese text is cut at a third of the characters', () => {
    const body = triggerBody(escalationFixture({ ask: '障害対応中'.repeat(400) }), {
      dedupKey: 'k',
    });
    const summary = (body.payload as { summary: string }).summary;
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024);
    expect(summary.length).toBeLessThan(400);
  });

  it('sends only plain http(s) URLs as links; every text field is plain with link addresses shown', () => {
    const body = triggerBody(
      escalationFixture({
        links: [
          { name: 'dashboard', url: 'https://grafana.example.com/d/checkout' },
          { name: 'noted', url: 'javascript:alert(1)' },
          { name: 'noted', url: 'https://x\\x1b[31m' },
          { name: 'noted', url: 'https://user:pw@example.com/' },
        ],
        sections: [
          { key: 'tried', title: 'Tried', items: ['see [the doc](https://evil.example/login)'] },
        ],
      }),
      { dedupKey: 'k' },
    );
    expect(body.links).toEqual([
      { href: 'https://grafana.example.com/d/checkout', text: 'dashboard' },
    ]);
    expect((body.payload as { custom_details: { tried: string[] } }).custom_details.tried).toEqual([
      'see the doc (https://evil.example/login)',
    ]);
  });

  it('uses the configured source, and leaves out what is unknown', () => {
    const message = escalationFixture({ links: [] });
    const { service: _, ...incident } = message.incident;
    const body = triggerBody({ ...message, incident }, { dedupKey: 'k', source: 'web-1' });
    expect(body.links).toBeUndefined();
    expect(body.payload).toMatchObject({ source: 'web-1' });
    expect(body.payload).not.toHaveProperty('component');
  });
});

describe('PagerDuty alerts after the trigger', () => {
  it('acknowledge and resolve name only the alert', () => {
    expect(alertBody('resolve', 'oncall/x/bob')).toEqual({
      event_action: 'resolve',
      dedup_key: 'oncall/x/bob',
    });
    expect(alertBody('acknowledge', 'k')).toEqual({ event_action: 'acknowledge', dedup_key: 'k' });
  });

  it('one dedup key per incident and person, at most 255 characters', () => {
    expect(dedupKeyFor('2026-03-12-0210-checkout', 'bob')).toBe(
      'oncall/2026-03-12-0210-checkout/bob',
    );
    expect(dedupKeyFor('i', undefined)).toBe('oncall/i/updates');
    expect(dedupKeyFor('i'.repeat(400), 'bob')).toHaveLength(255);
  });

  it('posts to /v2/enqueue of the default or a configured base', () => {
    expect(enqueueUrl(undefined)).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(enqueueUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/v2/enqueue');
  });
});
