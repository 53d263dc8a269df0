// A box wired to every kind of channel at once, each a local stand-in that
// answers as its service documents (documented.ts): PagerDuty (pager), Slack
// (chat), Teams (teams), a generic webhook (hook) and a command (sms: a script
// that keeps each stdin and ONCALL_* environment it was given). Bob and Carol
// are reached through all five, and updates go to all five.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTING_KEY, SLACK_PATH } from './delivery.js';
import { pagerdutyAnswers, slackAnswers, teamsAnswers } from './documented.js';
import { type FakeService, fakeService } from './http-server.js';
import { type Box, sandbox } from './in-process.js';

/** A channel script that appends what it was given, one JSON line per run. */
const KEEPER = `#!/usr/bin/env node
const { appendFileSync } = require('node:fs');
let stdin = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { stdin += c; });
process.stdin.on('end', () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ONCALL_') && k !== 'ONCALL_HOME' && k !== 'ONCALL_ACTOR'));
  appendFileSync(process.argv[2], JSON.stringify({ stdin, env }) + '\\n');
});
`;

export type ChannelName = 'pager' | 'chat' | 'teams' | 'hook' | 'sms';
export const CHANNELS: readonly ChannelName[] = ['pager', 'chat', 'teams', 'hook', 'sms'];

export interface AllChannels {
  box: Box;
  services: Record<Exclude<ChannelName, 'sms'>, FakeService>;
  /** What each channel was sent, in order: request bodies, and the script's stdin and env. */
  sent(): { channel: ChannelName; body: unknown }[];
  close(): Promise<void>;
}

export async function allChannels(
  options: { extraYaml?: string; delivery?: Box['delivery'] } = {},
): Promise<AllChannels> {
  const services = {
    pager: await fakeService(pagerdutyAnswers()),
    chat: await fakeService(slackAnswers()),
    teams: await fakeService(teamsAnswers),
    hook: await fakeService({ status: 204 }),
  };
  const box = sandbox(
    {
      PD_ROUTING_KEY: ROUTING_KEY,
      SLACK_WEBHOOK_URL: `${services.chat.url}${SLACK_PATH}`,
      TEAMS_WEBHOOK_URL: `${services.teams.url}/workflows/abc/triggers/manual/paths/invoke?sig=t3amsS1gnatur3`,
      HOOK_URL: `${services.hook.url}/incoming`,
    },
    options.delivery ? { delivery: options.delivery } : {},
  );
  const script = join(box.cwd, 'keep.cjs');
  writeFileSync(script, KEEPER);
  chmodSync(script, 0o755);
  const kept = join(box.dir, 'sms.jsonl');
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    [
      'channels:',
      `  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, baseUrl: "${services.pager.url}" }`,
      '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }',
      '  teams: { type: teams, urlEnv: TEAMS_WEBHOOK_URL }',
      '  hook: { type: webhook, urlEnv: HOOK_URL }',
      `  sms: { type: command, argv: [./keep.cjs, "${kept}"] }`,
      `updates: [${CHANNELS.join(', ')}]`,
      'contacts:',
      `  bob: { name: Bob Stone, reach: [${CHANNELS.join(', ')}] }`,
      `  carol: { name: Carol Diaz, reach: [${CHANNELS.join(', ')}] }`,
      options.extraYaml ?? '',
    ].join('\n'),
  );
  return {
    box,
    services,
    sent: () => [
      ...(['pager', 'chat', 'teams', 'hook'] as const).flatMap((channel) =>
        services[channel].received.map((r) => ({ channel, body: r.body })),
      ),
      ...(existsSync(kept) ? readFileSync(kept, 'utf8').trim().split('\n') : []).map((line) => ({
        channel: 'sms' as const,
        body: JSON.parse(line) as unknown,
      })),
    ],
    close: async () => {
      await Promise.all(Object.values(services).map((s) => s.close()));
    },
  };
}
