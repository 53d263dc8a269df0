// `oncall start --from …`: the page or the alert read from where it is
// (PagerDuty's REST API, Alertmanager's API v2, a webhook payload), each call
// bounded to a few seconds. What comes back is the intake (what start
// declares), or one line saying why not, so the responder can be asked what
// the alert would have answered instead. Choosing among several alerts is
// the caller's (a pick list on a terminal).
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { localClock } from '../../domain/incident/time.js';
import {
  type AlertGroup,
  alertIntake,
  alertLine,
  type FiringAlert,
  firingAlerts,
  groupAlerts,
  pickAlerts,
  webhookAlerts,
} from '../../domain/intake/alertmanager.js';
import type { FromSpec } from '../../domain/intake/from.js';
import type { Intake, IntakeSource } from '../../domain/intake/intake.js';
import { incidentIdOf, incidentOf, pagerdutyIntake } from '../../domain/intake/pagerduty.js';
import { alertmanagerApi } from '../../infra/intake/alertmanager.js';
import { callTimeoutMs, pagerdutyReader, pagerdutyToken } from '../../infra/intake/pagerduty.js';
import { readWebhookPayload } from '../../infra/intake/webhook.js';

type Gathered =
  | { ok: true; intake: Intake; said: string[] }
  | {
      ok: false;
      problem: string;
      /**
       * The PagerDuty incident named by id, which could not be read for a
       * passing reason (no answer, 5xx, 429): its acknowledgement can still wait in the outbox.
       */
      source?: IntakeSource;
      /** What to give instead, when the choice is the responder's (several alerts, no terminal). */
      flag?: string;
    };

/** Picks one alert of several (a pick list on a terminal); undefined: none could be asked. */
type Chooser = (groups: AlertGroup[]) => Promise<FiringAlert | undefined>;

/** A passing failure: worth queueing the acknowledgement for later. */
const passing = (failed: { status?: number; timedOut?: boolean }) =>
  failed.timedOut === true ||
  failed.status === undefined ||
  failed.status === 429 ||
  failed.status >= 500;

async function fromPagerDuty(
  ctx: Context,
  config: ResolvedConfig,
  spec: Extract<FromSpec, { system: 'pagerduty' }>,
): Promise<Gathered> {
  const token = pagerdutyToken(config.pagerduty, ctx.env);
  if ('problem' in token) return { ok: false, problem: token.problem };
  const reader = pagerdutyReader(
    config.pagerduty,
    token.token,
    callTimeoutMs(config.pagerduty, ctx.delivery?.attemptMs),
  );
  const ref = spec.id ?? String(spec.number);
  const answer = await reader.incident(ref);
  const incident = answer.ok ? incidentOf(answer.json) : undefined;
  if (!answer.ok || !incident) {
    const problem = answer.ok ? 'PagerDuty answered without an incident' : answer.problem;
    const source: IntakeSource | undefined =
      !answer.ok && passing(answer) && spec.id ? { system: 'pagerduty', id: spec.id } : undefined;
    return { ok: false, problem, ...(source ? { source } : {}) };
  }
  // The alerts carry the details and links; the incident alone still opens it.
  const alerts = await reader.alerts(incidentIdOf(incident));
  const said = alerts.ok
    ? alerts.said.map((line) => `${line}.`)
    : [`${alerts.problem}: the alert's details are not carried over.`];
  const intake = pagerdutyIntake(
    incident,
    alerts.ok ? alerts.alerts : [],
    config.pagerduty.severities,
  );
  return { ok: true, intake, said };
}

