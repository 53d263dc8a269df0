// `oncall start --from alertmanager[:<fingerprint|alertname>]` against a local
// stand-in that answers as Alertmanager's API v2 spec documents
// (fake-alertmanager.ts): the firing, unsilenced alerts are asked for with
// the documented query, the alert's labels become the incident's labels,
// its summary and description the title and impact, startsAt the alerted
// time, its severity label the severity, generatorURL a link, and its
// runbook_url, mapped by runbookUrls, the runbook.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentIds } from '../../../helpers/context.js';
import { type FakeAlertmanager, fakeAlertmanager } from '../../../helpers/fake-alertmanager.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import { type Box, oncall, readEvents } from '../../../helpers/in-process.js';
import { HANG_LIMITS, intakeBox, placesHolding } from '../../../helpers/intake.js';
import { FIXTURES } from '../../../helpers/paths.js';
import { ScriptedPrompter } from '../../../helpers/prompter.js';

const RUNBOOK_URL = 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready';
const MAPPING =
  'runbookUrls: [{ prefix: "https://runbooks.prometheus-operator.dev/runbooks/", path: ./runbooks/prometheus-operator/ }]';

const POD_NOT_READY = {
  labels: {
    alertname: 'KubePodNotReady',
    namespace: 'shop',
    pod: 'checkout-7d9',
    severity: 'warning',
  },
  annotations: {
    summary: 'Pod has been in a non-ready state for more than 15 minutes.',
    description: 'Pod shop/checkout-7d9 has been in a non-ready state for longer than 15 minutes.',
    runbook_url: RUNBOOK_URL,
  },
  startsAt: '2026-03-12T01:58:00.000Z',
  generatorURL: 'http://prometheus:9090/graph?g0.expr=kube_pod_status_ready',
  fingerprint: '5f1c8a6b3e2d9a10',
  receivers: ['team-shop'],
};
const DISK_FULL = {
  labels: { alertname: 'NodeFilesystemAlmostOutOfSpace', instance: 'db-1', severity: 'critical' },
  annotations: { summary: 'Filesystem on db-1 has less than 3% space left.' },
  startsAt: '2026-03-12T01:40:00.000Z',
  fingerprint: '0a2b3c4d5e6f7081',
};
const CPU = {
  labels: { alertname: 'CPUThrottlingHigh', namespace: 'shop', pod: 'api-1', severity: 'info' },
  annotations: { summary: 'Processes experience elevated CPU throttling.' },
  startsAt: '2026-03-12T02:05:00.000Z',
  fingerprint: 'ffee000011112222',
};

let am: FakeAlertmanager;
let box: Box;

function copyRunbook(target: Box): void {
  const dir = join(target.cwd, 'runbooks', 'prometheus-operator', 'kubernetes');
  mkdirSync(dir, { recursive: true });
  copyFileSync(
    join(FIXTURES, 'runbooks', 'prometheus-operator', 'kubernetes', 'KubePodNotReady.md'),
    join(dir, 'KubePodNotReady.md'),
  );
}

beforeEach(async () => {
  am = await fakeAlertmanager({
    alerts: [POD_NOT_READY, DISK_FULL, CPU],
    now: () => new Date('2026-03-12T02:10:00.000Z'),
  });
  box = intakeBox({ alertmanager: am }, { extraYaml: MAPPING });
  copyRunbook(box);
});
afterEach(async () => {
  await am.close();
});

