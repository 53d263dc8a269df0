// Alertmanager's alerts (API v2 `gettableAlert`, the webhook payload's
// alerts) as what `oncall start` declares: the labels become the incident's
// labels, `summary` and `description` its title and impact, `startsAt` when
// it fired, the `severity` label its severity, `generatorURL` a link. Read
// defensively: older servers omit fields newer ones send (mutedBy, routeLabels),
// and a receiver's payload is whatever was piped in. See contracts A2, A3.
import type { Severity } from '../incident/severity.js';
import {
  httpUrlOf,
  type Intake,
  type IntakeLink,
  isoOf,
  plainUrlOf,
  runbookUrlIn,
  serviceFromLabels,
  stringRecord,
  titleLine,
} from './intake.js';
import { alertSeverity, severityRank } from './severity.js';

export interface FiringAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt?: string;
  generatorURL?: string;
  severity?: Severity;
  severityWord?: string;
}

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Silenced, inhibited or muted: someone already decided it need not wake anyone. */
function suppressed(alert: Json): boolean {
  const status = objectOf(alert.status);
  if (status.state === 'suppressed') return true;
  return ['silencedBy', 'inhibitedBy', 'mutedBy'].some((k) => listOf(status[k]).length > 0);
}

function firingAlert(alert: Json, severities?: Record<string, Severity>): FiringAlert | undefined {
  const labels = stringRecord(alert.labels);
  if (!Object.keys(labels).length) return undefined;
  const fingerprint =
    typeof alert.fingerprint === 'string' && alert.fingerprint
      ? alert.fingerprint
      : `labels:${Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join(',')}`;
  const startsAt = isoOf(alert.startsAt);
  const generatorURL = httpUrlOf(alert.generatorURL);
  const mapped = alertSeverity(labels, severities);
  return {
    fingerprint,
    labels,
    annotations: stringRecord(alert.annotations),
    ...(startsAt ? { startsAt } : {}),
    ...(generatorURL ? { generatorURL } : {}),
    ...(mapped ? { severity: mapped.severity, severityWord: mapped.word } : {}),
  };
}

/** Most severe first, then the newest. */
function byUrgency(a: FiringAlert, b: FiringAlert): number {
  const rank = severityRank(a.severity) - severityRank(b.severity);
  if (rank) return rank;
  return (b.startsAt ?? '').localeCompare(a.startsAt ?? '');
}

/**
 * GET /api/v2/alerts as firing, unsilenced alerts, most severe and newest
 * first: the query asks the server to leave out silenced and inhibited ones,
 * and they are left out here again, as are those already over, whatever the
 * server did. Undefined when the answer is no list of alerts at all (the URL
 * names something else).
 */
export function firingAlerts(
  answer: unknown,
  now: Date,
  severities?: Record<string, Severity>,
): FiringAlert[] | undefined {
  if (!Array.isArray(answer)) return undefined;
  return listOf(answer)
    .map(objectOf)
    .filter((a) => !suppressed(a))
    .filter((a) => {
      const ends = isoOf(a.endsAt);
      return !ends || ends > now.toISOString();
    })
    .flatMap((a) => firingAlert(a, severities) ?? [])
    .sort(byUrgency);
}

export interface AlertGroup {
  /** What the group is grouped by ("alertname=KubePodNotReady"). */
  label: string;
  alerts: FiringAlert[];
}

