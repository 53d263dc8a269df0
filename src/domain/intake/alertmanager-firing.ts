// An incident Alertmanager's PagerDuty notifier opened carries its alerts only
// as the `firing` custom detail (alertmanager docs/configuration.md,
// <pagerduty_config>; contracts A1): text from the default template
// `pagerduty.default.instances`, one block per firing alert,
//
//   Labels:
//    - alertname = KubePodNotReady
//    - namespace = shop
//   Annotations:
//    - runbook_url = https://runbooks.prometheus-operator.dev/runbooks/…
//   Source: http://prometheus:9090/graph?…
//
// or, on Alertmanager's main branch (toJson), a list of the alerts as JSON.
// The first alert's labels, annotations and source are read from either, so
// an incident paged through PagerDuty carries what the alert knew.
import { httpUrlOf, stringRecord } from './intake.js';

interface FiringFacts {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL?: string;
}

const NONE: FiringFacts = { labels: {}, annotations: {} };

/** ` - name = value` lines of one section, until the next heading. */
function pairs(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const m = /^\s*-\s*([^\s=]+)\s*=\s?(.*)$/.exec(line);
    if (m?.[1]) out[m[1]] = (m[2] ?? '').trim();
  }
  return out;
}

function fromText(text: string): FiringFacts {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*Labels:\s*$/.test(l));
  if (start < 0) return NONE;
  // The first alert's block: up to the next "Labels:".
  const next = lines.findIndex((l, i) => i > start && /^\s*Labels:\s*$/.test(l));
  const block = lines.slice(start + 1, next < 0 ? undefined : next);
  const annotationsAt = block.findIndex((l) => /^\s*Annotations:\s*$/.test(l));
  const sourceAt = block.findIndex((l) => /^\s*Source:/.test(l));
  const labelsEnd = [annotationsAt, sourceAt].filter((i) => i >= 0);
  const labels = pairs(block.slice(0, labelsEnd.length ? Math.min(...labelsEnd) : undefined));
  const annotations =
    annotationsAt < 0
      ? {}
      : pairs(block.slice(annotationsAt + 1, sourceAt > annotationsAt ? sourceAt : undefined));
  const generatorURL =
    sourceAt < 0 ? undefined : httpUrlOf(block[sourceAt]?.replace(/^\s*Source:\s*/, ''));
  return { labels, annotations, ...(generatorURL ? { generatorURL } : {}) };
}

function fromJson(alerts: readonly unknown[]): FiringFacts {
  const first = alerts[0];
  if (!first || typeof first !== 'object') return NONE;
  const alert = first as Record<string, unknown>;
  const generatorURL = httpUrlOf(alert.generatorURL);
  return {
    labels: stringRecord(alert.labels),
    annotations: stringRecord(alert.annotations),
    ...(generatorURL ? { generatorURL } : {}),
  };
}

/** What the first firing alert of a `firing` detail says; nothing when it is no such list. */
export function firingFacts(firing: unknown): FiringFacts {
  if (Array.isArray(firing)) return fromJson(firing);
  if (typeof firing !== 'string') return NONE;
  const text = firing.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? fromJson(parsed) : NONE;
    } catch {
      return NONE;
    }
  }
  return fromText(text);
}