describe('start --from alertmanager', () => {
  it('asks for the firing, unsilenced alerts and opens the incident from the one named', async () => {
    const r = await oncall(box, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
    expect(r.code).toBe(0);

    const alerts = am.received.find((q) => q.pathname === '/api/v2/alerts');
    expect(alerts?.method).toBe('GET');
    expect(alerts?.query).toEqual({ active: ['true'], silenced: ['false'], inhibited: ['false'] });
    expect(alerts?.headers.accept).toBe('application/json');
    expect(am.received.map((q) => q.pathname).sort()).toEqual([
      '/api/v2/alerts',
      '/api/v2/alerts/groups',
    ]);

    const [opened, attached] = readEvents(box);
    expect(opened).toMatchObject({
      type: 'incident.opened',
      title: 'Pod has been in a non-ready state for more than 15 minutes.',
      impact: 'Pod shop/checkout-7d9 has been in a non-ready state for longer than 15 minutes.',
      severity: 'SEV3',
      alert: 'KubePodNotReady',
      alertedAt: '2026-03-12T01:58:00.000Z',
      labels: POD_NOT_READY.labels,
      source: { system: 'alertmanager', id: '5f1c8a6b3e2d9a10' },
      links: [
        { name: 'alert source (generatorURL)', url: POD_NOT_READY.generatorURL },
        { name: 'runbook', url: RUNBOOK_URL },
      ],
    });
    // The URL is lower case; the team's file is named like the alert.
    expect(attached).toMatchObject({
      type: 'runbook.attached',
      runbook: {
        id: 'KubePodNotReady',
        file: join(box.cwd, 'runbooks', 'prometheus-operator', 'kubernetes', 'KubePodNotReady.md'),
      },
    });
    expect(r.stderr).toContain(
      'From Alertmanager alert 5f1c8a6b3e2d9a10: Pod has been in a non-ready state for more than 15 minutes. · fired 01:58 · warning → SEV3',
    );
    expect(r.stderr).toContain(`Runbook from runbook_url ${RUNBOOK_URL}:`);
  });

  it('picks by fingerprint or a prefix of one; by name, the most severe and newest, said', async () => {
    expect(
      (await oncall(box, ['start', '--new', '--from', 'alertmanager:0a2b3c', '--runbook', 'none']))
        .code,
    ).toBe(0);
    expect(readEvents(box)[0]).toMatchObject({
      severity: 'SEV1',
      alert: 'NodeFilesystemAlmostOutOfSpace',
    });
  });

  it('without a terminal, several alerts firing: exit 2 naming the flag, nothing recorded', async () => {
    const r = await oncall(box, ['start', '--new', '--from', 'alertmanager']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'oncall: 3 alerts fire: pick one with --from alertmanager:<fingerprint|alertname> (the most urgent: 0a2b3c4d5e6f7081, NodeFilesystemAlmostOutOfSpace)\n',
    );
    expect(incidentIds(box)).toEqual([]);
  });

  it('on a terminal, a pick list in groups, the most severe and newest first', async () => {
    const prompter = new ScriptedPrompter([
      { ask: /^3 alerts fire/, answer: 'ffee000011112222' },
      // The alert names no service: that question is still the responder's.
      { ask: 'Which service? (blank if unknown)', answer: 'api' },
    ]);
    const person = { ...box, interactive: true, prompter };
    const r = await oncall(person, [
      'start',
      '--new',
      '--from',
      'alertmanager',
      '--no-walk',
      '--impact',
      '',
    ]);
    expect(r.code).toBe(0);
    const [pick] = prompter.asked;
    expect(pick?.choices).toEqual(['0a2b3c4d5e6f7081', '5f1c8a6b3e2d9a10', 'ffee000011112222']);
    expect(prompter.shown[0]?.[0]).toBe(
      'alertname=NodeFilesystemAlmostOutOfSpace │ critical · NodeFilesystemAlmostOutOfSpace · db-1 · fired 01:40 · Filesystem on db-1 has less than 3% space left.',
    );
    expect(readEvents(box)[0]).toMatchObject({ alert: 'CPUThrottlingHigh', severity: 'SEV4' });
    expect(prompter.unanswered).toEqual([]);
  });

  it('a silenced alert is not offered, whatever the server sends', async () => {
    await oncall(box, [
      'start',
      '--new',
      '--from',
      'alertmanager:KubePodNotReady',
      '--runbook',
      'none',
    ]);
    const silencedAnswer = [
      {
        ...POD_NOT_READY,
        status: { state: 'suppressed', silencedBy: ['x'], inhibitedBy: [], mutedBy: [] },
      },
    ];
    am.when((q) => q.pathname === '/api/v2/alerts', {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        silencedAnswer.map((a) => ({
          ...a,
          updatedAt: a.startsAt,
          endsAt: '2026-03-12T02:14:00Z',
          receivers: [],
        })),
      ),
    });
    const r = await oncall(box, [
      'start',
      '--new',
      '--from',
      'alertmanager:KubePodNotReady',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no firing, unsilenced alert matches "KubePodNotReady"');
  });
});

describe('when Alertmanager is down', () => {
  it('without a terminal: one line, exit 2 naming the flags; nothing recorded', async () => {
    await am.down();
    const r = await oncall(box, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^oncall: Alertmanager \(http:\/\/127\.0\.0\.1:\d+\) cannot be reached: ECONNREFUSED\. Without a terminal, give what the alert would have said: --title/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(incidentIds(box)).toEqual([]);
  });

  it('no answer, on a terminal: one line, then the questions the alert would have answered', async () => {
    am.fault('hang');
    box.delivery = HANG_LIMITS;
    const prompter = new ScriptedPrompter([
      { ask: 'Which runbook? (or none)', answer: '' },
      { ask: 'What is broken? (one line)', answer: 'Checkout pods not ready' },
      { ask: 'Which service? (blank if unknown)', answer: 'checkout' },
      { ask: /^Severity\?/, answer: 'SEV2' },
      { ask: /^Impact:/, answer: '' },
      { ask: /^When did it start\?/, answer: '' },
    ]);
    const r = await oncall({ ...box, interactive: true, prompter }, [
      'start',
      '--new',
      '--from',
      'alertmanager',
      '--no-walk',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: Alertmanager \(.*\) did not answer within 0\.5s; starting without it: answer for the alert/,
    );
    expect(readEvents(box)[0]).toMatchObject({
      title: 'Checkout pods not ready',
      severity: 'SEV2',
    });
    expect(prompter.unanswered).toEqual([]);
  });
});

describe('Alertmanager behind a proxy', () => {
  const PROXY_TOKEN = 'proxy-bearer-6f0c1d2e3a4b5c6d7e8f';
  const proxied = (env: NodeJS.ProcessEnv, url = am.url) => {
    const proxiedBox = intakeBox(
      {},
      {
        env,
        extraYaml: [
          MAPPING,
          'alertmanager:',
          `  url: "${url}"`,
          '  headersEnv: { Authorization: AM_AUTH }',
        ].join('\n'),
      },
    );
    copyRunbook(proxiedBox);
    return proxiedBox;
  };

  it("sends the header from the environment; the proxy's 401 is one line, the value never said", async () => {
    am.when((q) => q.headers.authorization !== `Bearer ${PROXY_TOKEN}`, {
      status: 401,
      body: 'Unauthorized',
    });
    const good = proxied({ AM_AUTH: `Bearer ${PROXY_TOKEN}` });
    const r = await oncall(good, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
    expect(r.code).toBe(0);
    expect(am.received.every((q) => q.headers.authorization === `Bearer ${PROXY_TOKEN}`)).toBe(
      true,
    );
    expect(placesHolding(good, PROXY_TOKEN, [r.stdout, r.stderr])).toEqual([]);

    const bad = proxied({ AM_AUTH: 'Bearer wrong-one-0000000000' });
    const refused = await oncall(bad, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/Alertmanager \(http:\/\/127\.0\.0\.1:\d+\).*401/);
    expect(refused.stderr).not.toContain('wrong-one');
    expect(incidentIds(bad)).toEqual([]);
  });

  describe('a redirect, with a header of ours from the environment', () => {
    const API_KEY = 'am-api-key-1c2d3e4f5a6b7c8d9e0f';
    const keyed = () =>
      intakeBox(
        {},
        {
          env: { AM_KEY: API_KEY },
          extraYaml: [
            MAPPING,
            'alertmanager:',
            `  url: "${am.url}"`,
            "  headersEnv: { 'X-Api-Key': AM_KEY }",
          ].join('\n'),
        },
      );
    let elsewhere: FakeService;
    beforeEach(async () => {
      elsewhere = await fakeService({
        status: 200,
        body: '[]',
        headers: { 'Content-Type': 'application/json' },
      });
    });
    afterEach(async () => {
      await elsewhere.close();
    });

    it('to another origin is not followed: the header never reaches it, one line names the variable and the address', async () => {
      am.when((q) => q.pathname === '/api/v2/alerts', {
        status: 302,
        headers: { Location: `${elsewhere.url}/api/v2/alerts?active=true` },
      });
      const box2 = keyed();
      copyRunbook(box2);
      const r = await oncall(box2, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
      expect(r.code).not.toBe(0);
      expect(elsewhere.received.filter((q) => q.headers['x-api-key'] !== undefined)).toEqual([]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('alertmanager.headersEnv.X-Api-Key (AM_KEY)');
      expect(r.stderr).toContain(`${elsewhere.url}/api/v2/alerts`);
      expect(placesHolding(box2, API_KEY, [r.stdout, r.stderr])).toEqual([]);
      expect(incidentIds(box2)).toEqual([]);
    });

    it('to the same origin is followed, the header with it', async () => {
      am.when(
        (q) => q.pathname === '/api/v2/alerts' && !q.query.moved,
        {
          status: 307,
          headers: {
            Location: '/api/v2/alerts?active=true&silenced=false&inhibited=false&moved=1',
          },
        },
        1,
      );
      const box2 = keyed();
      copyRunbook(box2);
      const r = await oncall(box2, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
      expect(r.code).toBe(0);
      const alerts = am.received.filter((q) => q.pathname === '/api/v2/alerts');
      expect(alerts.map((q) => q.query.moved?.[0])).toEqual([undefined, '1']);
      expect(alerts.every((q) => q.headers['x-api-key'] === API_KEY)).toBe(true);
    });
  });

  it('a header whose variable is not set is named (not its value), exit 2', async () => {
    const r = await oncall(proxied({}), [
      'start',
      '--new',
      '--from',
      'alertmanager:KubePodNotReady',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('alertmanager.headersEnv.Authorization: AM_AUTH is not set');
  });

  it('a user and password in the URL go as basic auth, said nowhere but where they were written', async () => {
    const withPassword = am.url.replace('http://', 'http://ops:s3cr3t-pw-9f8e7d@');
    const box2 = intakeBox(
      {},
      { extraYaml: `${MAPPING}\nalertmanager: { url: "${withPassword}" }` },
    );
    copyRunbook(box2);
    const r = await oncall(box2, ['start', '--new', '--from', 'alertmanager:KubePodNotReady']);
    expect(r.code).toBe(0);
    const sent = am.received.find((q) => q.pathname === '/api/v2/alerts');
    expect(sent?.headers.authorization).toBe(
      `Basic ${Buffer.from('ops:s3cr3t-pw-9f8e7d').toString('base64')}`,
    );
    const config = join(box2.cwd, 'oncall.config.yaml');
    expect(placesHolding(box2, 's3cr3t-pw-9f8e7d', [r.stdout, r.stderr])).toEqual([config]);
    expect(readEvents(box2)[0]).toMatchObject({ source: { url: `${am.url.replace(/\/$/, '')}/` } });
  });
});
