// What `--from` takes (and refuses, naming the forms), and how a service's
// words for how bad it is become SEV1..SEV4: the defaults, the team's map
// (any case), a word that is a level already, and a word nobody mapped.
import { describe, expect, it } from 'vitest';
import { parseFrom } from '../../../../src/domain/intake/from.js';
import { alertSeverity, pagerdutySeverity } from '../../../../src/domain/intake/severity.js';
import { UsageError } from '../../../../src/errors.js';

describe('--from', () => {
  it.each([
    ['pagerduty:PT4KHLK', { system: 'pagerduty', id: 'PT4KHLK' }],
    ['pagerduty:1234', { system: 'pagerduty', number: 1234 }],
    ['pagerduty:#1234', { system: 'pagerduty', number: 1234 }],
    ['PagerDuty: PT4KHLK ', { system: 'pagerduty', id: 'PT4KHLK' }],
    [
      'pagerduty:https://acme.pagerduty.com/incidents/PT4KHLK',
      { system: 'pagerduty', id: 'PT4KHLK' },
    ],
    [
      'https://acme.eu.pagerduty.com/incidents/Q1X2Y3/timeline?tab=1#x',
      { system: 'pagerduty', id: 'Q1X2Y3' },
    ],
    ['alertmanager', { system: 'alertmanager' }],
    ['alertmanager:KubePodNotReady', { system: 'alertmanager', pick: 'KubePodNotReady' }],
    ['alertmanager:5f1c8a6b', { system: 'alertmanager', pick: '5f1c8a6b' }],
    ['alertmanager-webhook:-', { system: 'alertmanager-webhook', file: '-' }],
    [
      'alertmanager-webhook:payloads/page.json',
      { system: 'alertmanager-webhook', file: 'payloads/page.json' },
    ],
  ])('%s', (text, expected) => {
    expect(parseFrom(text)).toMatchObject(expected);
  });

  it.each([
    ['pagerduty', /say which incident/],
    ['pagerduty:PT4 KHLK', /an id \(PT4KHLK\), a number \(1234\) or its URL/],
    ['pagerduty:https://acme.pagerduty.com/services/PIJ90N7', /not a PagerDuty incident URL/],
    ['alertmanager-webhook:', /a file, or - for stdin/],
    ['opsgenie:123', /not a source oncall reads; use pagerduty:/],
    ['', /not a source oncall reads/],
  ])('refuses %j, saying what it takes', (text, message) => {
    expect(() => parseFrom(text)).toThrow(UsageError);
    expect(() => parseFrom(text)).toThrow(message);
  });
});

describe('severity from the page or the alert', () => {
  it('PagerDuty: the priority first, then the urgency; the team map wins, in any case', () => {
    expect(pagerdutySeverity('P1', 'low')).toEqual({ severity: 'SEV1', word: 'P1' });
    expect(pagerdutySeverity(undefined, 'high')).toEqual({ severity: 'SEV2', word: 'high' });
    expect(pagerdutySeverity('P5', undefined)?.severity).toBe('SEV4');
    expect(pagerdutySeverity('Sev-Critical', 'low', { 'sev-critical': 'SEV1' })?.severity).toBe(
      'SEV1',
    );
    expect(pagerdutySeverity(undefined, 'HIGH', { high: 'SEV1' })?.severity).toBe('SEV1');
    expect(pagerdutySeverity('Major', undefined)).toBeUndefined();
    expect(pagerdutySeverity(undefined, undefined)).toBeUndefined();
  });

  it('Alertmanager: the severity label (or priority); a level written as one is taken', () => {
    expect(alertSeverity({ severity: 'critical' })?.severity).toBe('SEV1');
    expect(alertSeverity({ severity: 'Warning' })?.severity).toBe('SEV3');
    expect(alertSeverity({ severity: 'info' })?.severity).toBe('SEV4');
    expect(alertSeverity({ severity: 'sev2' })?.severity).toBe('SEV2');
    expect(alertSeverity({ priority: 'page' })?.severity).toBe('SEV1');
    expect(alertSeverity({ severity: 'none' })).toBeUndefined();
    expect(alertSeverity({ severity: 'none' }, { none: 'SEV4' })?.severity).toBe('SEV4');
    expect(alertSeverity({})).toBeUndefined();
  });
});
