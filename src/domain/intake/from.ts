// `oncall start --from <where>`: which page or alert to start from.
//   pagerduty:<id | number | incident URL>
//   alertmanager                      (the firing alerts, a pick list)
//   alertmanager:<fingerprint | alertname>
//   alertmanager-webhook:-            (a webhook payload on stdin, or a file)
// A pasted PagerDuty incident URL works bare too. Anything else is refused
// with the forms it takes.
import { UsageError } from '../../errors.js';

export type FromSpec =
  | { system: 'pagerduty'; id?: string; number?: number; text: string }
  | { system: 'alertmanager'; pick?: string; text: string }
  | { system: 'alertmanager-webhook'; file: string; text: string };

const FORMS =
  'pagerduty:<id|number|incident URL>, alertmanager, alertmanager:<fingerprint|alertname> or alertmanager-webhook:<file|->';

/** PagerDuty ids are letters and digits (PT4KHLK); numbers are digits (1234, #1234). */
const PD_ID = /^[A-Za-z0-9]+$/;

function pagerdutyRef(text: string, raw: string): FromSpec {
  const ref = text.trim();
  // A pasted incident URL: the segment after /incidents/ (never built: the web host varies).
  if (/^https?:\/\//i.test(ref)) {
    const match = /\/incidents\/([^/?#]+)/.exec(ref);
    if (!match?.[1] || !PD_ID.test(match[1])) {
      throw new UsageError(
        `--from ${raw}: not a PagerDuty incident URL (…/incidents/<ID>); or give the id or number`,
      );
    }
    return { system: 'pagerduty', id: match[1], text: raw };
  }
  const number = /^#?(\d{1,12})$/.exec(ref);
  if (number?.[1]) return { system: 'pagerduty', number: Number(number[1]), text: raw };
  if (!PD_ID.test(ref)) {
    throw new UsageError(
      `--from ${raw}: a PagerDuty incident is an id (PT4KHLK), a number (1234) or its URL`,
    );
  }
  return { system: 'pagerduty', id: ref, text: raw };
}

export function parseFrom(raw: string): FromSpec {
  const text = raw.trim();
  if (/^https?:\/\/[^/]*pagerduty\.com\//i.test(text)) return pagerdutyRef(text, raw);
  const colon = text.indexOf(':');
  const system = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? undefined : text.slice(colon + 1).trim();
  if (system === 'pagerduty') {
    if (!rest) throw new UsageError(`--from ${raw}: say which incident: pagerduty:<id|number|URL>`);
    return pagerdutyRef(rest, raw);
  }
  if (system === 'alertmanager') {
    return rest ? { system, pick: rest, text: raw } : { system, text: raw };
  }
  if (system === 'alertmanager-webhook') {
    if (!rest)
      throw new UsageError(`--from ${raw}: say where the payload is: a file, or - for stdin`);
    return { system, file: rest, text: raw };
  }
  throw new UsageError(`--from ${raw}: not a source oncall reads; use ${FORMS}`);
}
