// How each service's answer is read: PagerDuty 202 is delivered, its 400 is
// final with PagerDuty's own words, 429 and 5xx are retried (429 not before
// 30 s); Slack's 200 `ok` is delivered and its 4xx (channel_is_archived,
// no_service, invalid_payload) final; a refusal for size (413, msg_too_long,
// invalid_blocks) is retried smaller; a 2xx that is not the service's answer
// (a captive portal's page) and a redirect are never read as delivered.
import { describe, expect, it } from 'vitest';
import { retryAfterMs, verdictOf } from '../../../../src/domain/delivery/answer.js';

const NOW = Date.parse('2026-03-12T02:30:00.000Z');

describe('reading an answer', () => {
  it('PagerDuty: 202 delivered; 400 failed with its message; 429 and 500 retried', () => {
    expect(verdictOf('pagerduty', { status: 202, durationMs: 40 }, NOW)).toEqual({
      outcome: 'delivered',
    });
    const invalid = JSON.stringify({
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ["Length of 'routing_key' is incorrect (should be 32 characters)"],
    });
    expect(verdictOf('pagerduty', { status: 400, body: invalid, durationMs: 40 }, NOW)).toEqual({
      outcome: 'failed',
      error:
        "HTTP 400: Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters); check that its variable holds the Events API v2 integration key (32 characters) of the service",
    });
    expect(verdictOf('pagerduty', { status: 429, retryAfter: '2', durationMs: 1 }, NOW)).toEqual({
      outcome: 'retry',
      error: 'HTTP 429',
      rateLimited: true,
      minDelayMs: 30_000,
    });
    expect(verdictOf('pagerduty', { status: 503, durationMs: 1 }, NOW).outcome).toBe('retry');
  });

  it('Slack: 200 delivered; 4xx final with its error word; 429 waits as asked', () => {
    expect(verdictOf('slack', { status: 200, body: 'ok', durationMs: 1 }, NOW).outcome).toBe(
      'delivered',
    );
    expect(
      verdictOf('slack', { status: 410, body: 'channel_is_archived', durationMs: 1 }, NOW),
    ).toEqual({
      outcome: 'failed',
      error:
        'HTTP 410: channel_is_archived; the channel is archived: unarchive it, or set a webhook for another channel in its variable',
    });
    expect(
      verdictOf('slack', { status: 400, body: 'user_not_found', durationMs: 1 }, NOW).outcome,
    ).toBe('failed');
    expect(
      verdictOf('slack', { status: 404, body: 'no_service', durationMs: 1 }, NOW).outcome,
    ).toBe('failed');
    expect(verdictOf('slack', { status: 429, retryAfter: '7', durationMs: 1 }, NOW)).toMatchObject({
      outcome: 'retry',
      minDelayMs: 7000,
    });
  });

  it.each([
    ['slack', 400, 'msg_too_long'],
    ['slack', 400, 'invalid_blocks'],
    ['slack', 400, 'msg_blocks_too_long'],
    ['slack', 400, 'too_many_attachments'],
    ['slack', 200, '{"ok":false,"error":"msg_too_long"}'],
    [
      'teams',
      400,
      '{"error":"The payload is too large. Please make sure the size is less than 28KB."}',
    ],
    ['pagerduty', 413, 'Request Entity Too Large'],
    [
      'pagerduty',
      400,
      '{"status":"invalid event","message":"Event object is invalid","errors":["Payload exceeds the size limit"]}',
    ],
    ['webhook', 413, ''],
  ] as const)('%s %i %s: refused for its size, so retried smaller', (via, status, body) => {
    expect(verdictOf(via, { status, body, durationMs: 1 }, NOW)).toMatchObject({
      outcome: 'retry',
      tooLarge: true,
    });
  });

  it('a legacy Teams connector: 200 `1` delivered; a 200 whose words say Teams refused it is read as that refusal', () => {
    const refused = (status: number) =>
      `Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error ${status} with ContextId tcid=0`;
    const teams = (status: number, body?: string) =>
      verdictOf('teams', { status, ...(body !== undefined ? { body } : {}), durationMs: 1 }, NOW);
    expect(teams(200, '1').outcome).toBe('delivered');
    expect(teams(202).outcome).toBe('delivered');
    expect(teams(200, refused(429))).toMatchObject({ outcome: 'retry', rateLimited: true });
    expect(teams(200, refused(413))).toMatchObject({ outcome: 'retry', tooLarge: true });
    expect(teams(200, refused(500))).toMatchObject({ outcome: 'retry' });
    expect(teams(200, refused(400))).toEqual({
      outcome: 'failed',
      error: `HTTP 200: ${refused(400)}`,
    });
    expect(teams(200, 'Webhook message delivery failed with error: no reason')).toMatchObject({
      outcome: 'retry',
    });
    // Other services' 2xx bodies are theirs: a webhook that echoes such words was still reached.
    expect(verdictOf('webhook', { status: 200, body: refused(429), durationMs: 1 }, NOW)).toEqual({
      outcome: 'delivered',
    });
  });

  it.each([
    ['slack', 403, 'action_prohibited', 'a Slack admin restricts posting to that channel'],
    ['slack', 404, 'channel_not_found', 'make a new incoming webhook and set it in CHAT_URL'],
    ['slack', 404, 'no_service', 'the webhook in CHAT_URL was removed or revoked'],
    ['slack', 403, 'invalid_token', 'the webhook in CHAT_URL was removed or revoked'],
    [
      'slack',
      410,
      'channel_is_archived',
      'unarchive it, or set a webhook for another channel in CHAT_URL',
    ],
    ['slack', 404, 'something_new', 'check the webhook URL in CHAT_URL'],
    [
      'slack',
      400,
      'invalid_payload',
      'Slack could not read the message as JSON of a message: check that CHAT_URL is an app',
    ],
    ['slack', 400, 'no_text', 'Slack found no text in the message: check that CHAT_URL'],
    ['slack', 400, 'user_not_found', 'check the slack member id of the contact'],
    ['slack', 403, 'posting_to_general_channel_denied', 'use a webhook for another channel'],
    ['slack', 404, 'no_team', 'the webhook in CHAT_URL was removed or revoked'],
    ['slack', 200, '{"ok":false,"error":"channel_not_found"}', 'make a new incoming webhook'],
    ['webhook', 301, '', 'the URL in CHAT_URL moved for good'],
    ['slack', 308, '', 'the URL in CHAT_URL moved for good'],
    ['teams', 404, '', 'make a new Workflows webhook and set it'],
    ['teams', 401, '', 'check the URL in CHAT_URL'],
    ['webhook', 403, 'Forbidden', 'check the URL in CHAT_URL and the header values'],
    [
      'pagerduty',
      400,
      '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect (should be 32 characters)"]}',
      'check that CHAT_URL holds the Events API v2 integration key',
    ],
  ] as const)(
    '%s %i %s: failed for good, naming the fix and the variable',
    (via, status, body, fix) => {
      const verdict = verdictOf(via, { status, body, durationMs: 1 }, NOW, {
        secretEnv: 'CHAT_URL',
      });
      expect(verdict.outcome).toBe('failed');
      expect(verdict.error).toContain(fix);
    },
  );

  it("Slack: only its documented success is delivered; a 200 that is not Slack's waits to be sent again", () => {
    const slack = (status: number, body?: string) =>
      verdictOf('slack', { status, ...(body !== undefined ? { body } : {}), durationMs: 1 }, NOW);
    expect(slack(200, 'ok\n')).toEqual({ outcome: 'delivered' });
    expect(slack(200, '{"ok":true}')).toEqual({ outcome: 'delivered' });
    expect(slack(200, '<!DOCTYPE html><html><title>Hotel Wi-Fi login</title></html>')).toEqual({
      outcome: 'retry',
      error: `HTTP 200 without Slack's "ok": a web page (a captive portal or a proxy answered)`,
    });
    expect(slack(200, '')).toEqual({
      outcome: 'retry',
      error: `HTTP 200 without Slack's "ok": an empty body`,
    });
    expect(slack(200, 'accepted')).toMatchObject({ outcome: 'retry' });
    expect(slack(200, '{"status":"ok"}')).toMatchObject({ outcome: 'retry' });
    // "something strange and unusual happened that was likely not your fault at all"
    expect(slack(500, 'rollup_error')).toMatchObject({ outcome: 'retry' });
    expect(slack(500, 'rollup_error').tooLarge).toBeUndefined();
    expect(slack(400, 'invalid_payload').tooLarge).toBeUndefined();
  });

  it('Teams and PagerDuty: a web page under a 2xx is not their answer; a webhook is any 2xx', () => {
    const page = '<html><head><title>Sign in to the network</title></head></html>';
    for (const via of ['teams', 'pagerduty', 'pagerduty-rest'] as const)
      expect(verdictOf(via, { status: 200, body: page, durationMs: 1 }, NOW).outcome).toBe('retry');
    expect(verdictOf('webhook', { status: 200, body: page, durationMs: 1 }, NOW).outcome).toBe(
      'delivered',
    );
  });

  it('a redirect is not delivered: moved for good fails, any other waits', () => {
    for (const via of ['slack', 'teams', 'pagerduty', 'webhook'] as const) {
      for (const status of [302, 303, 307])
        expect(verdictOf(via, { status, durationMs: 1 }, NOW).outcome).toBe('retry');
      for (const status of [301, 308])
        expect(verdictOf(via, { status, durationMs: 1 }, NOW).outcome).toBe('failed');
    }
  });

  it('a 429 without Retry-After still leaves the channel alone a moment', () => {
    expect(verdictOf('slack', { status: 429, durationMs: 1 }, NOW)).toMatchObject({
      rateLimited: true,
      minDelayMs: 1000,
    });
  });

  it('no answer in time, or no connection: retried; a program that cannot start: final', () => {
    expect(verdictOf('webhook', { timedOut: true, durationMs: 4000 }, NOW)).toEqual({
      outcome: 'retry',
      error: 'no answer within 4.0s',
    });
    expect(
      verdictOf('teams', { error: 'fetch failed (ECONNREFUSED)', durationMs: 3 }, NOW),
    ).toEqual({ outcome: 'retry', error: 'fetch failed (ECONNREFUSED)' });
    expect(
      verdictOf('command', { error: 'cannot run x (ENOENT)', permanent: true, durationMs: 3 }, NOW)
        .outcome,
    ).toBe('failed');
  });

  it('a command: exit 0 delivered, anything else retried with its last words', () => {
    expect(verdictOf('command', { exitCode: 0, durationMs: 3 }, NOW).outcome).toBe('delivered');
    expect(verdictOf('command', { exitCode: 3, body: 'gateway busy', durationMs: 3 }, NOW)).toEqual(
      {
        outcome: 'retry',
        error: 'exit 3: gateway busy',
      },
    );
  });

  it('Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs('Thu, 12 Mar 2026 02:31:00 GMT', NOW)).toBe(60_000);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
