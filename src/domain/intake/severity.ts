// A service's words for how bad it is, to oncall's SEV1..SEV4. PagerDuty has a
// priority (P1..P5, when the account uses them) and an urgency (high, low);
// Alertmanager alerts carry a `severity` label (critical, warning, info in
// kube-prometheus). The defaults mirror what oncall sends PagerDuty
// (SEV1 critical … SEV4 info); a team maps its own words in config.
import type { Severity } from '../incident/severity.js';
import { isSeverity } from '../incident/severity.js';

const PAGERDUTY_WORDS: Record<string, Severity> = {
  p1: 'SEV1',
  p2: 'SEV2',
  p3: 'SEV3',
  p4: 'SEV4',
  p5: 'SEV4',
  high: 'SEV2',
  low: 'SEV3',
};

const ALERT_WORDS: Record<string, Severity> = {
  critical: 'SEV1',
  page: 'SEV1',
  error: 'SEV2',
  major: 'SEV2',
  high: 'SEV2',
  warning: 'SEV3',
  warn: 'SEV3',
  minor: 'SEV3',
  medium: 'SEV3',
  info: 'SEV4',
  low: 'SEV4',
};

/** A word as a level: the team's map first (any case), then the defaults, then "sev2"/"SEV2" itself. */
function levelOf(
  word: string,
  map: Record<string, Severity> | undefined,
  defaults: Record<string, Severity>,
): Severity | undefined {
  const key = word.trim().toLowerCase();
  if (!key) return undefined;
  for (const [name, level] of Object.entries(map ?? {}))
    if (name.toLowerCase() === key) return level;
  const upper = key.toUpperCase();
  return defaults[key] ?? (isSeverity(upper) ? upper : undefined);
}

/** The first of `words` that maps to a level, and that word. */
function firstLevel(
  words: readonly (string | undefined)[],
  map: Record<string, Severity> | undefined,
  defaults: Record<string, Severity>,
): { severity: Severity; word: string } | undefined {
  for (const word of words) {
    const severity = word ? levelOf(word, map, defaults) : undefined;
    if (severity && word) return { severity, word };
  }
  return undefined;
}

/** A PagerDuty incident's priority, else its urgency. */
export function pagerdutySeverity(
  priority: string | undefined,
  urgency: string | undefined,
  map?: Record<string, Severity>,
) {
  return firstLevel([priority, urgency], map, PAGERDUTY_WORDS);
}

/** An alert's `severity` label (or `priority`, which some teams use). */
export function alertSeverity(labels: Record<string, string>, map?: Record<string, Severity>) {
  return firstLevel([labels.severity, labels.priority], map, ALERT_WORDS);
}

/** How much an alert's severity weighs in the pick list: most severe first, unknown last. */
export function severityRank(severity: Severity | undefined): number {
  return severity ? Number(severity.slice(3)) : 9;
}
