// The shapes of the Alertmanager stand-in (fake-alertmanager.ts): alerts and
// silences as API v2 documents them, matchers as `filter=` and silences take
// them (anchored regexes, = != =~ !~), fingerprints, and the webhook payload
// (version "4") a receiver gets.
import { createHash } from 'node:crypto';
import type { FakeService, Faults, Reply } from './http-server.js';

export type LabelSet = Record<string, string>;

export interface AlertSeed {
  labels: LabelSet;
  annotations?: LabelSet;
  startsAt?: string;
  /** Absent: a firing alert whose endsAt keeps moving ahead, as Prometheus resends it. */
  endsAt?: string;
  generatorURL?: string;
  fingerprint?: string;
  receivers?: string[];
  /** Before silences and inhibitions are applied. */
  state?: 'active' | 'unprocessed';
  /** Fingerprints of the alerts that inhibit this one. */
  inhibitedBy?: string[];
}

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  annotations?: LabelSet;
  updatedAt: string;
}

/** reset: the connection is dropped with no answer; hang: never answered. */
export type Fault = 'hang' | 'reset' | 'server-error' | Reply;

export interface FakeAlertmanagerOptions {
  alerts?: AlertSeed[];
  silences?: Omit<Silence, 'updatedAt'>[];
  version?: string;
  clusterStatus?: 'ready' | 'settling' | 'disabled';
  /** config.original in /api/v2/status. */
  config?: string;
  now?: () => Date;
}

/** The server (the API is under /api/v2 of its url) and what it holds. */
export interface FakeAlertmanager extends Omit<FakeService, 'script' | 'fallback'>, Faults<Fault> {
  silences: Map<string, Silence>;
  addAlert(seed: AlertSeed): string;
  removeAlert(fingerprint: string): void;
}

export const JSON_TYPE = 'application/json';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** strconv.ParseBool, which go-swagger uses for boolean query parameters. */
export function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

export function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

export function matches(m: Matcher, labels: LabelSet): boolean {
  const value = labels[m.name] ?? '';
  const hit = m.isRegex ? anchored(m.value).test(value) : value === m.value;
  return (m.isEqual ?? true) ? hit : !hit;
}

/**
 * One matcher expression as `filter=` takes it: name, operator (=, !=, =~, !~)
 * and a value, quoted or not; surrounding braces tolerated.
 */
export function parseMatcher(text: string): Matcher | undefined {
  const m =
    /^\s*\{?\s*([A-Za-z_][A-Za-z0-9_]*|"[^"]*")\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"{},\s]*))\s*\}?\s*$/.exec(
      text,
    );
  if (!m?.[1] || !m[2]) return undefined;
  const name = m[1].startsWith('"') ? m[1].slice(1, -1) : m[1];
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? '');
  const op = m[2];
  const matcher = { name, value, isRegex: op.endsWith('~'), isEqual: !op.startsWith('!') };
  if (matcher.isRegex) {
    try {
      anchored(value);
    } catch {
      return undefined;
    }
  }
  return matcher;
}

export function fingerprintOf(labels: LabelSet): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u00ff${labels[k]}`)
    .join('\u00ff');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Build an Alertmanager webhook notification (version "4") for tests of a receiver. */
export function webhookPayload(
  alerts: (AlertSeed & { status?: 'firing' | 'resolved' })[],
  opts: {
    receiver?: string;
    groupLabels?: LabelSet;
    externalURL?: string;
    truncatedAlerts?: number;
  } = {},
): Record<string, unknown> {
  const common = (pick: (a: AlertSeed) => LabelSet | undefined): LabelSet => {
    const first = pick(alerts[0] ?? { labels: {} }) ?? {};
    return Object.fromEntries(
      Object.entries(first).filter(([k, v]) => alerts.every((a) => pick(a)?.[k] === v)),
    );
  };
  const status = alerts.some((a) => (a.status ?? 'firing') === 'firing') ? 'firing' : 'resolved';
  const groupLabels = opts.groupLabels ?? { alertname: alerts[0]?.labels.alertname ?? '' };
  return {
    version: '4',
    groupKey: `{}:{${Object.entries(groupLabels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}}`,
    truncatedAlerts: opts.truncatedAlerts ?? 0,
    status,
    receiver: opts.receiver ?? 'oncall',
    groupLabels,
    commonLabels: common((a) => a.labels),
    commonAnnotations: common((a) => a.annotations),
    externalURL: opts.externalURL ?? 'http://alertmanager.example:9093',
    alerts: alerts.map((a) => ({
      status: a.status ?? 'firing',
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt: a.startsAt ?? new Date().toISOString(),
      endsAt: a.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: a.generatorURL ?? '',
      fingerprint: a.fingerprint ?? fingerprintOf(a.labels),
    })),
  };
}