/** The one alert to start from: named, the only one, or picked; else why not. */
async function chooseAlert(
  ctx: Context,
  alerts: FiringAlert[],
  groups: AlertGroup[],
  pick: string | undefined,
  choose: Chooser,
): Promise<{ alert: FiringAlert; said: string[] } | Gathered> {
  const clock = (iso: string) => localClock(iso, ctx.env.TZ);
  if (pick !== undefined) {
    const [first, ...more] = pickAlerts(alerts, pick);
    if (!first) {
      return {
        ok: false,
        problem: `no firing, unsilenced alert matches ${JSON.stringify(pick)} (${alerts.length} firing)`,
        flag: '--from alertmanager:<fingerprint|alertname>',
      };
    }
    const said = more.length
      ? [
          `${more.length + 1} alerts match ${pick}; took the most severe, newest: ${alertLine(first, clock)}`,
        ]
      : [];
    return { alert: first, said };
  }
  const [only, ...others] = alerts;
  if (!only) return { ok: false, problem: 'no firing, unsilenced alert in Alertmanager' };
  if (!others.length) return { alert: only, said: [] };
  const picked = await choose(groups);
  if (!picked) {
    return {
      ok: false,
      problem: `${alerts.length} alerts fire: pick one with --from alertmanager:<fingerprint|alertname> (the most urgent: ${only.fingerprint}, ${only.labels.alertname ?? 'no alertname'})`,
      flag: '--from alertmanager:<fingerprint|alertname>',
    };
  }
  return { alert: picked, said: [] };
}

async function fromAlertmanager(
  ctx: Context,
  config: ResolvedConfig,
  pick: string | undefined,
  choose: Chooser,
): Promise<Gathered> {
  const timeoutMs = callTimeoutMs(config.alertmanager, ctx.delivery?.attemptMs);
  const api = alertmanagerApi(config.alertmanager, ctx.env, timeoutMs);
  if ('problem' in api) return { ok: false, problem: api.problem };
  const [answer, grouped] = await Promise.all([api.alerts(), api.groups()]);
  if (!answer.ok) return { ok: false, problem: answer.problem };
  const severities = config.alertmanager?.severities;
  const alerts = firingAlerts(answer.json, ctx.now(), severities);
  if (!alerts) {
    return {
      ok: false,
      problem: `${api.shown} answered GET /api/v2/alerts with no list of alerts: is alertmanager.url an Alertmanager?`,
    };
  }
  // Grouping is a help for the eye: without it, alerts are grouped by name.
  const groups = groupAlerts(alerts, grouped.ok ? grouped.json : undefined);
  const chosen = await chooseAlert(ctx, alerts, groups, pick, choose);
  if ('ok' in chosen) return chosen;
  return { ok: true, intake: alertIntake(chosen.alert, api.shown), said: chosen.said };
}

async function fromWebhook(
  ctx: Context,
  config: ResolvedConfig,
  file: string,
  choose: Chooser,
): Promise<Gathered> {
  const payload = await readWebhookPayload(file, ctx.cwd, ctx.stdin);
  const read = webhookAlerts(payload, config.alertmanager?.severities);
  const where = file === '-' ? 'stdin' : file;
  if ('problem' in read) return { ok: false, problem: `${where}: ${read.problem}` };
  const { alerts } = read;
  const [first] = alerts;
  if (!first) return { ok: false, problem: `${where}: no firing alert in the payload` };
  const clock = (iso: string) => localClock(iso, ctx.env.TZ);
  // A receiver's payload comes without a person to ask: on a terminal, a pick list.
  const picked = alerts.length > 1 ? ((await choose(groupAlerts(alerts))) ?? first) : first;
  const said =
    alerts.length > 1 && picked === first
      ? [
          `${alerts.length} alerts fire in the payload; took the most severe, newest: ${alertLine(first, clock)}`,
        ]
      : [];
  return { ok: true, intake: alertIntake(picked, read.externalURL), said };
}

export function gatherIntake(
  ctx: Context,
  config: ResolvedConfig,
  spec: FromSpec,
  choose: Chooser,
): Promise<Gathered> {
  switch (spec.system) {
    case 'pagerduty':
      return fromPagerDuty(ctx, config, spec);
    case 'alertmanager':
      return fromAlertmanager(ctx, config, spec.pick, choose);
    case 'alertmanager-webhook':
      return fromWebhook(ctx, config, spec.file, choose);
  }
}
