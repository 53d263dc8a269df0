// `oncall silence --for 2h` / `--expire` against a local stand-in that
// answers as Alertmanager's API v2 documents (fake-alertmanager.ts): the
// silence is posted with the alert's labels as matchers, the responder as
// createdBy and the incident in the comment, recorded with Alertmanager's id,
// shown in status, warned of ten minutes before it ends (once on stderr),
// listed in the handoff and the postmortem, made longer in place, and ended
// with DELETE /api/v2/silence/{id}, by `--expire` or at the resolve.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../helpers/context.js';
import { PORTAL_PAGE, PORTAL_REDIRECT } from '../../../helpers/documented.js';
import { type FakeAlertmanager, fakeAlertmanager } from '../../../helpers/fake-alertmanager.js';
import { type Box, oncall, readEvents } from '../../../helpers/in-process.js';
import { intakeBox } from '../../../helpers/intake.js';
import { ScriptedPrompter } from '../../../helpers/prompter.js';

const LABELS = {
  alertname: 'KubePodNotReady',
  namespace: 'shop',
  pod: 'checkout-7d9',
  severity: 'warning',
};
const MATCHERS = [
  { name: 'alertname', value: 'KubePodNotReady', isRegex: false, isEqual: true },
  { name: 'namespace', value: 'shop', isRegex: false, isEqual: true },
  { name: 'pod', value: 'checkout-7d9', isRegex: false, isEqual: true },
  { name: 'severity', value: 'warning', isRegex: false, isEqual: true },
];

let am: FakeAlertmanager;
let box: Box;
let id: string;

beforeEach(async () => {
  box = intakeBox({});
  am = await fakeAlertmanager({
    alerts: [
      {
        labels: LABELS,
        annotations: { summary: 'Pod not ready' },
        startsAt: '2026-03-12T01:58:00.000Z',
        fingerprint: '5f1c8a6b3e2d9a10',
      },
    ],
    now: box.clock.now,
  });
  box = intakeBox({ alertmanager: am });
  box.clock.set('2026-03-12T02:10:00.000Z');
  const r = await oncall(box, [
    'start',
    '--new',
    '--from',
    'alertmanager:KubePodNotReady',
    '--runbook',
    'none',
  ]);
  expect(r.code).toBe(0);
  id = (readEvents(box)[0] as { incident: string }).incident;
});
afterEach(async () => {
  await am.close();
});

const posts = () => am.received.filter((q) => q.method === 'POST');
/** The JSON body of the `n`th POST of a silence. */
const posted = (n: number) =>
  (posts()[n]?.body ?? {}) as { id?: string; startsAt?: string; matchers?: unknown };
const firing = async () => {
  const r = await oncall(box, [
    'start',
    '--new',
    '--from',
    'alertmanager:KubePodNotReady',
    '--runbook',
    'none',
  ]);
  return r.code === 0;
};

