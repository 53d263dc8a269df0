// Sizes are in bytes, and a message must always be deliverable. After a long
// night of long notes in Japanese and emoji (three and four bytes a
// character), every channel's body is within what its service takes
// (contracts.md: PagerDuty 512 KB, B7; Teams 28 KB, B6; Slack's block limits,
// B5), the least important cut first: the header, the ask and the impact
// stay, the oldest items go, a marker says how many. A service that refuses a
// body for its size gets it again smaller, never the same bytes.
import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type AllChannels, allChannels } from '../../../helpers/channels.js';
import { deliveryBox } from '../../../helpers/delivery.js';
import { pagerdutyAnswers, slackAnswers, teamsWouldPost } from '../../../helpers/documented.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import {
  type Box,
  logPath,
  oncall,
  readEvents,
  startIncident,
} from '../../../helpers/in-process.js';

const bytes = (raw: string) => Buffer.byteLength(raw);

/** A long night: `count` action notes of about `size` bytes each, Japanese and emoji, in the log. */
function longNight(box: Box, count: number, size: number): void {
  const [first] = readEvents(box);
  const words = '復旧作業を続行中、データベースの接続数を確認 🔥🚒 ';
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `note ${i}: ${words.repeat(Math.ceil(size / bytes(words)))}`;
    lines.push(
      JSON.stringify({
        v: 1,
        id: `0195d0c4-${String(i).padStart(4, '0')}-7000-8000-000000000000`,
        incident: first?.incident,
        ts: new Date(Date.parse('2026-03-12T03:00:00.000Z') + i * 10_000).toISOString(),
        actor: 'alice@test',
        type: 'note',
        kind: 'action',
        text,
      }),
    );
  }
  appendFileSync(logPath(box), `${lines.join('\n')}\n`);
}

/** `oncall escalate --to bob --long --ask <ask>`: every action of the night in the message. */
const escalateLong = (box: Box, ask: string) =>
  oncall(box, ['escalate', '--to', 'bob', '--long', '--ask', ask]);

let all: AllChannels | undefined;
let service: FakeService | undefined;
afterEach(async () => {
  await all?.close();
  await service?.close();
  all = undefined;
  service = undefined;
});

describe('a long night of long notes', () => {
  it('every channel gets a body its service takes, header, ask and impact kept, oldest cut', async () => {
    all = await allChannels();
    const { box, services } = all;
    expect(
      (
        await oncall(box, [
          'start',
          '--title',
          '決済が失敗する 💳',
          '--sev',
          'SEV2',
          '--impact',
          'EU の決済の 30% が失敗',
          '--no-input',
          '--runbook',
          'none',
        ])
      ).code,
    ).toBe(0);
    longNight(box, 300, 2_700);
    const r = await escalateLong(box, 'プライマリは正常ですか?');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Not sent|Could not/);

    const [page] = services.pager.received;
    expect(bytes(page?.raw ?? '')).toBeGreaterThan(100_000);
    expect(bytes(page?.raw ?? '')).toBeLessThanOrEqual(512 * 1024);
    const pageBody = page?.body as { payload: { custom_details: Record<string, unknown> } };
    const details = pageBody.payload.custom_details;
    expect(details.ask).toBe('プライマリは正常ですか?');
    expect(String(details.impact)).toContain('EU の決済の 30% が失敗');
    // Action notes are what was changed: the list the reader needs first.
    const changed = details.changed as string[];
    expect(changed[0]).toMatch(/^\(cut: \d+ more earlier items\)$/);
    expect(changed.at(-1)).toContain('note 299:');

    const [post] = services.chat.received;
    expect(slackAnswers()(post as NonNullable<typeof post>)).toEqual({ status: 200, body: 'ok' });
    const postBody = post?.body as { blocks: { text?: { text: string } }[] };
    const blocks = postBody.blocks;
    expect(blocks[0]?.text?.text).toBe('Escalation to Bob Stone: 決済が失敗する 💳');
    expect(blocks[1]?.text?.text).toBe('*The ask:* プライマリは正常ですか?');
    expect(JSON.stringify(blocks)).toContain('(cut: ');

    const [card] = services.teams.received;
    expect(bytes(card?.raw ?? '')).toBeLessThan(28 * 1024);
    expect(teamsWouldPost(card as NonNullable<typeof card>)).toBe(true);
    expect(card?.raw).toContain('プライマリは正常ですか?');

    const [hooked] = services.hook.received;
    expect(bytes(hooked?.raw ?? '')).toBeLessThanOrEqual(100_000);
    const sms = all.sent().find((s) => s.channel === 'sms')?.body as { stdin: string };
    expect(bytes(sms.stdin)).toBeLessThanOrEqual(100_000);
    expect(sms.stdin).toContain('(cut: ');
  });
});

describe('a body refused for its size', () => {
  it('PagerDuty 400 for size: rebuilt at half the bytes, at once, until accepted', async () => {
    service = await fakeService(pagerdutyAnswers({ maxBytes: 40_000 }));
    const box = deliveryBox({ pagerduty: service });
    await startIncident(box);
    longNight(box, 120, 2_000);
    const r = await escalateLong(box, 'Is the primary healthy?');
    expect(r.stderr).toContain('Paged Bob Stone via PagerDuty (pager).');
    const sizes = service.received.map((q) => bytes(q.raw));
    expect(sizes.length).toBeGreaterThan(1);
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]).toBeLessThanOrEqual(Math.floor((sizes[i - 1] as number) / 2) + 100);
    }
    expect(sizes.at(-1)).toBeLessThanOrEqual(40_000);
    const attempts = readEvents(box).filter((e) => e.type === 'delivery.attempted');
    expect(attempts.slice(0, -1).every((e) => e.tooLarge === true && e.outcome === 'retry')).toBe(
      true,
    );
    expect(attempts.at(-1)).toMatchObject({ outcome: 'delivered' });
  });

  it('never the refused bytes again, not even by `outbox flush --failed`', async () => {
    service = await fakeService({ status: 200, body: 'ok' });
    const box = deliveryBox({ slack: service });
    await startIncident(box);
    longNight(box, 60, 1_500);
    // Refused for its size, then (smaller) the channel was archived: failed for good.
    service.script(
      { status: 400, body: 'msg_too_long' },
      { status: 410, body: 'channel_is_archived' },
    );
    const r = await escalateLong(box, 'Is the primary healthy?');
    expect(r.stderr).toContain(
      `Could not send via Slack (chat): HTTP 410: channel_is_archived${'; the channel is archived: unarchive it, or set a webhook for another channel in SLACK_WEBHOOK_URL'}.`,
    );
    const refused = service.received[0]?.raw ?? '';
    expect(bytes(service.received[1]?.raw ?? '')).toBeLessThanOrEqual(bytes(refused) / 2 + 50);

    const retried = await oncall(box, ['outbox', 'flush', '--failed']);
    expect(retried.code).toBe(0);
    expect(service.received).toHaveLength(3);
    expect(bytes(service.received[2]?.raw ?? '')).toBeLessThanOrEqual(bytes(refused) / 2 + 50);
    expect(service.received.slice(1).some((q) => q.raw === refused)).toBe(false);
  });
});
