// From the alert to step 1 in a real terminal, with the built bin: `oncall
// start --from alertmanager:<alertname>` reads the alert from a local
// stand-in of Alertmanager's API v2, its runbook_url (mapped by runbookUrls
// to the team's copy of a kube-prometheus runbook) is the runbook, and its
// labels prefill the runbook's placeholders ($NAMESPACE, $POD): the
// responder presses Enter, and the command runs with the alert's values.
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEvents, sandbox } from '../../helpers/cli.js';
import { type FakeAlertmanager, fakeAlertmanager } from '../../helpers/fake-alertmanager.js';
import { FIXTURES } from '../../helpers/paths.js';
import { KEY } from '../../helpers/pty.js';
import { ofType, openWalk } from '../../helpers/walk.js';

let am: FakeAlertmanager;
beforeEach(async () => {
  am = await fakeAlertmanager({
    alerts: [
      {
        labels: {
          alertname: 'KubePodNotReady',
          namespace: 'shop',
          pod: 'checkout-7d9',
          severity: 'warning',
        },
        annotations: {
          summary: 'Pod has been in a non-ready state for more than 15 minutes.',
          description:
            'Pod shop/checkout-7d9 has been in a non-ready state for longer than 15 minutes.',
          runbook_url:
            'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready',
        },
        startsAt: new Date(Date.now() - 16 * 60_000).toISOString(),
      },
    ],
  });
});
afterEach(async () => {
  await am.close();
});

describe('from the alert to step 1', () => {
  it("labels prefill a real runbook's placeholders in a pty walk", async () => {
    const box = sandbox({ ONCALL_ACTOR: 'alice@host' });
    // The team's copy of the kube-prometheus runbooks, as runbookUrls maps them.
    cpSync(
      join(FIXTURES, 'runbooks', 'prometheus-operator'),
      join(box.cwd, 'runbooks', 'prometheus-operator'),
      { recursive: true },
    );
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      [
        `alertmanager: { url: "${am.url}" }`,
        'runbookUrls:',
        '  - prefix: https://runbooks.prometheus-operator.dev/runbooks/',
        '    path: ./runbooks/prometheus-operator/',
      ].join('\n'),
    );
    // A kubectl that says what it was asked: the values reached the command as the alert had them.
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\necho "kubectl was asked: $*"\n');
    chmodSync(join(bin, 'kubectl'), 0o755);
    box.env.PATH = `${bin}:${box.env.PATH}`;

    const t = openWalk(box, ['start', '--from', 'alertmanager:KubePodNotReady']);
    await t.waitFor('From Alertmanager alert');
    await t.waitFor('warning → SEV3');
    await t.waitFor('Runbook from runbook_url');
    // The one question the alert did not answer.
    await t.reply('Which service? (blank if unknown)', '');
    await t.waitFor('after the alert fired');

    // The text under the title is a step of its own (nothing the author wrote is dropped):
    // the intro, Meaning, Impact, then Diagnosis with its commands.
    await t.step(1, 5, 'Done');
    await t.step(2, 5, 'Done');
    await t.step(3, 5, 'Done');
    await t.step(4, 5);
    await t.waitFor('kubectl -n $NAMESPACE get pod $POD');
    await t.pick('Run it');
    // The alert's labels are the defaults: Enter takes each.
    await t.waitFor('Value for $NAMESPACE (not set here): (shop)');
    t.press(KEY.enter);
    await t.waitFor('Value for $POD (not set here): (checkout-7d9)');
    t.press(KEY.enter);
    await t.waitFor('kubectl was asked: -n shop get pod checkout-7d9');
    await t.waitFor('✓ exit 0');
    await t.quit('Run it');

    const events = readEvents(box);
    expect(ofType(events, 'incident.opened')[0]).toMatchObject({
      labels: { namespace: 'shop', pod: 'checkout-7d9' },
      source: { system: 'alertmanager' },
    });
    expect(ofType(events, 'runbook.attached')[0]).toMatchObject({
      runbook: { id: 'KubePodNotReady' },
    });
    expect(ofType(events, 'step.answered').map((e) => [e.variable, e.value])).toEqual([
      ['namespace', 'shop'],
      ['pod', 'checkout-7d9'],
    ]);
  });
});
