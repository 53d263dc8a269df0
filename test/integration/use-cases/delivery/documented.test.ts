// Escalating, updating and resolving against local stand-ins for PagerDuty and
// Slack (real HTTP servers on 127.0.0.1): the requests carry exactly the
// fields and headers PagerDuty's Events API v2 and Slack's incoming webhooks
// document, a repeat escalation updates the one alert, resolve resolves what
// was triggered, and no secret is left in any file or any output.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deliveryBox,
  leaks,
  ROUTING_KEY,
  SLACK_PATH,
  slackUrl,
} from '../../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import { type Box, oncall, readEvents, startWords } from '../../../helpers/in-process.js';

const ACCEPTED = {
  status: 202,
  headers: { 'Content-Type': 'application/json' },
  body: '{"status":"success","message":"Event processed","dedup_key":"x"}',
};

let pd: FakeService;
let slack: FakeService;
let box: Box;
const outputs: string[] = [];
/** `oncall <args>` in process; what it printed is kept for the leak check. */
const run = async (args: string[]) => {
  const r = await oncall(box, args);
  outputs.push(r.stdout, r.stderr);
  return r;
};

async function startIncident(extra: string[] = []): Promise<string> {
  const r = await run([...startWords(), ...extra]);
  expect(r.code).toBe(0);
  return (readEvents(box)[0] as { incident: string }).incident;
}

beforeEach(async () => {
  pd = await fakeService(ACCEPTED);
  slack = await fakeService({ status: 200, body: 'ok' });
  box = deliveryBox({ pagerduty: pd, slack });
  outputs.length = 0;
});
afterEach(async () => {
  await pd.close();
  await slack.close();
});

type Body = Record<string, unknown> & { payload?: Record<string, unknown> };

