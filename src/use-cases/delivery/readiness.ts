// Is delivery ready for the rotation? Each channel's secret is set and looks
// right, each program exists, each contact's `reach` and the `updates` list
// name channels that exist. One finding per line, worded with its fix; never
// a secret's value.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ChannelConfig, ResolvedConfig } from '../../domain/config/schema.js';
import { readSecret } from '../../infra/delivery/secrets.js';

/** How a finding of doctor's stands: ready, worth a look, or not ready. */
export type FindingLevel = 'ok' | 'warn' | 'fail';
export interface Finding {
  verdict: FindingLevel;
  what: string;
}

export const okFinding = (what: string): Finding => ({ verdict: 'ok', what });
export const warnFinding = (what: string): Finding => ({ verdict: 'warn', what });
export const failFinding = (what: string): Finding => ({ verdict: 'fail', what });

const SERVICE = {
  pagerduty: 'PagerDuty',
  slack: 'Slack',
  teams: 'Teams',
  webhook: 'webhook',
  command: 'command',
};

/** Is `program` an executable path, or found on PATH? */
export function isExecutable(program: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = program.includes('/')
    ? [program]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, program));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** One variable: set, and (when `check` says) well-formed. */
function secretFinding(
  label: string,
  env: NodeJS.ProcessEnv,
  name: string,
  check: (value: string) => string | undefined,
): Finding {
  const { value, problem } = readSecret(env, name);
  if (value === undefined)
    return failFinding(`${label}: ${problem}; export it before your rotation`);
  const wrong = check(value);
  return wrong ? failFinding(`${label}: ${name} ${wrong}`) : okFinding(`${label}: ${name} is set`);
}

/** PagerDuty integration keys are 32 letters and digits. */
function routingKeyProblem(value: string): string | undefined {
  if (/^[A-Za-z0-9]{32}$/.test(value)) return undefined;
  return `does not look like an Events API v2 integration key (32 letters and digits; it has ${value.length} characters)`;
}

const urlProblem = (value: string) =>
  isHttpUrl(value) ? undefined : 'does not hold an http(s) URL';

function channelFindings(name: string, channel: ChannelConfig, env: NodeJS.ProcessEnv): Finding[] {
  const label = `channel ${name} (${SERVICE[channel.type]})`;
  switch (channel.type) {
    case 'pagerduty':
      return [secretFinding(label, env, channel.routingKeyEnv, routingKeyProblem)];
    case 'slack':
    case 'teams':
      return [secretFinding(label, env, channel.urlEnv, urlProblem)];
    case 'webhook':
      return [
        secretFinding(label, env, channel.urlEnv, urlProblem),
        ...Object.entries(channel.headersEnv ?? {}).map(([header, variable]) =>
          secretFinding(`${label} header ${header}`, env, variable, () => undefined),
        ),
      ];
    case 'command': {
      const program = channel.argv[0] ?? '';
      return [
        isExecutable(program, env)
          ? okFinding(`${label}: ${program} is executable`)
          : failFinding(`${label}: ${program} is not an executable file or on PATH`),
      ];
    }
  }
}

/** Contacts' `reach` and the `updates` list name channels that exist. */
function namingFindings(
  config: Pick<ResolvedConfig, 'channels' | 'contacts' | 'updates'>,
): Finding[] {
  const findings: Finding[] = [];
  const exists = (name: string) => Object.hasOwn(config.channels, name);
  for (const [key, contact] of Object.entries(config.contacts)) {
    if (typeof contact.reach === 'string') {
      if (exists(contact.reach)) {
        findings.push(
          warnFinding(
            `contact ${key}: reach "${contact.reach}" is words; write \`reach: [${contact.reach}]\` to deliver through that channel`,
          ),
        );
      }
      continue;
    }
    for (const name of contact.reach ?? []) {
      if (!exists(name))
        findings.push(
          failFinding(`contact ${key}: reach names "${name}", which is not a channel in config`),
        );
    }
  }
  for (const name of config.updates) {
    if (!exists(name))
      findings.push(failFinding(`updates names "${name}", which is not a channel in config`));
  }
  return findings;
}

export function deliveryFindings(
  config: Pick<ResolvedConfig, 'channels' | 'contacts' | 'updates'>,
  env: NodeJS.ProcessEnv,
): Finding[] {
  const channels = Object.entries(config.channels);
  const findings = namingFindings(config);
  if (!channels.length) {
    return [
      ...findings,
      warnFinding(
        'delivery: no channels; escalations and updates are printed for you to send (README: PagerDuty and Slack in five minutes)',
      ),
    ];
  }
  findings.unshift(...channels.flatMap(([name, channel]) => channelFindings(name, channel, env)));
  if (!config.updates.length) {
    findings.push(
      warnFinding('updates: no channels listed; `oncall update` records and prints only'),
    );
  }
  return findings;
}
