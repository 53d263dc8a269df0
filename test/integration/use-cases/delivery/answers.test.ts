// Each service's answer read as the service documents it, through a real
// command against local stand-ins: Slack's error words mean what its
// "Handling errors" table and chat.postMessage's errors say (a payload it
// cannot read fails at once with the fix, never halved; a message too long is
// cut; a 500 `rollup_error` waits), only Slack's `ok` is a post, and a captive
// portal or a proxy answering in a service's place (a redirect, or its page
// under a 200) is never counted as delivered: the message waits and goes
// once the network lets it.
import { afterEach, describe, expect, it } from 'vitest';
import { type AllChannels, allChannels } from '../../../helpers/channels.js';
import { MINUTE } from '../../../helpers/context.js';
import { deliveryBox } from '../../../helpers/delivery.js';
import {
  captivePortal,
  pagerdutyAnswers,
  portalPage,
  slackAnswers,
  teamsAnswers,
} from '../../../helpers/documented.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import { type Box, oncall, readEvents, startIncident } from '../../../helpers/in-process.js';

let slack: FakeService;
let box: Box;

const attempts = (on: Box) => readEvents(on).filter((e) => e.type === 'delivery.attempted');

describe("Slack's error words", () => {
  afterEach(async () => {
    await slack.close();
  });

  async function updateAnswered(
    answer: { status: number; body: string },
    text = 'Rolled back the deploy',
  ) {
    slack = await fakeService(slackAnswers());
    box = deliveryBox({ slack });
    await startIncident(box);
    slack.script(answer);
    return oncall(box, ['update', text]);
  }

  it('invalid_payload fails at once with the fix and the variable: sent once, never halved', async () => {
    const r = await updateAnswered({ status: 400, body: 'invalid_payload' });
    expect(r.code).toBe(0);
    expect(slack.received).toHaveLength(1);
    expect(attempts(box)).toEqual([
      expect.objectContaining({ outcome: 'failed', status: 400, attempt: 1 }),
    ]);
    expect(attempts(box)[0]).not.toHaveProperty('tooLarge');
    expect(r.stderr).toContain(
      "Could not send via Slack (chat): HTTP 400: invalid_payload; Slack could not read the message as JSON of a message: check that SLACK_WEBHOOK_URL is an app's incoming webhook (https://hooks.slack.com/services/…) and that no proxy rewrites the request.",
    );
  });

  it('no_text fails at once too; msg_too_long is cut and sent again', async () => {
    const r = await updateAnswered({ status: 400, body: 'no_text' });
    expect(slack.received).toHaveLength(1);
    expect(r.stderr).toContain('HTTP 400: no_text; Slack found no text in the message');
    await slack.close();

    // Long enough that half of it is still a message worth sending.
    const long = Array.from({ length: 60 }, (_, i) => `step ${i}: rolled back shard ${i}.`).join(
      ' ',
    );
    await updateAnswered({ status: 400, body: 'msg_too_long' }, long);
    expect(slack.received).toHaveLength(2);
    expect(slack.received[1]?.raw.length).toBeLessThanOrEqual(
      (slack.received[0]?.raw.length ?? 0) / 2,
    );
    expect(attempts(box).map((e) => [e.outcome, e.tooLarge ?? false])).toEqual([
      ['retry', true],
      ['delivered', false],
    ]);
  });

  it('rollup_error (500, "likely not your fault") waits in the outbox and goes later', async () => {
    const r = await updateAnswered({ status: 500, body: 'rollup_error' });
    expect(r.stderr).toMatch(/Not sent yet via Slack \(chat\): HTTP 500: rollup_error\./);
    box.clock.advance(10 * MINUTE);
    const flushed = await oncall(box, ['outbox', 'flush']);
    expect(flushed.code).toBe(0);
    expect(attempts(box).map((e) => e.outcome)).toEqual(['retry', 'delivered']);
  });
});

describe('a captive portal or a proxy in place of the service', () => {
  let all: AllChannels;
  afterEach(async () => {
    await all.close();
  });

  it.each([
    ['a redirect to its sign-in page', captivePortal],
    ['its page under a 200', portalPage],
  ])(
    '%s: no channel counts it as sent; each waits, then goes once the network lets it',
    async (_, portal) => {
      all = await allChannels();
      await startIncident(all.box);
      const behind = {
        pager: pagerdutyAnswers(),
        chat: slackAnswers(),
        teams: teamsAnswers,
      } as const;
      for (const channel of Object.keys(behind) as (keyof typeof behind)[])
        all.services[channel].fallback(portal);
      const r = await oncall(all.box, ['update', 'Rolled back the deploy']);
      expect(r.code).toBe(0);
      for (const channel of Object.keys(behind) as (keyof typeof behind)[]) {
        // The redirect is not followed: the POST is all that went (no GET of the portal's page).
        expect(
          all.services[channel].received.map((q) => q.method),
          channel,
        ).toEqual(['POST']);
      }
      const tried = attempts(all.box).filter((e) => String(e.channel) in behind);
      expect(tried.map((e) => [e.channel, e.outcome]).sort()).toEqual([
        ['chat', 'retry'],
        ['pager', 'retry'],
        ['teams', 'retry'],
      ]);
      expect(r.stderr).not.toMatch(/Posted .*Slack|Accepted .*Teams|Paged/);
      expect((await oncall(all.box, ['outbox'])).stdout).toMatch(/^3 messages waiting to send:/);

      // Signed in: the services answer again, and every message goes.
      for (const [channel, answers] of Object.entries(behind))
        all.services[channel as keyof typeof behind].fallback(answers);
      all.box.clock.advance(10 * MINUTE);
      const flushed = await oncall(all.box, ['outbox', 'flush']);
      expect(flushed.code).toBe(0);
      for (const channel of Object.keys(behind) as (keyof typeof behind)[])
        expect(all.services[channel].received).toHaveLength(2);
    },
  );
});
