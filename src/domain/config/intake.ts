// Where incidents come from: the `pagerduty:` and `alertmanager:` sections of
// the config (`oncall start --from …`, `oncall silence`) and `runbookUrls:`,
// which maps an alert's runbook_url to the team's own runbook files. As with
// channels, no secret is written here: the PagerDuty token and any header an
// Alertmanager proxy wants come from the environment, named here.
import { z } from 'zod';
import { SEVERITIES } from '../incident/severity.js';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable, like PD_API_TOKEN');

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+/i, 'an http(s) URL, like https://api.pagerduty.com');

/** How long one call may take before the responder is told and asked instead. */
const timeoutSeconds = z.number().positive().max(30).optional();

/** A service's words for severity (P1, high, critical, page…) to SEV1..SEV4, case-insensitive. */
const severityMap = z.record(z.string().min(1), z.enum(SEVERITIES)).optional();

export const pagerdutySchema = z
  .object({
    /** The environment variable holding a REST API token (or `<NAME>_FILE`; default PD_API_TOKEN). Never the token. */
    apiTokenEnv: envName.optional(),
    /** Your PagerDuty login email: the `From` header, which an account-level token needs to write. */
    from: z
      .string()
      .regex(/^[^\s@<>"]+@[^\s@<>"]+$/, 'an email address, like you@example.com')
      .optional(),
    /** https://api.pagerduty.com (the default), https://api.eu.pagerduty.com, or a test's. */
    baseUrl: httpUrl.optional(),
    timeoutSeconds,
    /** Which milestone resolves the PagerDuty incident: the first of mitigate/resolve, only resolve, or never. */
    resolveOn: z.enum(['mitigate', 'resolve', 'never']).optional(),
    /** `oncall update` adds its text as a note on the PagerDuty incident (default true). */
    notes: z.boolean().optional(),
    /** Priority names and urgencies to severities, over the defaults (P1 SEV1 … ; high SEV2, low SEV3). */
    severities: severityMap,
  })
  .strict();
/** As every command sees it: the token's variable always named. */
export type PagerDutyConfig = z.infer<typeof pagerdutySchema> & { apiTokenEnv: string };

export const alertmanagerSchema = z
  .object({
    /** The Alertmanager's base URL (http://alertmanager:9093); `/api/v2/…` is added. */
    url: httpUrl.optional(),
    /** Or the environment variable holding it. */
    urlEnv: envName.optional(),
    /** Header name -> the env var holding its value, for a proxy's auth (Authorization: AM_AUTH). */
    headersEnv: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name'), envName)
      .optional(),
    timeoutSeconds,
    /** `severity` label values to severities, over the defaults (critical SEV1, error SEV2, warning SEV3, info SEV4). */
    severities: severityMap,
  })
  .strict()
  .refine((am) => am.url !== undefined || am.urlEnv !== undefined, {
    message: 'give url (http://alertmanager:9093) or urlEnv (the variable holding it)',
  });
export type AlertmanagerConfig = z.infer<typeof alertmanagerSchema>;

/** A runbook_url prefix and the folder of the team's runbooks it stands for. */
export const runbookUrlSchema = z
  .object({
    prefix: z
      .string()
      .regex(/^https?:\/\/\S+$/i, 'a URL prefix, like https://runbooks.example.com/'),
    path: z.string().min(1),
  })
  .strict();
export type RunbookUrlMapping = z.infer<typeof runbookUrlSchema>;
