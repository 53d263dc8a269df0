// `oncall doctor` on delivery: every channel's secret set and well-formed,
// programs present, `reach` and `updates` naming channels that exist, and
// runbooks naming contacts that exist; `--send-test` sends one marked test.
// Exit 0 when ready, 1 when not (each problem on its own line), 2 for bad usage.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROUTING_KEY, slackUrl } from '../../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import { type Box, oncall, sandbox } from '../../../helpers/in-process.js';

let slack: FakeService;
let pd: FakeService;
beforeEach(async () => {
  slack = await fakeService({ status: 200, body: 'ok' });
  pd = await fakeService({ status: 202, body: '{"status":"success"}' });
});
afterEach(async () => {
  await slack.close();
  await pd.close();
});

function configured(box: Box, lines: string[]): void {
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), lines.join('\n'));
}

describe('oncall doctor on delivery', () => {
  it('a good setup: each check ok, the test message sent, exit 0', async () => {
    const box = sandbox({ PD_ROUTING_KEY: ROUTING_KEY, SLACK_WEBHOOK_URL: slackUrl(slack.url) });
    configured(box, [
      'channels:',
      `  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, baseUrl: "${pd.url}" }`,
      '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }',
      'updates: [chat]',
      'contacts:',
      '  bob: { name: Bob Stone, phone: "+1 555 0101", reach: [pager, chat] }',
    ]);
    const r = await oncall(box, ['doctor', '--send-test', 'chat']);
    expect(r.stdout).toContain('✓ channel pager (PagerDuty): PD_ROUTING_KEY is set\n');
    expect(r.stdout).toContain('✓ channel chat (Slack): SLACK_WEBHOOK_URL is set\n');
    expect(r.stdout).toContain(
      '✓ send-test chat: test message delivered (HTTP 200); look for it\n',
    );
    expect(r.stdout).toContain('Ready for the rotation.');
    expect(r.code).toBe(0);
    const test = slack.received[0]?.body as { blocks: { text?: { text: string } }[] };
    expect(test.blocks[0]?.text?.text).toBe('[TEST] oncall delivery test: nothing is wrong');

    const paged = await oncall(box, ['doctor', '--send-test', 'pager', '--yes']);
    expect(paged.stdout).toContain(
      '✓ send-test pager: test alert accepted (HTTP 202) and resolved at once\n',
    );
    expect(pd.received.map((q) => (q.body as { event_action: string }).event_action)).toEqual([
      'trigger',
      'resolve',
    ]);
    expect(`${r.stdout}${paged.stdout}`).not.toContain(ROUTING_KEY);
  });

  it('a broken setup: exit 1, each problem named on its own line', async () => {
    const box = sandbox({ PD_ROUTING_KEY: 'too-short', HOOK_URL: 'not a url' });
    mkdirSync(join(box.cwd, 'runbooks'));
    writeFileSync(
      join(box.cwd, 'runbooks', 'web.md'),
      '---\nid: web\ntitle: Web errors\ncontacts: [web-lead]\n---\n\n## Look\nCheck the dashboard.\n',
    );
    configured(box, [
      'runbooks: [./runbooks]',
      'channels:',
      '  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY }',
      '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }',
      '  hook: { type: webhook, urlEnv: HOOK_URL, headersEnv: { Authorization: HOOK_AUTH } }',
      '  sms: { type: command, argv: [./bin/no-such-script] }',
      'updates: [chat, nope]',
      'contacts:',
      '  bob: { name: Bob Stone, reach: [pagr] }',
      '  carol: { name: Carol Diaz, email: carol@example.com, reach: pager }',
    ]);
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    const problems = r.stdout
      .split('\n')
      .filter((line) => line.startsWith('✗') || line.startsWith('!'));
    expect(problems).toEqual(
      expect.arrayContaining([
        '✗ channel pager (PagerDuty): PD_ROUTING_KEY does not look like an Events API v2 integration key (32 letters and digits; it has 9 characters)',
        '✗ channel chat (Slack): SLACK_WEBHOOK_URL is not set (nor SLACK_WEBHOOK_URL_FILE); export it before your rotation',
        '✗ channel hook (webhook): HOOK_URL does not hold an http(s) URL',
        '✗ channel hook (webhook) header Authorization: HOOK_AUTH is not set (nor HOOK_AUTH_FILE); export it before your rotation',
        `✗ channel sms (command): ${join(box.cwd, 'bin', 'no-such-script')} is not an executable file or on PATH`,
        '✗ contact bob: reach names "pagr", which is not a channel in config',
        '! contact carol: reach "pager" is words; write `reach: [pager]` to deliver through that channel',
        '✗ updates names "nope", which is not a channel in config',
        '✗ runbook web names contact "web-lead", who is not in your contacts',
      ]),
    );
    expect(r.stdout).not.toContain('too-short');
  });

  it('--send-test with a channel config does not have: exit 2 naming the known ones', async () => {
    const box = sandbox();
    configured(box, ['channels:', '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }']);
    const r = await oncall(box, ['doctor', '--send-test', 'pagr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('oncall: --send-test pagr: no such channel. Known: chat.\n');
  });

  it('init writes commented channel examples that, uncommented, are a valid config', async () => {
    const box = sandbox({ PD_ROUTING_KEY: ROUTING_KEY, SLACK_WEBHOOK_URL: slackUrl(slack.url) });
    expect((await oncall(box, ['init'])).code).toBe(0);
    const file = join(box.cwd, 'oncall.config.yaml');
    const starter = readFileSync(file, 'utf8');
    expect(starter).toContain(
      '# channels:\n#   pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY }',
    );
    expect(starter).toContain('# updates: [chat]');
    const uncommented = starter
      .replace(/^# (channels:|updates:)/gm, '$1')
      .replace(/^# {3}(pager|chat):/gm, '  $1:');
    writeFileSync(file, uncommented);
    const r = await oncall(box, ['doctor']);
    expect(r.stdout).toContain('✓ channel pager (PagerDuty): PD_ROUTING_KEY is set');
    expect(r.stdout).toContain('✓ channel chat (Slack): SLACK_WEBHOOK_URL is set');
    expect(r.code).toBe(0);
  });
});
