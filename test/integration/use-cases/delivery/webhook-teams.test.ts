// A generic webhook (its documented body, header values from the environment)
// and a Teams Workflows webhook (a message with one Adaptive Card), against
// local stand-ins; no header value or URL is left in a file or an output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaks } from '../../../helpers/delivery.js';
import { connectorRefused, teamsConnectorAnswers } from '../../../helpers/documented.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import { oncall, readEvents, sandbox } from '../../../helpers/in-process.js';

const AUTH = 'Bearer hook-t0ken-9f8e7d6c5b4a';
const TEAMS_SIG = 'sig=Zm9vYmFyYmF6cXV4c2VjcmV0c2lnbmF0dXJl';

let hook: FakeService;
let teams: FakeService;
beforeEach(async () => {
  hook = await fakeService({ status: 204 });
  teams = await fakeService({ status: 202 });
});
afterEach(async () => {
  await hook.close();
  await teams.close();
});

describe('webhook and Teams channels', () => {
  it('post the documented bodies with the configured headers', async () => {
    const teamsUrl = `${teams.url}/workflows/abc/triggers/manual/paths/invoke?api-version=1&${TEAMS_SIG}`;
    const box = sandbox({
      HOOK_URL: `${hook.url}/incoming/oncall`,
      HOOK_AUTH: AUTH,
      TEAMS_WEBHOOK_URL: teamsUrl,
    });
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      [
        'channels:',
        '  hook: { type: webhook, urlEnv: HOOK_URL, headersEnv: { Authorization: HOOK_AUTH } }',
        '  teams: { type: teams, urlEnv: TEAMS_WEBHOOK_URL }',
        'contacts:',
        '  carol: { name: Carol Diaz, reach: [hook, teams] }',
      ].join('\n'),
    );
    const outputs: string[] = [];
    const run = async (args: string[]) => {
      const r = await oncall(box, args);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    await run([
      'start',
      '--title',
      'Payments slow',
      '--sev',
      'SEV3',
      '--no-input',
      '--runbook',
      'none',
    ]);
    const r = await run(['escalate', '--to', 'carol', '--ask', 'Can you look at the PSP?']);
    expect(r.stderr).toContain('Sent for Carol Diaz to webhook (hook).');
    expect(r.stderr).toContain(
      'Accepted for Carol Diaz by Teams (teams): a Workflows 202 means queued; the flow posts it.',
    );
    const escalation = readEvents(box).find((e) => e.type === 'escalation');

    const [hooked] = hook.received;
    expect(hooked?.path).toBe('/incoming/oncall');
    expect(hooked?.headers.authorization).toBe(AUTH);
    expect(hooked?.headers['content-type']).toBe('application/json');
    expect(hooked?.body).toMatchObject({
      kind: 'escalation',
      incident: { title: 'Payments slow', severity: 'SEV3', status: 'active' },
      event: escalation,
      to: { key: 'carol', name: 'Carol Diaz' },
      markdown: r.stdout,
      delivery: `${escalation?.id}.hook`,
    });
    expect(JSON.stringify((hooked?.body as { text?: string } | undefined)?.text)).toContain(
      'Escalation to Carol Diaz: Payments slow',
    );

    const [card] = teams.received;
    expect(card?.path.startsWith('/workflows/abc/triggers/manual/paths/invoke?')).toBe(true);
    expect(card?.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', version: '1.4' },
        },
      ],
    });

    await run(['escalate', '--to', 'carol', '--ask', 'x', '--dry-run']);
    await run(['outbox']);
    expect(leaks(box, outputs, [AUTH, TEAMS_SIG, 'hook-t0ken'])).toEqual([]);
  });

  it('a legacy Office 365 connector: its 200 `1` is delivered; a 200 saying Teams refused it (429) waits in the outbox, and goes', async () => {
    teams.fallback(teamsConnectorAnswers);
    teams.script({ status: 200, body: connectorRefused(429) });
    const box = sandbox({
      TEAMS_WEBHOOK_URL: `${teams.url}/webhookb2/1234@5678/IncomingWebhook/abcd/ef01`,
    });
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      ['channels:', '  teams: { type: teams, urlEnv: TEAMS_WEBHOOK_URL }', 'updates: [teams]'].join(
        '\n',
      ),
    );
    await oncall(box, ['start', '--title', 'Payments slow', '--sev', 'SEV3', '--no-input']);
    const refused = await oncall(box, ['update', 'PSP answers slowly']);
    expect(refused.stderr).toContain(
      'Not sent yet via Teams (teams): HTTP 200: Webhook message delivery failed',
    );
    expect(refused.stderr).toContain('It waits in the outbox');
    const attempts = () => readEvents(box).filter((e) => e.type === 'delivery.attempted');
    expect(attempts().at(-1)).toMatchObject({ outcome: 'retry', rateLimited: true });
    box.clock.advance(60_000);
    const flushed = await oncall(box, ['outbox', 'flush']);
    expect(flushed.code).toBe(0);
    expect(teams.received).toHaveLength(2);
    expect(attempts().at(-1)).toMatchObject({ outcome: 'delivered', status: 200 });
  });
});