describe('oncall silence', () => {
  it("silences the incident's alert as the API documents, records it and shows it", async () => {
    const r = await oncall(box, ['silence', '--for', '2h']);
    expect(r.code).toBe(0);
    const [post] = posts();
    expect(post?.pathname).toBe('/api/v2/silences');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.body).toEqual({
      matchers: MATCHERS,
      startsAt: '2026-03-12T02:10:00.000Z',
      endsAt: '2026-03-12T04:10:00.000Z',
      createdBy: 'alice@test (oncall)',
      comment: `oncall incident ${id}: Pod not ready`,
    });
    const [silence] = [...am.silences.values()];
    expect(r.stdout).toContain(
      `Silenced: alertname="KubePodNotReady", namespace="shop", pod="checkout-7d9", severity="warning" until 04:10 (silence ${silence?.id}).`,
    );
    expect(readEvents(box, id).at(-1)).toMatchObject({
      type: 'silence.created',
      silence: silence?.id,
      matchers: MATCHERS,
      startsAt: '2026-03-12T02:10:00.000Z',
      endsAt: '2026-03-12T04:10:00.000Z',
    });
    // Alertmanager no longer offers it as firing and unsilenced.
    expect(await firing()).toBe(false);
    const status = await oncall(box, ['status', '--incident', id]);
    expect(status.stdout).toContain(
      `Silenced: silence ${silence?.id.slice(0, 8)} on alertname="KubePodNotReady", namespace="shop", pod="checkout-7d9", severity="warning", until 04:10 (in 2h 00m)`,
    );
  });

  it('warns ten minutes before it ends: status each time, any command once', async () => {
    await oncall(box, ['silence', '--for', '30m']);
    box.clock.advance(21 * MINUTE);
    const warning =
      'warning: the silence on KubePodNotReady ends at 02:40 (in 9m): it pages again if it still fires; `oncall silence --for 1h` silences it longer';
    const first = await oncall(box, ['timeline']);
    expect(first.stderr).toContain(warning);
    expect((await oncall(box, ['note', 'still looking'])).stderr).not.toContain('silence');
    const status = await oncall(box, ['status']);
    expect(status.stdout).toContain('! the silence on KubePodNotReady ends at 02:40 (in 9m)');
    box.clock.advance(10 * MINUTE);
    expect((await oncall(box, ['status'])).stdout).not.toContain('Silenced:');
  });

  it('again while it holds: made longer in place, the same id', async () => {
    await oncall(box, ['silence', '--for', '30m']);
    box.clock.advance(5 * MINUTE);
    const r = await oncall(box, ['silence', '--for', '2h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Silence made longer:');
    expect(posted(1).id).toBe(
      (readEvents(box, id).find((e) => e.type === 'silence.created') as { silence: string })
        .silence,
    );
    expect(posted(1).startsAt).toBe(posted(0).startsAt);
    expect(am.silences.size).toBe(1);
    expect([...am.silences.values()][0]?.endsAt).toBe('2026-03-12T04:15:00.000Z');
  });

  it('again when Alertmanager lost it (404 "silence not found"): a new one, the old recorded as ended', async () => {
    await oncall(box, ['silence', '--for', '30m']);
    const [old] = [...am.silences.keys()];
    am.silences.clear();
    const r = await oncall(box, ['silence', '--for', '1h']);
    expect(r.code).toBe(0);
    expect(posts().map((q) => (q.body as { id?: string }).id)).toEqual([undefined, old, undefined]);
    const [now] = [...am.silences.keys()];
    expect(now).not.toBe(old);
    expect(
      (readEvents(box, id) as { type: string; silence?: string }[])
        .filter((e) => e.type.startsWith('silence.'))
        .map((e) => [e.type, e.silence]),
    ).toEqual([
      ['silence.created', old],
      ['silence.expired', old],
      ['silence.created', now],
    ]);
  });

  it('--expire on an Alertmanager before 0.22, which answers 500 "already expired": recorded as ended', async () => {
    await oncall(box, ['silence', '--for', '2h']);
    const [silence] = [...am.silences.keys()];
    am.when((q) => q.method === 'DELETE', {
      status: 500,
      body: JSON.stringify(`silence ${silence} already expired`),
      headers: { 'Content-Type': 'application/json' },
    });
    const r = await oncall(box, ['silence', '--expire']);
    expect(r.code).toBe(0);
    expect(readEvents(box, id).at(-1)).toMatchObject({ type: 'silence.expired', silence });
  });

  it.each([
    ['a redirect to its sign-in page', PORTAL_REDIRECT],
    ['its page under a 200', PORTAL_PAGE],
  ])(
    'a captive portal answering in place of Alertmanager (%s): --expire says so and records nothing',
    async (_, answer) => {
      await oncall(box, ['silence', '--for', '2h']);
      const [silence] = [...am.silences.keys()];
      const before = readEvents(box, id).length;
      am.when((q) => q.pathname === '/portal/login', PORTAL_PAGE);
      am.when((q) => q.method === 'DELETE', answer);
      const r = await oncall(box, ['silence', '--expire']);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(`Could not end silence ${silence}`);
      expect(readEvents(box, id)).toHaveLength(before);
      expect(am.received.filter((q) => q.pathname === '/portal/login')).toEqual([]);
      expect((await oncall(box, ['status', '--incident', id])).stdout).toContain('Silenced');
    },
  );

  it('--expire ends it (DELETE /api/v2/silence/{id}); status and the alert follow', async () => {
    await oncall(box, ['silence', '--for', '2h']);
    const [silence] = [...am.silences.values()];
    box.clock.advance(MINUTE);
    const r = await oncall(box, ['silence', '--expire']);
    expect(r.code).toBe(0);
    const del = am.received.find((q) => q.method === 'DELETE');
    expect(del?.pathname).toBe(`/api/v2/silence/${silence?.id}`);
    expect(r.stdout).toContain(`Ended silence ${silence?.id}`);
    expect(readEvents(box, id).at(-1)).toMatchObject({
      type: 'silence.expired',
      silence: silence?.id,
    });
    expect((await oncall(box, ['status', '--incident', id])).stdout).not.toContain('Silenced:');
    expect(await firing()).toBe(true);
    expect((await oncall(box, ['silence', '--expire', '--incident', id])).stdout).toContain(
      'No silence of this incident holds now.',
    );
  });

  it('resolve without a terminal leaves it holding and says how to end it', async () => {
    await oncall(box, ['silence', '--for', '2h']);
    const plain = await oncall(box, ['resolve']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(
      'The silence holds until 04:10; `oncall silence --expire` ends it.',
    );
    expect(am.received.some((q) => q.method === 'DELETE')).toBe(false);
  });

  it('resolve on a terminal asks whether to end it; --expire-silences ends it without asking', async () => {
    await oncall(box, ['silence', '--for', '2h']);
    const prompter = new ScriptedPrompter([
      {
        ask: "End the incident's silence now? If the alert still fires, it pages again.",
        answer: true,
      },
    ]);
    const asked = await oncall({ ...box, interactive: true, prompter }, ['resolve']);
    expect(asked.code).toBe(0);
    expect(am.received.filter((q) => q.method === 'DELETE')).toHaveLength(1);
    expect(prompter.unanswered).toEqual([]);

    expect(await firing()).toBe(true); // ended: the alert is offered again; a second incident
    await oncall(box, ['silence', '--for', '1h']);
    const flagged = await oncall(box, ['resolve', '--expire-silences']);
    expect(flagged.code).toBe(0);
    expect(am.received.filter((q) => q.method === 'DELETE')).toHaveLength(2);
  });

  it('lists it in the handoff and the postmortem', async () => {
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      `${readFileSync(join(box.cwd, 'oncall.config.yaml'), 'utf8')}\ncontacts:\n  bob: { name: Bob Stone }\n`,
    );
    await oncall(box, ['silence', '--for', '2h']);
    const handoff = await oncall(box, ['handoff', '--to', 'bob', '--no-send']);
    expect(handoff.stdout).toMatch(
      /## Silences\n- 02:10 silence \w{8} on alertname="KubePodNotReady"/,
    );
    await oncall(box, ['resolve', '--expire-silences']);
    await oncall(box, ['postmortem', '--out', 'pm.md']);
    expect(readFileSync(join(box.cwd, 'pm.md'), 'utf8')).toMatch(
      /- Silence: 02:10 silence \w{8} on alertname="KubePodNotReady", .* ended early 02:10/,
    );
  });
});

