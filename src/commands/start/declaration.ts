// What `oncall start` declares: the answers from flags, the alert's labels and
// the runbook's frontmatter, and on a terminal the questions for the rest.
// What the responder or the alert said wins over what the runbook suggests.
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { SEVERITIES, type Severity } from '../../domain/incident/events.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import { parseWhen, SKEW_MS } from '../../domain/incident/when.js';
import type { FromAlert } from '../../domain/intake/intake.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { warn } from '../../infra/console/output.js';
import { askChoice, askText } from '../../terminal/ui/prompts.js';
import type { OptionsOf } from '../definition/program.js';
import type { startCommand } from './definition.js';

export type StartOptions = OptionsOf<typeof startCommand>;

export interface Declaration {
  title: string;
  service?: string;
  severity: Severity;
  impact?: string;
  startedAt?: string;
  detectedAt?: string;
  alertedAt?: string;
  alert?: string;
  labels?: Record<string, string>;
  /** Where it came from (`--from`): the source, when the alert fired, its links. */
  from?: FromAlert;
}

/** What the runbook chosen suggests, and the title offered. */
export interface Suggested {
  severity?: Severity;
  /** The runbook's services: one is taken, several are asked about. */
  services?: readonly string[];
  runbook?: string;
  title?: string;
  /**
   * When the alert fired, as the page or the alert says (ISO): taken as it
   * is, not as a typed time (a long-firing alert is older than the window
   * typed times are held to), unless it is ahead of this machine's clock.
   */
  alertedAt?: string;
}

/** `--label namespace=web` (repeatable) as a record; a word without `=` is a mistake. */
function labelsOf(texts: readonly string[]): Record<string, string> | undefined {
  if (!texts.length) return undefined;
  const labels: Record<string, string> = {};
  for (const text of texts) {
    const at = text.indexOf('=');
    const key = text.slice(0, at).trim();
    if (at < 1 || !key) {
      throw new UsageError(`--label ${text}: write it as key=value, e.g. --label namespace=web`);
    }
    labels[key] = text.slice(at + 1);
  }
  return labels;
}

/** The alert's labels that name the service, most telling first (any case: `Service=`). */
const SERVICE_LABELS = [
  'service',
  'service_name',
  'service.name',
  'app',
  'application',
  'app.kubernetes.io/name',
];

/** The service as said: `--service` (even '': unknown), else the alert's label. */
export function serviceSaid(options: StartOptions): string | undefined {
  if (options.service !== undefined) return options.service;
  const labels = new Map(
    Object.entries(labelsOf(options.label) ?? {}).map(([k, v]) => [k.toLowerCase(), v.trim()]),
  );
  return SERVICE_LABELS.map((k) => labels.get(k)).find((v) => v);
}

/** The title: --title, else asked, the alert (or the runbook it matched) offered: Enter takes it. */
async function titleOf(
  ctx: Context,
  options: StartOptions,
  offered: string | undefined,
): Promise<string> {
  const given = options.title?.trim();
  if (given) return given;
  const noInput = options.input === false;
  if ((noInput || !ctx.interactive) && options.alert?.trim()) return options.alert.trim();
  return askText(ctx, {
    noInput,
    flag: '--title',
    message: 'What is broken? (one line)',
    ...(offered ? { default: offered } : {}),
  });
}

/**
 * An answer that may be unknown: the flag's value, else `fallback`, else asked
 * (on a terminal) with a blank for "unknown". `--impact ''` answers "unknown"
 * as a blank answer does: not asked.
 */
async function optionalAnswer(
  ctx: Context,
  canAsk: boolean,
  given: string | undefined,
  q: { flag: string; message: string },
): Promise<string | undefined> {
  const answer = given?.trim();
  if (answer || given !== undefined || !canAsk) return answer || undefined;
  return (await askText(ctx, { ...q, required: false })) || undefined;
}

/**
 * The service: said (`--service`, the alert's label), else the runbook's only
 * one; a runbook of several is asked about, and without a terminal the flag
 * is named rather than one picked for the responder.
 */
async function serviceOf(
  ctx: Context,
  canAsk: boolean,
  options: StartOptions,
  suggested: Suggested,
): Promise<string | undefined> {
  const said = serviceSaid(options);
  if (said !== undefined) return said.trim() || undefined;
  const services = suggested.services ?? [];
  if (services.length === 1) return services[0];
  const question = { flag: '--service', message: 'Which service? (blank if unknown)' };
  if (services.length === 0) return optionalAnswer(ctx, canAsk, undefined, question);
  if (!canAsk) {
    throw new UsageError(
      `runbook ${suggested.runbook ?? ''} covers ${services.map(safeLine).join(', ')}: say which with --service <name> (--service '' if unknown)`,
    );
  }
  const picked = await askChoice(ctx, {
    flag: '--service',
    message: 'Which service? The runbook covers several.',
    choices: [
      ...services.map((s) => ({ value: s, name: safeLine(s) })),
      { value: '', name: 'Another one, or not known' },
    ],
  });
  return picked || optionalAnswer(ctx, canAsk, undefined, question);
}

