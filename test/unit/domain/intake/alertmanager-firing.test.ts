// An incident Alertmanager's PagerDuty notifier opened: the alert's labels,
// annotations and source are only in the `firing` detail (the default
// template's text, or JSON on Alertmanager's main branch). They reach the
// incident as its labels, its runbook_url and a link.
import { describe, expect, it } from 'vitest';
import { firingFacts } from '../../../../src/domain/intake/alertmanager-firing.js';
import {
  alertsPage,
  incidentOf,
  pagerdutyIntake,
} from '../../../../src/domain/intake/pagerduty.js';

// pagerduty.default.instances over two firing alerts, as Alertmanager renders it.
const FIRING = [
  'Labels:',
  ' - alertname = KubePodNotReady',
  ' - namespace = shop',
  ' - pod = checkout-7d9',
  ' - severity = warning',
  'Annotations:',
  ' - description = Pod shop/checkout-7d9 has been in a non-ready state for longer than 15 minutes.',
  ' - runbook_url = https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready',
  ' - summary = Pod has been in a non-ready state for more than 15 minutes.',
  'Source: http://prometheus:9090/graph?g0.expr=kube_pod_status_ready',
  'Labels:',
  ' - alertname = KubePodNotReady',
  ' - namespace = shop',
  ' - pod = checkout-8e0',
  'Annotations:',
  'Source: ',
  '',
].join('\n');

describe('the firing detail', () => {
  it("the default template's text: the first alert's labels, annotations, source", () => {
    expect(firingFacts(FIRING)).toEqual({
      labels: {
        alertname: 'KubePodNotReady',
        namespace: 'shop',
        pod: 'checkout-7d9',
        severity: 'warning',
      },
      annotations: {
        description:
          'Pod shop/checkout-7d9 has been in a non-ready state for longer than 15 minutes.',
        runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready',
        summary: 'Pod has been in a non-ready state for more than 15 minutes.',
      },
      generatorURL: 'http://prometheus:9090/graph?g0.expr=kube_pod_status_ready',
    });
  });

  it('as JSON (toJson), as a string or parsed; anything else says nothing', () => {
    const alerts = [
      { labels: { alertname: 'A', pod: 'p' }, annotations: { runbook_url: 'https://r/a' } },
    ];
    expect(firingFacts(JSON.stringify(alerts))).toMatchObject({ labels: { pod: 'p' } });
    expect(firingFacts(alerts).annotations).toEqual({ runbook_url: 'https://r/a' });
    for (const other of [undefined, 42, 'free text', '[not json', { a: 1 }]) {
      expect(firingFacts(other)).toEqual({ labels: {}, annotations: {} });
    }
  });

  it('a PagerDuty incident paged through Alertmanager carries the alert’s labels, runbook and source', () => {
    const incident = incidentOf({
      incident: {
        id: 'PT4KHLK',
        incident_number: 7,
        title: '[FIRING:2] KubePodNotReady',
        urgency: 'high',
      },
    }) as Record<string, unknown>;
    const alerts = alertsPage({
      alerts: [
        {
          status: 'triggered',
          body: {
            details: {
              firing: FIRING,
              resolved: '',
              num_firing: '2',
              num_resolved: '0',
              team: 'shop',
            },
          },
        },
      ],
    }).alerts;
    const intake = pagerdutyIntake(incident, alerts);
    expect(intake.labels).toEqual({
      alertname: 'KubePodNotReady',
      namespace: 'shop',
      pod: 'checkout-7d9',
      severity: 'warning',
      team: 'shop',
    });
    expect(intake.alert).toBe('KubePodNotReady');
    expect(intake.runbookUrl).toBe(
      'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready',
    );
    expect(intake.links).toContainEqual({
      name: 'alert source (generatorURL)',
      url: 'http://prometheus:9090/graph?g0.expr=kube_pod_status_ready',
    });
  });
});
