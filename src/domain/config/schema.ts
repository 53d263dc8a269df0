// The config file's shape, its defaults, and the severity definitions from the brief.
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../incident/events.js';
import { patternProblem } from '../redact/timed-patterns.js';
import { type ChannelConfig, channelNameSchema, channelSchema } from './channels.js';
import {
  type AlertmanagerConfig,
  alertmanagerSchema,
  type PagerDutyConfig,
  pagerdutySchema,
  type RunbookUrlMapping,
  runbookUrlSchema,
} from './intake.js';

export type { ChannelConfig, PagerDutyConfig };

/** A Slack member id: U or W, then capital letters and digits. */
const SLACK_MEMBER_ID = /^[UW][A-Z0-9]{2,20}$/;

const contactSchema = z
  .object({
    name: z.string().min(1),
    role: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    chat: z.string().optional(),
    /**
     * Their Slack member id (profile → ⋮ → Copy member ID): a Slack post for
     * them mentions them (`<@U0123ABCD>`), so Slack notifies them.
     */
    slack: z
      .string()
      .regex(SLACK_MEMBER_ID, 'a Slack member id like U0123ABCD (profile → ⋮ → Copy member ID)')
      .optional(),
    /**
     * How to reach them: a list names channels (`[pager, chat]`), which
     * escalations and handoffs deliver through; a string is words for the
     * reader ("phone first").
     */
    reach: z.union([z.string(), z.array(channelNameSchema)]).optional(),
  })
  .strict();
export type Contact = z.infer<typeof contactSchema>;

const MAX_UPDATE_EVERY_MINUTES = 7 * 24 * 60;

