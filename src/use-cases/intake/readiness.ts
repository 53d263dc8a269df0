// Is the first minute ready? `oncall doctor` asks PagerDuty whose the token
// is (GET /users/me: a user's token answers 200; an account-level token gets
// a 400 that says so, and then `pagerduty.from` must name a user to write)
// and Alertmanager whether it answers (GET /api/v2/status), and checks that
// each `runbookUrls` folder exists. Reads only: nothing is changed anywhere.
import { existsSync } from 'node:fs';
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { alertmanagerApi } from '../../infra/intake/alertmanager.js';
import { callTimeoutMs, pagerdutyReader, pagerdutyToken } from '../../infra/intake/pagerduty.js';
import { type Finding, failFinding, okFinding, warnFinding } from '../delivery/readiness.js';

/** python-pagerduty's way to tell an account-level token: its 400 says so. */
const ACCOUNT_LEVEL = /account-level/i;

async function pagerdutyFindings(ctx: Context, config: ResolvedConfig): Promise<Finding[]> {
  const token = pagerdutyToken(config.pagerduty, ctx.env);
  if (!config.pagerdutyConfigured && 'problem' in token) return [];
  if ('problem' in token) {
    return [failFinding(`${token.problem}: \`start --from pagerduty:…\` cannot read incidents`)];
  }
  const reader = pagerdutyReader(
    config.pagerduty,
    token.token,
    callTimeoutMs(config.pagerduty, ctx.delivery?.attemptMs),
  );
  const me = await reader.me();
  if (me.ok) {
    const email = (me.json as { user?: { email?: unknown } } | undefined)?.user?.email;
    return [
      okFinding(
        `PagerDuty accepts the token in ${config.pagerduty.apiTokenEnv}${typeof email === 'string' ? ` (${email})` : ''}`,
      ),
    ];
  }
  const said = typeof (me.json as { error?: unknown } | undefined)?.error === 'string';
  if (me.status === 400 && said && ACCOUNT_LEVEL.test(JSON.stringify(me.json))) {
    return config.pagerduty.from
      ? [
          okFinding(
            `PagerDuty accepts the account-level token in ${config.pagerduty.apiTokenEnv}; writes go as ${config.pagerduty.from}`,
          ),
        ]
      : [
          failFinding(
            `PagerDuty: ${config.pagerduty.apiTokenEnv} holds an account-level token, which cannot acknowledge, resolve or add notes without pagerduty.from (your PagerDuty login email)`,
          ),
        ];
  }
  if (me.status === 401 || me.status === 403) {
    return [
      failFinding(`${me.problem}: set a valid REST API token in ${config.pagerduty.apiTokenEnv}`),
    ];
  }
  return [warnFinding(`${me.problem}: the token could not be checked`)];
}

async function alertmanagerFindings(ctx: Context, config: ResolvedConfig): Promise<Finding[]> {
  if (!config.alertmanager) return [];
  const api = alertmanagerApi(
    config.alertmanager,
    ctx.env,
    callTimeoutMs(config.alertmanager, ctx.delivery?.attemptMs),
  );
  if ('problem' in api) return [failFinding(api.problem)];
  const status = await api.status();
  if (!status.ok)
    return [
      failFinding(
        `${status.problem}: \`start --from alertmanager\` and \`oncall silence\` cannot work`,
      ),
    ];
  const version = (status.json as { versionInfo?: { version?: unknown } } | undefined)?.versionInfo
    ?.version;
  return [
    okFinding(
      `Alertmanager at ${api.shown} answers${typeof version === 'string' ? ` (version ${version})` : ''}`,
    ),
  ];
}

function runbookUrlFindings(config: ResolvedConfig): Finding[] {
  return config.runbookUrls.map((m) =>
    existsSync(m.path)
      ? okFinding(`runbookUrls: ${m.prefix} → ${m.path}`)
      : warnFinding(`runbookUrls: ${m.path} (for ${m.prefix}) does not exist`),
  );
}

/** Both services asked side by side, each within its few seconds. */
export async function intakeFindings(ctx: Context, config: ResolvedConfig): Promise<Finding[]> {
  const [pagerduty, alertmanager] = await Promise.all([
    pagerdutyFindings(ctx, config),
    alertmanagerFindings(ctx, config),
  ]);
  return [...pagerduty, ...alertmanager, ...runbookUrlFindings(config)];
}