/** Answers from flags; with a terminal (and without --no-input) the missing ones are asked. */
export async function gatherDeclaration(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
  suggested: Suggested = {},
): Promise<Declaration> {
  // --no-input: nothing is asked, even on a terminal.
  const noInput = options.input === false;
  const canAsk = !noInput && ctx.interactive;
  const labels = labelsOf(options.label);

  const title = await titleOf(ctx, options, suggested.title);
  const service = await serviceOf(ctx, canAsk, options, suggested);

  let severity: Severity;
  if (options.sev) severity = options.sev;
  else if (!canAsk && suggested.severity) severity = suggested.severity;
  else {
    severity = await askChoice<Severity>(ctx, {
      noInput,
      flag: '--sev',
      message: 'Severity? If unsure, pick the higher one.',
      default: suggested.severity,
      choices: SEVERITIES.map((level) => {
        const def = config.severities[level];
        return { value: level, name: `${level} ${def.label}: ${def.description}` };
      }),
    });
  }

  const impact = await optionalAnswer(ctx, canAsk, options.impact, {
    flag: '--impact',
    message: 'Impact: who is affected, what do they see? (blank if not known yet)',
  });

  const times = await gatherTimes(ctx, options, canAsk, suggested.alertedAt);
  return {
    title,
    service,
    severity,
    impact,
    ...times,
    alert: options.alert,
    ...(labels ? { labels } : {}),
  };
}

/** A time flag's value as an instant; a daylight-saving notice is said on stderr. */
function instantOf(ctx: Context, text: string, flag: string): string {
  const when = parseWhen(text, { now: ctx.now(), flag, tz: ctx.env.TZ });
  if (when.notice) warn(ctx, when.notice);
  return when.at.toISOString();
}

type Times = Pick<Declaration, 'startedAt' | 'detectedAt' | 'alertedAt'>;

/**
 * The alert's own start time: as its source says, however long ago, but never
 * after now: a clock ahead of this machine's (Prometheus's, PagerDuty's) would
 * make time to acknowledge negative, so it counts from now, and says so.
 */
function sourceTime(ctx: Context, iso: string): string {
  const now = ctx.now();
  const ahead = Date.parse(iso) - now.getTime();
  if (!(ahead > SKEW_MS)) return iso;
  warn(
    ctx,
    `the alert says it fired at ${iso}, ${formatDuration(ahead)} ahead of this machine's clock; counted as fired now (check this machine's clock)`,
  );
  return now.toISOString();
}

/**
 * When it began (asked, "blank = now", as `--started-at ''` says) and when it
 * was noticed. From an alert: when it fired is asked instead (Enter: now), so
 * time to acknowledge is measured, and it began no later than that.
 */
async function gatherTimes(
  ctx: Context,
  options: StartOptions,
  canAsk: boolean,
  fromSource: string | undefined,
): Promise<Times> {
  let startedAtText = options.startedAt;
  let alertedAtText = options.alertedAt;
  const sourceAlertedAt =
    alertedAtText === undefined && fromSource ? sourceTime(ctx, fromSource) : undefined;
  let offered: string | undefined;
  if (canAsk && options.alert && alertedAtText === undefined && !sourceAlertedAt) {
    offered = localClock(ctx.now(), ctx.env.TZ);
    alertedAtText = await askText(ctx, {
      flag: '--alerted-at',
      message: 'When did the alert fire? (HH:MM, ISO time, "20m ago")',
      default: offered,
      required: false,
    });
  } else if (startedAtText === undefined && canAsk && !options.alert) {
    startedAtText = await askText(ctx, {
      flag: '--started-at',
      message: 'When did it start? (HH:MM, ISO time, "20m ago"; blank = now)',
      required: false,
    });
  }
  const startedAt = startedAtText?.trim()
    ? instantOf(ctx, startedAtText, '--started-at')
    : undefined;
  const detectedAt = options.detectedAt
    ? instantOf(ctx, options.detectedAt, '--detected-at')
    : undefined;
  // The default taken as offered is the instant it stood for: now, to the millisecond.
  const alertedAt =
    offered !== undefined && alertedAtText === offered
      ? ctx.now().toISOString()
      : alertedAtText?.trim()
        ? instantOf(ctx, alertedAtText, '--alerted-at')
        : sourceAlertedAt;
  for (const [at, given, what] of [
    [detectedAt, `--detected-at ${options.detectedAt}`, 'been noticed'],
    [
      alertedAt,
      alertedAtText?.trim() ? `--alerted-at ${alertedAtText}` : `the alert's start (${alertedAt})`,
      'fired',
    ],
  ] as const) {
    if (startedAt && at && at < startedAt) {
      throw new UsageError(
        `${given} is before --started-at ${startedAtText}: it cannot have ${what} before it began`,
      );
    }
  }
  return { startedAt, detectedAt, ...(alertedAt ? { alertedAt } : {}) };
}