describe('oncall silence refuses, and fails in one line', () => {
  it('Alertmanager down: exit 1, one line, nothing recorded', async () => {
    await am.down();
    const before = readEvents(box, id).length;
    const r = await oncall(box, ['silence', '--for', '2h']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^oncall: Alertmanager \(.*\) cannot be reached: ECONNREFUSED; nothing silenced\n$/,
    );
    expect(readEvents(box, id)).toHaveLength(before);
  });

  it('no Alertmanager in config: exit 2 (bad usage, as `start --from alertmanager` says it), one line with the fix', async () => {
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'links: {}\n');
    const before = readEvents(box, id).length;
    const r = await oncall(box, ['silence', '--for', '2h']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^oncall: no Alertmanager in config: add `alertmanager: \{ url: .*\}` \(or urlEnv\); nothing silenced\n$/,
    );
    expect(readEvents(box, id)).toHaveLength(before);
  });

  it("Alertmanager's own refusal is said in its words", async () => {
    am.when((q) => q.method === 'POST', {
      status: 400,
      body: JSON.stringify("Failed to create silence: end time can't be in the past"),
    });
    const r = await oncall(box, ['silence', '--for', '2h']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "answered HTTP 400: Failed to create silence: end time can't be in the past; nothing silenced",
    );
  });

  it.each([
    [['silence'], /say how long: oncall silence --for 2h/],
    [['silence', '--for', '2h', '--expire'], /give one/],
    [['silence', '--for', 'soon'], /--for soon: a duration like 2h, 90m or 1h30m/],
    // Past any date: toISOString threw, a stack trace.
    [
      ['silence', '--for', '99999999999999999999h'],
      /^oncall: --for 99999999999999999999h: a duration like 2h, 90m or 1h30m \(at most 36500d\)\n$/,
    ],
    [['silence', '--for', '36501d'], /at most 36500d/],
    [['silence', '--for', '1h', '--match', 'alertname=~".*"'], /would silence every alert/],
    [
      ['silence', '--for', '1h', '--match', 'not a matcher'],
      /--match not a matcher: write it as name=value/,
    ],
  ])('%j: exit 2', async (args, message) => {
    const r = await oncall(box, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(posts()).toEqual([]);
  });

  it('an incident with no Alertmanager alert needs --match; with it, those matchers', async () => {
    const r = await oncall(box, [
      'start',
      '--new',
      '--title',
      'By hand',
      '--sev',
      'SEV3',
      '--runbook',
      'none',
    ]);
    expect(r.code).toBe(0);
    const refused = await oncall(box, ['silence', '--for', '1h']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('say what to silence with --match alertname=<name>');
    const matched = await oncall(box, [
      'silence',
      '--for',
      '1h',
      '--match',
      'alertname=KubePodNotReady',
      '--match',
      'namespace!=dev',
    ]);
    expect(matched.code).toBe(0);
    expect(posted(0).matchers).toEqual([
      { name: 'alertname', value: 'KubePodNotReady', isRegex: false, isEqual: true },
      { name: 'namespace', value: 'dev', isRegex: false, isEqual: false },
    ]);
  });

  it('a drill talks to no Alertmanager', async () => {
    const dir = join(box.home, 'incidents', 'drill-1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'events.jsonl'),
      `${JSON.stringify({ v: 1, id: 'd1', incident: 'drill-1', ts: '2026-03-12T02:00:00.000Z', actor: 'alice@test', drill: true, type: 'incident.opened', title: 'Practice', severity: 'SEV3', labels: LABELS })}\n`,
    );
    const r = await oncall(box, ['silence', '--for', '1h', '--incident', 'drill-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Drill: no silence made (it would silence alertname="KubePodNotReady"',
    );
    expect(posts()).toEqual([]);
  });
});
