// `start --from alertmanager-webhook:<file|->` on Alertmanager's webhook
// payload (version "4", as `webhookPayload` builds it from the documented
// fields), hostile text from an alert, and a runbook_url no prefix maps:
// fetched once over HTTP, kept with its ETag, asked again with If-None-Match,
// used from the copy when offline, read from the Markdown source an HTML page
// names, and refused with the reason when a page names none.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentIds } from '../../../helpers/context.js';
import { webhookPayload } from '../../../helpers/fake-alertmanager.js';
import {
  type FakeService,
  fakeService,
  type Received,
  type Reply,
} from '../../../helpers/http-server.js';
import { type Box, oncall, readEvents } from '../../../helpers/in-process.js';
import { intakeBox } from '../../../helpers/intake.js';
import { FIXTURES } from '../../../helpers/paths.js';

const RUNBOOK = readFileSync(
  join(FIXTURES, 'runbooks', 'prometheus-operator', 'kubernetes', 'KubePodNotReady.md'),
  'utf8',
);

const alert = (runbookUrl?: string) => ({
  labels: {
    alertname: 'KubePodNotReady',
    namespace: 'shop',
    pod: 'checkout-7d9',
    severity: 'critical',
  },
  annotations: {
    summary: 'Pod not ready',
    ...(runbookUrl ? { runbook_url: runbookUrl } : {}),
  },
  startsAt: '2026-03-12T01:58:00Z',
});

let box: Box;
beforeEach(() => {
  box = intakeBox({});
});

/** `oncall <args>` with `text` on stdin (a receiver's script piping the payload in). */
const piped = (text: string, args: string[]) =>
  oncall({ ...box, stdin: Readable.from([text]) }, args);

