// A PagerDuty incident (GET /incidents/{id}) and its alerts (GET
// /incidents/{id}/alerts) as what `oncall start` declares. Read defensively:
// the REST schema marks no field of an incident required, `priority` may be
// null or a reference without a name, an alert's `details` may be a string,
// and Events v2 alerts repeat their details in an undocumented `cef_details`.
// See contracts A1.
import type { Severity } from '../incident/severity.js';
import { firingFacts } from './alertmanager-firing.js';
import {
  httpUrlOf,
  type Intake,
  type IntakeLink,
  isoOf,
  plainUrlOf,
  runbookUrlIn,
  serviceFromLabels,
  titleLine,
} from './intake.js';
import { pagerdutySeverity } from './severity.js';

type Json = Record<string, unknown>;

const objectOf = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The incident object of a GET /incidents/{id} answer, with the id every other call needs. */
export function incidentOf(answer: unknown): Json | undefined {
  const incident = objectOf(objectOf(answer).incident);
  return textOf(incident.id) ? incident : undefined;
}

export const incidentIdOf = (incident: Json): string => String(incident.id);

/** A value a runbook placeholder can take: one short line (a `firing` list or a nested object is not). */
function labelValue(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text && text.length <= 256 && !/[\r\n]/.test(text) ? text : undefined;
}

/** An alert's custom details: `body.details`, else `body.cef_details.details`; a string has none. */
function detailsOf(alert: Json): Json {
  const body = objectOf(alert.body);
  const details = objectOf(body.details);
  return Object.keys(details).length ? details : objectOf(objectOf(body.cef_details).details);
}

/** The links an alert carries (the Events API's `links[]` arrive as contexts of type link). */
function contextLinks(alert: Json): IntakeLink[] {
  const contexts = objectOf(alert.body).contexts;
  if (!Array.isArray(contexts)) return [];
  return contexts.flatMap((c) => {
    const context = objectOf(c);
    const url = context.type === 'link' ? httpUrlOf(context.href) : undefined;
    return url ? [{ name: textOf(context.text) ?? 'link', url }] : [];
  });
}

/** The alert the incident is about: the first still triggered, else the first. */
function mainAlert(alerts: readonly unknown[]): Json {
  const all = alerts.map(objectOf);
  return all.find((a) => a.status === 'triggered') ?? all[0] ?? {};
}

/**
 * One page of a GET /incidents/{id}/alerts answer (classic pagination:
 * `limit`, `offset`, `more`): its alerts (an empty list when it has none) and
 * whether PagerDuty has more after them.
 */
export function alertsPage(answer: unknown): { alerts: unknown[]; more: boolean } {
  const page = objectOf(answer);
  const alerts = Array.isArray(page.alerts) ? page.alerts : [];
  return { alerts, more: page.more === true && alerts.length > 0 };
}

/** What Alertmanager's PagerDuty notifier adds of its own: counts and lists, not facts of the alert. */
const NOTIFIER_DETAILS = new Set(['firing', 'resolved', 'num_firing', 'num_resolved']);

/** The details as labels: one-line values only; the runbook_url is a link, not a label. */
function labelsOf(details: Json): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(details)) {
    const text = labelValue(value);
    if (text === undefined || NOTIFIER_DETAILS.has(key)) continue;
    if (!/^runbook(_url|url)?$/i.test(key)) labels[key] = text;
  }
  return labels;
}

function stringFields(details: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(details))
    if (typeof value === 'string') out[key] = value;
  return out;
}

/** A runbook link among the alert's contexts: its text or its address says so. */
function runbookLink(links: readonly IntakeLink[]): string | undefined {
  return links.find((l) => /runbook|playbook/i.test(l.name) || /runbook/i.test(l.url))?.url;
}

export function pagerdutyIntake(
  incident: Json,
  alerts: readonly unknown[],
  severities?: Record<string, Severity>,
): Intake {
  const number =
    typeof incident.incident_number === 'number' ? incident.incident_number : undefined;
  const summary = textOf(incident.summary)?.replace(/^\[#\d+\]\s*/, '');
  const title = titleLine(
    textOf(incident.title) ?? summary ?? `PagerDuty incident ${incidentIdOf(incident)}`,
  );
  const priority = objectOf(incident.priority);
  const mapped = pagerdutySeverity(
    textOf(priority.name) ?? textOf(priority.summary),
    textOf(incident.urgency),
    severities,
  );
  const alert = mainAlert(alerts);
  const details = detailsOf(alert);
  // Paged through Alertmanager: the alert's own labels and annotations are in `firing`.
  const firing = firingFacts(details.firing);
  const labels = { ...labelsOf(firing.labels), ...labelsOf(details) };
  const alertLinks = [
    ...contextLinks(alert),
    ...(firing.generatorURL
      ? [{ name: 'alert source (generatorURL)', url: firing.generatorURL }]
      : []),
  ];
  const runbookUrl =
    runbookUrlIn(stringFields(details)) ??
    runbookUrlIn(firing.annotations) ??
    runbookLink(alertLinks);
  const page = httpUrlOf(incident.html_url);
  const links: IntakeLink[] = [
    ...(page
      ? [{ name: `PagerDuty ${number !== undefined ? `#${number}` : 'incident'}`, url: page }]
      : []),
    ...alertLinks,
    ...(runbookUrl && !alertLinks.some((l) => l.url === runbookUrl)
      ? [{ name: 'runbook', url: runbookUrl }]
      : []),
  ];
  const service = textOf(objectOf(incident.service).summary) ?? serviceFromLabels(labels);
  const status = incident.status;
  const alertedAt = isoOf(incident.created_at);
  const url = plainUrlOf(page);
  const sourceUrl = url ? { url } : {};
  return {
    source: {
      system: 'pagerduty',
      id: incidentIdOf(incident),
      ...(number !== undefined ? { number } : {}),
      ...sourceUrl,
    },
    title,
    ...(service ? { service } : {}),
    ...(mapped ? { severity: mapped.severity, severityWord: mapped.word } : {}),
    alert: labels.alertname ?? title,
    labels,
    ...(alertedAt ? { alertedAt } : {}),
    links,
    ...(runbookUrl ? { runbookUrl } : {}),
    ...(status === 'triggered' || status === 'acknowledged' || status === 'resolved'
      ? { status }
      : {}),
  };
}