const groupLabel = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The alerts grouped as Alertmanager groups them (GET /api/v2/alerts/groups:
 * each group's labels, by fingerprint), else by alertname; groups in the order
 * of their most urgent alert, each alert once.
 */
export function groupAlerts(alerts: readonly FiringAlert[], groupsAnswer?: unknown): AlertGroup[] {
  const groupOf = new Map<string, string>();
  for (const g of listOf(groupsAnswer).map(objectOf)) {
    const label = groupLabel(stringRecord(g.labels));
    for (const a of listOf(g.alerts).map(objectOf)) {
      if (typeof a.fingerprint === 'string' && !groupOf.has(a.fingerprint))
        groupOf.set(a.fingerprint, label);
    }
  }
  const groups = new Map<string, FiringAlert[]>();
  for (const alert of alerts) {
    const label =
      groupOf.get(alert.fingerprint) ?? `alertname=${alert.labels.alertname ?? '(no alertname)'}`;
    groups.set(label, [...(groups.get(label) ?? []), alert]);
  }
  return [...groups.entries()].map(([label, list]) => ({ label, alerts: list }));
}

/**
 * The alerts `alertmanager:<pick>` names: a fingerprint (or a prefix of one, four
 * characters or more), else an alertname (any case); most urgent first.
 */
export function pickAlerts(alerts: readonly FiringAlert[], pick: string): FiringAlert[] {
  const wanted = pick.trim();
  const exact = alerts.filter((a) => a.fingerprint === wanted);
  if (exact.length) return exact;
  if (wanted.length >= 4 && /^[0-9a-f]+$/i.test(wanted)) {
    const prefixed = alerts.filter((a) => a.fingerprint.startsWith(wanted.toLowerCase()));
    if (prefixed.length) return prefixed;
  }
  return alerts.filter((a) => a.labels.alertname?.toLowerCase() === wanted.toLowerCase());
}

/** One line for the pick list and for what was picked: "critical · KubePodNotReady · shop/checkout-7d9 · fired 01:58". */
export function alertLine(alert: FiringAlert, clock: (iso: string) => string): string {
  const { labels } = alert;
  const where = [labels.namespace, labels.pod ?? labels.instance ?? labels.job].filter(Boolean);
  return [
    alert.severityWord ?? labels.severity ?? 'no severity',
    labels.alertname ?? '(no alertname)',
    ...(where.length ? [where.join('/')] : []),
    ...(alert.startsAt ? [`fired ${clock(alert.startsAt)}`] : []),
    alert.annotations.summary ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The alert as the incident: what `start` declares from it; `where`, the Alertmanager it came from. */
export function alertIntake(alert: FiringAlert, where?: string): Intake {
  const { labels, annotations } = alert;
  const name = labels.alertname;
  const title = titleLine(
    annotations.summary?.trim() || annotations.message?.trim() || name || 'Alertmanager alert',
  );
  const impact = annotations.description?.trim();
  const runbookUrl = runbookUrlIn(annotations);
  const dashboard = httpUrlOf(annotations.dashboard_url) ?? httpUrlOf(annotations.dashboard);
  const links: IntakeLink[] = [
    ...(alert.generatorURL
      ? [{ name: 'alert source (generatorURL)', url: alert.generatorURL }]
      : []),
    ...(dashboard ? [{ name: 'dashboard', url: dashboard }] : []),
    ...(runbookUrl ? [{ name: 'runbook', url: runbookUrl }] : []),
  ];
  const service = serviceFromLabels(labels);
  const url = plainUrlOf(where);
  const sourceUrl = url ? { url } : {};
  return {
    source: {
      system: 'alertmanager',
      id: alert.fingerprint,
      ...sourceUrl,
    },
    title,
    ...(service ? { service } : {}),
    ...(alert.severity ? { severity: alert.severity, severityWord: alert.severityWord } : {}),
    ...(impact ? { impact } : {}),
    ...(name ? { alert: name } : {}),
    labels: { ...labels },
    ...(alert.startsAt ? { alertedAt: alert.startsAt } : {}),
    links,
    ...(runbookUrl ? { runbookUrl } : {}),
  };
}

/** Why a webhook payload cannot be read, or its firing alerts (most urgent first). */
export function webhookAlerts(
  payload: unknown,
  severities?: Record<string, Severity>,
): { alerts: FiringAlert[]; externalURL?: string } | { problem: string } {
  const body = objectOf(payload);
  if (!Array.isArray(body.alerts)) {
    return { problem: 'not an Alertmanager webhook payload (no "alerts" list)' };
  }
  if (body.version !== undefined && body.version !== '4') {
    return { problem: `payload version ${JSON.stringify(body.version)}; oncall reads version "4"` };
  }
  const alerts = body.alerts
    .map(objectOf)
    .filter((a) => a.status === undefined || a.status === 'firing')
    .flatMap((a) => firingAlert(a, severities) ?? [])
    .sort(byUrgency);
  const externalURL = plainUrlOf(body.externalURL);
  return { alerts, ...(externalURL ? { externalURL } : {}) };
}
