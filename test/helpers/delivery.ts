// A sandbox wired to fake services: PagerDuty and Slack channels (and any
// extra YAML), their secrets in the environment, and a check that no secret
// ever landed in a file under ONCALL_HOME or in what oncall printed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from './cli.js';
import { type Box, sandbox as inProcessSandbox } from './in-process.js';

/** 32 letters and digits, like a PagerDuty Events API v2 integration key. */
export const ROUTING_KEY = 'R0ut1ngK3yF0rTest5x9qWz8vLm2Np4Q';
/** The secret part of a Slack webhook URL. */
export const SLACK_PATH = '/services/T0TEST0/B0TEST0/s3cr3tWebh00kPathXyz';

interface Services {
  pagerduty?: { url: string };
  slack?: { url: string };
}

export function slackUrl(base: string): string {
  return `${base}${SLACK_PATH}`;
}

/** The secrets the channels read, in the environment as a responder exports them. */
function deliveryEnv(services: Services, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PD_ROUTING_KEY: ROUTING_KEY,
    ...(services.slack ? { SLACK_WEBHOOK_URL: slackUrl(services.slack.url) } : {}),
    ...env,
  };
}

/**
 * The project config in `cwd`: `pager` (PagerDuty) and `chat` (Slack) channels
 * pointing at the fake services, updates to chat, and bob reached through both.
 */
function writeDeliveryConfig(cwd: string, services: Services, extraYaml: string): void {
  const channels = [
    services.pagerduty
      ? `  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, baseUrl: "${services.pagerduty.url}" }`
      : '',
    services.slack ? '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }' : '',
  ].filter(Boolean);
  const reach = [services.pagerduty ? 'pager' : '', services.slack ? 'chat' : ''].filter(Boolean);
  writeFileSync(
    join(cwd, 'oncall.config.yaml'),
    [
      'channels:',
      ...channels,
      ...(services.slack ? ['updates: [chat]'] : []),
      'contacts:',
      `  bob: { name: Bob Stone, role: database on-call, phone: "+1 555 0101", reach: [${reach.join(', ')}] }`,
      '  carol: { name: Carol Diaz, email: carol@example.com }',
      extraYaml,
    ].join('\n'),
  );
}

/**
 * A box for commands run in process (in-process.ts), configured as
 * writeDeliveryConfig says, with short delivery limits when given: a hang costs the test `budgetMs`, not the product's seconds.
 */
export function deliveryBox(
  services: Services,
  options: { extraYaml?: string; env?: NodeJS.ProcessEnv; delivery?: Box['delivery'] } = {},
): Box {
  const box = inProcessSandbox(
    deliveryEnv(services, options.env ?? {}),
    options.delivery ? { delivery: options.delivery } : {},
  );
  writeDeliveryConfig(box.cwd, services, options.extraYaml ?? '');
  return box;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file under ONCALL_HOME, and every output given, that contains any of `secrets`. */
export function leaks(
  box: Pick<Sandbox, 'home'>,
  outputs: readonly string[],
  secrets: readonly string[],
): string[] {
  const found: string[] = [];
  for (const file of filesUnder(box.home)) {
    if (!statSync(file).isFile()) continue;
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) if (text.includes(secret)) found.push(`${file}: ${secret}`);
  }
  outputs.forEach((text, i) => {
    for (const secret of secrets) if (text.includes(secret)) found.push(`output #${i}: ${secret}`);
  });
  return found;
}