describe('delivery to PagerDuty and Slack', () => {
  it('pages and posts an escalation as the services document it', async () => {
    const id = await startIncident(['--service', 'checkout']);
    const r = await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(/^Escalation to Bob Stone recorded at \d\d:\d\d\.$/),
      'Paged Bob Stone via PagerDuty (pager).',
      'Posted for Bob Stone to Slack (chat).',
      '',
    ]);
    const escalation = readEvents(box).find((e) => e.type === 'escalation') as Record<
      string,
      string
    >;

    expect(pd.received).toHaveLength(1);
    const [page] = pd.received;
    expect(page?.method).toBe('POST');
    expect(page?.path).toBe('/v2/enqueue');
    expect(page?.headers['content-type']).toBe('application/json');
    const body = page?.body as Body;
    expect(Object.keys(body).sort()).toEqual(
      ['client', 'dedup_key', 'event_action', 'payload', 'routing_key'].sort(),
    );
    expect(body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: `oncall/${id}/bob`,
      client: 'oncall',
    });
    expect(body.payload).toMatchObject({
      summary: 'Escalation to Bob Stone: Checkout returns 500. Ask: Is the primary healthy?',
      source: 'checkout',
      severity: 'error',
      timestamp: escalation.ts,
      component: 'checkout',
      class: 'escalation',
      custom_details: expect.objectContaining({
        incident: id,
        ask: 'Is the primary healthy?',
        event_id: escalation.id,
      }),
    });
    expect(String(body.payload?.summary).length).toBeLessThanOrEqual(1024);
    expect(String(body.dedup_key).length).toBeLessThanOrEqual(255);

    expect(slack.received).toHaveLength(1);
    const [post] = slack.received;
    expect(post?.path).toBe(SLACK_PATH);
    expect(post?.headers['content-type']).toBe('application/json');
    const message = post?.body as { text: string; blocks: Record<string, unknown>[] };
    expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
    expect(message.text).toContain('*Escalation to Bob Stone: Checkout returns 500*');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: 'Escalation to Bob Stone: Checkout returns 500',
        emoji: true,
      },
    });
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*The ask:* Is the primary healthy?' },
    });
    expect(JSON.stringify(message.blocks.at(-1))).toContain(`event ${escalation.id}`);
  });

  it('a repeat escalation updates the alert; resolve resolves what was triggered', async () => {
    const id = await startIncident();
    await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    const again = await run(['escalate', '--to', 'bob', '--ask', 'Can you fail over?']);
    expect(again.stderr).toContain(
      'Paged Bob Stone via PagerDuty (pager): alert updated, not duplicated.',
    );
    // The page is acknowledged, and the room told (the `updates` channel).
    const mitigated = await run(['mitigate', 'failed over']);
    expect(mitigated.stderr).toBe(
      'Acknowledged the alert for Bob Stone on PagerDuty (pager).\nStatus update: Mitigated: failed over. The impact has stopped; we are watching that it holds.\nPosted to Slack (chat).\n',
    );
    const resolved = await run(['resolve', 'failed over']);
    expect(resolved.code).toBe(0);
    expect(resolved.stderr).toBe(
      'Resolved the alert for Bob Stone on PagerDuty (pager).\nStatus update: Resolved: failed over. The incident is over.\nPosted to Slack (chat).\n',
    );
    expect(pd.received.map((r) => r.body)).toEqual([
      expect.objectContaining({ event_action: 'trigger', dedup_key: `oncall/${id}/bob` }),
      expect.objectContaining({ event_action: 'trigger', dedup_key: `oncall/${id}/bob` }),
      { routing_key: ROUTING_KEY, event_action: 'acknowledge', dedup_key: `oncall/${id}/bob` },
      { routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: `oncall/${id}/bob` },
    ]);
    // Resolving again sends nothing more: nothing is left open.
    expect((await run(['resolve'])).stderr).toBe('');
    expect(pd.received).toHaveLength(4);
  });

  it('update and start --announce post to the updates channels; --no-post does not', async () => {
    const r = await run([...startWords(), '--announce']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '**Now:** alice@test is on it as incident commander and investigating.',
    );
    expect(r.stderr).toBe('Posted to Slack (chat).\n');
    expect((await run(['update', 'Rolled back 4.2'])).stderr).toMatch(
      /\nPosted to Slack \(chat\)\.\n$/,
    );
    expect((await run(['update', '--no-post', 'Watching'])).stderr).toMatch(
      /\nNot posted \(--no-post\)\.\n$/,
    );
    expect(slack.received.map((r) => (r.body as { blocks: unknown[] }).blocks[1])).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'alice@test is on it as incident commander and investigating.',
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: 'Rolled back 4.2' } },
    ]);
    expect(pd.received).toEqual([]);
    expect(readEvents(box).filter((e) => e.type === 'update.sent')).toHaveLength(3);
  });

  it('--dry-run prints each request with its secrets masked, and sends and records nothing', async () => {
    await startIncident();
    const before = readEvents(box).length;
    const r = await run([
      'escalate',
      '--to',
      'bob',
      '--ask',
      'Is the primary healthy?',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`POST ${pd.url}/v2/enqueue\nContent-Type: application/json\n`);
    expect(r.stdout).toContain('"routing_key": "***"');
    expect(r.stdout).toContain(`POST ${slack.url}/***\n`);
    expect(r.stdout).toContain('Dry run: nothing sent, nothing recorded.');
    expect(pd.received).toEqual([]);
    expect(slack.received).toEqual([]);
    expect(readEvents(box)).toHaveLength(before);
  });

  it('--no-send records and prints only', async () => {
    await startIncident();
    const r = await run(['escalate', '--to', 'bob', '--ask', 'Look at db-1', '--no-send']);
    expect(r.stderr).toMatch(
      /Not sent \(--no-send\)\. Send it to them: Bob Stone \(\+1 555 0101\)\.\n$/,
    );
    expect(pd.received).toEqual([]);
    expect(readEvents(box).filter((e) => e.type === 'delivery.queued')).toEqual([]);
  });

  it('no secret in any file under ONCALL_HOME or in any output', async () => {
    await startIncident();
    await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    await run(['escalate', '--to', 'bob', '--ask', 'x', '--dry-run']);
    await run(['update', 'Rolled back']);
    await run(['status']);
    await run(['outbox']);
    await run(['timeline', '--json']);
    await run(['export', '--json']);
    await run(['resolve']);
    const queued = readEvents(box).filter((e) => e.type === 'delivery.queued');
    expect(queued.length).toBeGreaterThan(0);
    expect(leaks(box, outputs, [ROUTING_KEY, slackUrl(slack.url), SLACK_PATH])).toEqual([]);
  });
});