describe('start --from alertmanager-webhook', () => {
  it('reads a version 4 payload on stdin: the firing alert opens the incident', async () => {
    const payload = webhookPayload([
      { ...alert(), status: 'resolved', labels: { ...alert().labels, pod: 'old-1' } },
      alert(),
    ]);
    const r = await piped(JSON.stringify(payload), [
      'start',
      '--new',
      '--from',
      'alertmanager-webhook:-',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(readEvents(box)[0]).toMatchObject({
      title: 'Pod not ready',
      severity: 'SEV1',
      labels: alert().labels,
      alertedAt: '2026-03-12T01:58:00.000Z',
      source: { system: 'alertmanager' },
    });
  });

  it('several firing: the most severe and newest, said; a file works as stdin does', async () => {
    const payload = webhookPayload([
      { ...alert(), labels: { ...alert().labels, severity: 'warning', pod: 'a' } },
      { ...alert(), labels: { ...alert().labels, pod: 'b' } },
    ]);
    writeFileSync(join(box.cwd, 'payload.json'), JSON.stringify(payload));
    const r = await oncall(box, [
      'start',
      '--new',
      '--from',
      'alertmanager-webhook:payload.json',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 alerts fire in the payload; took the most severe, newest');
    expect(readEvents(box)[0]).toMatchObject({ labels: { pod: 'b' }, severity: 'SEV1' });
  });

  it.each([
    ['not JSON', '{"version": "4", alerts', /stdin: not JSON/],
    [
      'another version',
      JSON.stringify({ version: '3', alerts: [] }),
      /payload version "3"; oncall reads version "4"/,
    ],
    [
      'no firing alert',
      JSON.stringify(webhookPayload([{ ...alert(), status: 'resolved' }])),
      /no firing alert in the payload/,
    ],
    ['not a payload', JSON.stringify({ hello: 'world' }), /not an Alertmanager webhook payload/],
  ])('refuses %s: one line, exit 2, nothing recorded', async (_what, text, message) => {
    const r = await piped(text, ['start', '--new', '--from', 'alertmanager-webhook:-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(incidentIds(box)).toEqual([]);
  });

  it.each([
    ['weeks ago (a long-firing alert)', '2026-02-20T01:00:00Z', '2026-02-20T01:00:00.000Z', ''],
    [
      "ahead of this machine's clock",
      '2026-03-12T02:13:00Z',
      '2026-03-12T02:10:00.000Z',
      "3m ahead of this machine's clock; counted as fired now",
    ],
  ])(
    'an alert that fired %s opens the incident: its own time is not a typed one',
    async (_what, startsAt, recorded, said) => {
      const r = await piped(JSON.stringify(webhookPayload([{ ...alert(), startsAt }])), [
        'start',
        '--new',
        '--from',
        'alertmanager-webhook:-',
        '--runbook',
        'none',
      ]);
      expect(r.stderr).not.toContain('--alerted-at');
      expect(r.code).toBe(0);
      expect(readEvents(box)[0]).toMatchObject({ alertedAt: recorded });
      if (said) expect(r.stderr).toContain(said);
    },
  );

  it("an alert's hostile text is shown as codes, and a secret in it is redacted before it is recorded", async () => {
    const hostile = {
      ...alert(),
      labels: { ...alert().labels, token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
      annotations: { summary: 'Pod \x1b]52;c;ZXZpbA==\x07not ready\u202e' },
    };
    const r = await piped(JSON.stringify(webhookPayload([hostile])), [
      'start',
      '--new',
      '--from',
      'alertmanager-webhook:-',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(0);
    for (const raw of ['\x1b', '\x07', '\u202e']) expect(r.stderr + r.stdout).not.toContain(raw);
    expect(r.stderr).toContain('Pod \\x1b]52;c;ZXZpbA==\\x07not ready\\u202e');
    const opened = readEvents(box)[0] as { labels: Record<string, string>; title: string };
    expect(opened.labels.token).toBe('[REDACTED]');
    expect(JSON.stringify(readEvents(box))).not.toContain(
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    );
  });
});

describe('a runbook_url no prefix maps', () => {
  let web: FakeService;
  const markdown =
    (etag: string) =>
    (request: Received): Reply =>
      request.headers['if-none-match'] === etag
        ? { status: 304, headers: { ETag: etag } }
        : { status: 200, headers: { 'Content-Type': 'text/markdown', ETag: etag }, body: RUNBOOK };
  beforeEach(async () => {
    web = await fakeService(markdown('"v1"'));
  });
  afterEach(async () => {
    await web.close();
  });

  const startFrom = (url: string) =>
    piped(JSON.stringify(webhookPayload([alert(url)])), [
      'start',
      '--new',
      '--from',
      'alertmanager-webhook:-',
      '--no-walk',
    ]);

  it('is fetched once, kept with its ETag, asked again with If-None-Match, and used from the copy offline', async () => {
    const url = `${web.url}/runbooks/kubernetes/KubePodNotReady.md`;
    const first = await startFrom(url);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Runbook from ${url}, fetched just now.`);
    expect(web.received).toHaveLength(1);
    expect(web.received[0]?.method).toBe('GET');
    const attached = readEvents(box).find((e) => e.type === 'runbook.attached') as {
      runbook: { id: string; file: string };
    };
    expect(attached.runbook.id).toBe('KubePodNotReady');
    expect(attached.runbook.file.startsWith(join(box.home, 'cache', 'runbook-urls'))).toBe(true);

    const again = await startFrom(url);
    expect(web.received[1]?.headers['if-none-match']).toBe('"v1"');
    expect(again.stderr).toContain(`Runbook from ${url} (unchanged since 02:10).`);

    await web.down();
    const offline = await startFrom(url);
    expect(offline.code).toBe(0);
    expect(offline.stderr).toMatch(
      /cannot be reached: ECONNREFUSED; using the copy kept at 02:10\./,
    );
    expect(
      readEvents(box, incidentIds(box).at(-1)).some((e) => e.type === 'runbook.attached'),
    ).toBe(true);
  });

  it('an HTML page is read from the Markdown source it names; one that names none is refused with the reason', async () => {
    web.fallback((request) => {
      if (request.pathname === '/page')
        return {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
          body: '<html><head><link rel="alternate" type="text/markdown" href="/src/KubePodNotReady.md"></head></html>',
        };
      if (request.pathname === '/bare')
        return {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
          body: '<html><body>Runbook</body></html>',
        };
      return markdown('"v2"')(request);
    });
    const paged = await startFrom(`${web.url}/page`);
    expect(paged.code).toBe(0);
    expect(paged.stderr).toContain(
      `Runbook from ${web.url}/src/KubePodNotReady.md, fetched just now.`,
    );

    const bare = await startFrom(`${web.url}/bare`);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain(
      `warning: runbook_url ${web.url}/bare: ${web.url}/bare is a rendered page that does not say where its Markdown is; map it with runbookUrls in config, or give --runbook; matching a runbook by the alert's name instead`,
    );
  });

  it('a 404 is an outcome, not an error: start goes on by the alert name', async () => {
    web.fallback({ status: 404, body: 'Not Found' });
    const r = await startFrom(`${web.url}/runbooks/grafana/grafanarequestsfailing`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('answered HTTP 404: Not Found; matching a runbook by the alert');
  });
});