const severityDefSchema = z
  .object({
    label: z.string().optional(),
    description: z.string().optional(),
    /**
     * Minutes between status updates; null for none. At most a week: the next
     * update's due time is a date, and a cadence past any date crashed every
     * command that promised one.
     */
    updateEveryMinutes: z
      .number()
      .int()
      .positive()
      .max(MAX_UPDATE_EVERY_MINUTES, `at most ${MAX_UPDATE_EVERY_MINUTES} (a week); null for none`)
      .nullable()
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    /** Folders of runbooks, relative to the config file. */
    runbooks: z.array(z.string().min(1)).optional(),
    contacts: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a contact key is a short handle like "alice"'),
        contactSchema,
      )
      .optional(),
    severities: z.partialRecord(z.enum(SEVERITIES), severityDefSchema).optional(),
    /** Team-owned templates, relative to the config file. */
    templates: z
      .object({
        postmortem: z.string().optional(),
        escalation: z.string().optional(),
        handoff: z.string().optional(),
        update: z.string().optional(),
      })
      .strict()
      .optional(),
    /**
     * Extra regular expressions whose matches are redacted from what is recorded
     * (a named group `secret` narrows it to that part). Checked here, so a bad one
     * is reported with the other problems instead of failing after a command ran.
     */
    redact: z
      .array(
        z.string().superRefine((pattern, ctx) => {
          const problem = patternProblem(pattern);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      )
      .optional(),
    /** Links worth having in every escalation: dashboards, status page. */
    links: z.record(z.string(), z.string()).optional(),
    /**
     * The git remote the team shares incidents through (`oncall share`, `join`,
     * `sync`): a URL or a path; a relative path is relative to the config file.
     */
    share: z
      .object({
        remote: z.string().min(1),
        /** The branch shares made before refs kept incidents on (read, never written). */
        branch: z.string().min(1).optional(),
        /** Where responders' refs go: refs/oncall/… (default) or, on a host that takes only branches, refs/heads/oncall/…. */
        refs: z.enum(['oncall', 'branches']).optional(),
        /**
         * Signed events: every commit signed with git's own signing, a peer's
         * vouched for only when an allowed signer (by actor) signed it. Paths
         * are relative to the config file.
         */
        signing: z
          .object({
            format: z.enum(['ssh', 'openpgp']).optional(),
            key: z.string().min(1).optional(),
            allowedSigners: z.string().min(1).optional(),
          })
          .strict()
          .refine((s) => s.format === 'openpgp' || s.allowedSigners !== undefined, {
            message:
              'ssh signing needs allowedSigners: a file listing each responder as "<actor> <ssh public key>"',
            path: ['allowedSigners'],
          })
          .optional(),
      })
      .strict()
      .optional(),
    /** Named ways to reach people: PagerDuty, Slack, Teams, a webhook, a program. */
    channels: z.record(channelNameSchema, channelSchema).optional(),
    /** The channels `oncall update` and `start --announce` post to. */
    updates: z.array(channelNameSchema).optional(),
    /** `oncall shell`: `prompt: false` leaves the prompt without the incident's id and severity. */
    shell: z.object({ prompt: z.boolean().optional() }).strict().optional(),
    /** PagerDuty's REST API: `start --from pagerduty:…` reads, acknowledges, notes and resolves its incident. */
    pagerduty: pagerdutySchema.optional(),
    /** Alertmanager's API v2: `start --from alertmanager`, `oncall silence`. */
    alertmanager: alertmanagerSchema.optional(),
    /** runbook_url prefixes and the folders of the team's runbooks they stand for. */
    runbookUrls: z.array(runbookUrlSchema).optional(),
    /** Which changes post a short update to the `updates` channels by themselves (each on unless false). */
    autoUpdates: z
      .object({
        sev: z.boolean().optional(),
        mitigate: z.boolean().optional(),
        resolve: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof configSchema>;

export interface SeverityDef {
  level: Severity;
  label: string;
  description: string;
  updateEveryMinutes: number | null;
}

export const DEFAULT_SEVERITIES: Record<Severity, SeverityDef> = {
  SEV1: {
    level: 'SEV1',
    label: 'critical',
    description: 'most customers affected, data loss or exposure, SLA broken',
    updateEveryMinutes: 15,
  },
  SEV2: {
    level: 'SEV2',
    label: 'major',
    description: 'a core function badly impaired for many customers',
    updateEveryMinutes: 30,
  },
  SEV3: {
    level: 'SEV3',
    label: 'minor',
    description: 'partial loss, workaround exists, or could become SEV2',
    updateEveryMinutes: 60,
  },
  SEV4: {
    level: 'SEV4',
    label: 'low',
    description: 'degradation with no customer impact',
    updateEveryMinutes: null,
  },
};

/** The config every command sees: validated, defaults applied, paths absolute. */
export interface ResolvedConfig {
  /** Files the config came from, most specific first; empty with zero config. */
  sources: string[];
  runbookDirs: string[];
  contacts: Record<string, Contact>;
  severities: Record<Severity, SeverityDef>;
  templates: { postmortem?: string; escalation?: string; handoff?: string; update?: string };
  redact: string[];
  links: Record<string, string>;
  /** The share remote as written, and the folder a relative path is relative to. */
  share?: {
    remote: string;
    branch?: string;
    refs?: 'oncall' | 'branches';
    signing?: { format?: 'ssh' | 'openpgp'; key?: string; allowedSigners?: string };
    baseDir: string;
  };
  channels: Record<string, ChannelConfig>;
  updates: string[];
  /** `oncall shell`'s settings, when a file has any. */
  shell?: { prompt?: boolean };
  /** Always there: `--from pagerduty:…` works on the defaults (PD_API_TOKEN, api.pagerduty.com). */
  pagerduty: PagerDutyConfig;
  /** A config file has a `pagerduty:` section (doctor checks the token then). */
  pagerdutyConfigured: boolean;
  alertmanager?: AlertmanagerConfig;
  /** Most specific config first; each `path` absolute. */
  runbookUrls: RunbookUrlMapping[];
  /** A severity change, mitigate and resolve post a short update to `updates` (on unless turned off). */
  autoUpdates: AutoUpdates;
}

interface AutoUpdates {
  sev: boolean;
  mitigate: boolean;
  resolve: boolean;
}
