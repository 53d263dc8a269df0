// What `oncall start --from …` learns from the page or the alert, in one
// shape whatever it came from: the answers the responder would otherwise
// type (title, service, severity, impact, when it fired), the alert's labels
// (the defaults for a runbook's placeholders), its links and its runbook_url.
// Everything in it came from another system: untrusted text, made safe where
// it is shown and redacted where it is recorded.
import type { Severity } from '../incident/severity.js';

export interface IntakeSource {
  system: 'pagerduty' | 'alertmanager';
  /** PagerDuty's incident id, or the alert's fingerprint. */
  id: string;
  /** PagerDuty's incident number (#1234). */
  number?: number;
  /** Where to see it (no credentials in it). */
  url?: string;
}

export interface IntakeLink {
  name: string;
  url: string;
}

export interface Intake {
  source: IntakeSource;
  title: string;
  service?: string;
  /** Mapped from the priority, urgency or severity label; absent when none says. */
  severity?: Severity;
  /** The word it was mapped from ("P1", "critical"), for the line that says so. */
  severityWord?: string;
  impact?: string;
  /** The alert's name: finds the runbook as `--alert` does. */
  alert?: string;
  labels: Record<string, string>;
  /** When the alert fired (ISO 8601 UTC, ms): time to acknowledge counts from it. */
  alertedAt?: string;
  links: IntakeLink[];
  /** The alert's runbook_url, when it has one. */
  runbookUrl?: string;
  /** PagerDuty: where the incident stands there now (an acknowledged one is not acknowledged again). */
  status?: 'triggered' | 'acknowledged' | 'resolved';
}

/** What an incident records of where it came from, beyond the answers it gave. */
export interface FromAlert {
  source: IntakeSource;
  alertedAt?: string;
  links: IntakeLink[];
  /** PagerDuty's status when read: only a triggered incident is acknowledged. */
  status?: Intake['status'];
}

/** Labels and annotations: a JSON object of strings; anything else is dropped, never trusted. */
export function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}

/** An RFC 3339 time as the log writes times (UTC, milliseconds); undefined for none or Go's zero time. */
export function isoOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A plain http(s) URL from an alert (a link, a runbook_url), else undefined. */
export function httpUrlOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a page is, kept as an exact field (never redacted): an http(s) URL
 * without a user, password, query or fragment, where a secret could ride
 * along; else undefined.
 */
export function plainUrlOf(value: unknown): string | undefined {
  const text = httpUrlOf(value);
  if (!text) return undefined;
  const url = new URL(text);
  if (url.username || url.password) return undefined;
  return `${url.origin}${url.pathname}`;
}

/** The longest title an alert gives an incident: a line, not a page (its id and folder are made from it). */
const TITLE_MAX = 200;

/**
 * An alert's summary or title as the incident's: one line (a multi-line
 * summary's whitespace closed up), at most TITLE_MAX characters.
 */
export function titleLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1).trimEnd()}…` : line;
}

/** The labels that name the affected service, most telling first. */
const SERVICE_LABELS = ['service', 'app', 'application', 'app.kubernetes.io/name'];

export function serviceFromLabels(labels: Record<string, string>): string | undefined {
  const key = SERVICE_LABELS.find((k) => labels[k]?.trim());
  return key ? labels[key]?.trim() : undefined;
}

/** The runbook link an alert carries (`runbook_url`, the kube-prometheus name; `runbook`). */
export function runbookUrlIn(fields: Record<string, string>): string | undefined {
  return httpUrlOf(fields.runbook_url) ?? httpUrlOf(fields.runbookUrl) ?? httpUrlOf(fields.runbook);
}
