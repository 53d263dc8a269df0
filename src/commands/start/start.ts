// `oncall start`: declare the incident, record the acknowledgement, announce it
// with --announce, then hand over to the runbook walk-through.

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import { type OncallEvent, SEVERITIES, type Severity } from '../../domain/incident/events.js';
import { freeTextOf } from '../../domain/incident/free-text.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import { parseWhen } from '../../domain/incident/when.js';
import type { FromAlert } from '../../domain/intake/intake.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { scrubFields, type TextRedactor } from '../../domain/redact/scrub.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { warn } from '../../infra/console/output.js';
import {
  type Activation,
  activateNewIncident,
  createIncident,
  type IncidentRef,
  incidentIdFor,
  refOf,
} from '../../infra/store/incidents.js';
import { findInTail, readLog } from '../../infra/store/log.js';
import { printFitted } from '../../terminal/ui/fitted.js';
import { askChoice, askText } from '../../terminal/ui/prompts.js';
import {
  acknowledgementFor,
  notAcknowledgedLine,
  sendAcknowledgement,
} from '../../use-cases/intake/acknowledge.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { stamp } from '../../use-cases/journal/record.js';
import type { OptionsOf } from '../definition/program.js';
import type { startCommand } from './definition.js';

type StartOptions = OptionsOf<typeof startCommand>;

interface Declaration {
  title: string;
  service?: string;
  severity: Severity;
  impact?: string;
  startedAt?: string;
  detectedAt?: string;
  alert?: string;
  labels?: Record<string, string>;
  /** Where it came from (`--from`): the source, when the alert fired, its links. */
  from?: FromAlert;
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
 * (on a terminal) with a blank for "unknown". `--service ''` answers "unknown"
 * as a blank answer does: not asked.
 */
async function optionalAnswer(
  ctx: Context,
  canAsk: boolean,
  given: string | undefined,
  fallback: string | undefined,
  q: { flag: string; message: string },
): Promise<string | undefined> {
  const answer = given?.trim() || fallback;
  if (answer || given !== undefined || !canAsk) return answer;
  return (await askText(ctx, { ...q, required: false })) || undefined;
}

/** Answers from flags; with a terminal (and without --no-input) the missing ones are asked. */
async function gatherDeclaration(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
  defaults: { severity?: Severity; service?: string; title?: string } = {},
): Promise<Declaration> {
  // --no-input: nothing is asked, even on a terminal.
  const noInput = options.input === false;
  const canAsk = !noInput && ctx.interactive;
  const labels = labelsOf(options.label);

  const title = await titleOf(ctx, options, defaults.title);

  const service = await optionalAnswer(ctx, canAsk, options.service, defaults.service, {
    flag: '--service',
    message: 'Which service? (blank if unknown)',
  });

  let severity: Severity;
  if (options.sev) severity = options.sev;
  else if (!canAsk && defaults.severity) severity = defaults.severity;
  else {
    severity = await askChoice<Severity>(ctx, {
      noInput,
      flag: '--sev',
      message: 'Severity? If unsure, pick the higher one.',
      default: defaults.severity,
      choices: SEVERITIES.map((level) => {
        const def = config.severities[level];
        return { value: level, name: `${level} ${def.label}: ${def.description}` };
      }),
    });
  }

  const impact = await optionalAnswer(ctx, canAsk, options.impact, undefined, {
    flag: '--impact',
    message: 'Impact: who is affected, what do they see? (blank if not known yet)',
  });

  const times = await gatherTimes(ctx, options, canAsk);
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

/**
 * When it began (asked, "blank = now", as `--started-at ''` says) and when it
 * was noticed. An alert just fired: it started about now unless --started-at
 * says otherwise, so the responder is not asked (three Enters to step 1).
 */
async function gatherTimes(
  ctx: Context,
  options: StartOptions,
  canAsk: boolean,
): Promise<Pick<Declaration, 'startedAt' | 'detectedAt'>> {
  let startedAtText = options.startedAt;
  if (startedAtText === undefined && canAsk && !options.alert) {
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
  if (startedAt && detectedAt && detectedAt < startedAt) {
    throw new UsageError(
      `--detected-at ${options.detectedAt} is before --started-at ${startedAtText}: it cannot have been noticed before it began`,
    );
  }
  return { startedAt, detectedAt };
}

/**
 * The declaration with its free text redacted before anything is made of it:
 * the title names the incident's folder and id, which are never rewritten.
 */
function redactDeclaration(redactor: TextRedactor, d: Declaration): Declaration {
  return scrubFields(d, freeTextOf('incident.opened'), redactor);
}

/** The incident's first event, as of now, stamped by the recorder like every other. */
function openedEvent(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  d: Declaration,
): OncallEvent {
  const now = ctx.now();
  return stamp(
    ctx,
    ref,
    {
      type: 'incident.opened',
      title: d.title,
      severity: d.severity,
      ...(d.service ? { service: d.service } : {}),
      ...(d.impact ? { impact: d.impact } : {}),
      ...(d.startedAt ? { startedAt: d.startedAt } : {}),
      ...(d.detectedAt ? { detectedAt: d.detectedAt } : {}),
      ...(d.from?.alertedAt ? { alertedAt: d.from.alertedAt } : {}),
      ...(d.alert ? { alert: d.alert } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
      ...(d.from ? { source: d.from.source } : {}),
      ...(d.from?.links.length ? { links: d.from.links } : {}),
      nextUpdateDue: nextUpdateDue(config.severities, d.severity, now),
    },
    { now, redactor: redactorFor(config, ctx.env) },
  );
}

function openIncident(
  ctx: Context,
  config: ResolvedConfig,
  d: Declaration,
): { ref: IncidentRef; activation: Activation; acknowledging: boolean } {
  const home = homeOf(ctx);
  let acknowledging = false;
  const ref = createIncident(home, incidentIdFor(d.title, ctx.now()), (id) => {
    const opened = openedEvent(ctx, config, refOf(home, id), d);
    // The page's acknowledgement goes into the log with the opening: it is sent once, whatever happens next.
    const ack = acknowledgementFor(ctx, config, refOf(home, id), opened, d.from);
    acknowledging = ack !== undefined;
    return ack ? [opened, ack] : [opened];
  });
  return { ref, activation: activateNewIncident(home, ref), acknowledging };
}

/** --announce with --dry-run: the requests the announcement would make, for an incident not opened. */
async function previewAnnouncement(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
  defaults: Parameters<typeof gatherDeclaration>[3],
): Promise<void> {
  const declaration = redactDeclaration(
    redactorFor(config, ctx.env),
    await gatherDeclaration(ctx, config, options, defaults),
  );
  const ref = refOf(homeOf(ctx), incidentIdFor(declaration.title, ctx.now()));
  const { announceIncident } = await import('../../use-cases/publish/announce.js');
  const opened = openedEvent(ctx, config, ref, declaration);
  await announceIncident(ctx, config, ref, [opened], true);
}

/**
 * Other terminals' notes follow the active pointer: when this start moved it
 * off an open incident, or another start moved it on in the same instant,
 * say where notes now go and how to switch.
 */
function sayWhereNotesGo(ctx: Context, ref: IncidentRef, activation: Activation): void {
  const { active, replaced } = activation;
  if (active && active !== ref.id) {
    warn(
      ctx,
      `another terminal made ${active} active just now: notes now go there; \`oncall use ${ref.id}\` to switch to this one`,
    );
    return;
  }
  if (!replaced) return;
  const resolved = findInTail(
    refOf(homeOf(ctx), replaced).file,
    /"incident\.resolved"/,
    (e) => e.type === 'incident.resolved',
  );
  if (resolved) return;
  warn(
    ctx,
    `${replaced} is still open; notes now go to ${ref.id}; \`oncall use ${replaced}\` to switch back`,
  );
}

function printOpened(ctx: Context, config: ResolvedConfig, ref: IncidentRef, d: Declaration): void {
  const now = ctx.now();
  const tz = ctx.env.TZ;
  const due = nextUpdateDue(config.severities, d.severity, now);
  // Often read on a phone at 2am: fitted to the screen like the walk that follows.
  printFitted(ctx, `Incident ${ref.id} opened: ${d.severity} · ${safeLine(d.title)}`);
  const alerted = d.from?.alertedAt;
  const after = alerted
    ? `, ${formatDuration(Math.max(0, now.getTime() - Date.parse(alerted)))} after the alert fired (${localClock(alerted, tz)})`
    : '';
  printFitted(
    ctx,
    `Acknowledged at ${localClock(now, tz)}${after}. ${due ? `First status update due by ${localClock(due, tz)}.` : 'No update cadence at this severity.'}`,
  );
  printFitted(ctx, `Log: ${ref.file}`);
  printFitted(
    ctx,
    'Next: `oncall note "what you see"` from any terminal; `oncall status` for the clock.',
  );
}

export async function start(ctx: Context, options: StartOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  // From the page or the alert: its answers become the flags a responder would type.
  const intake = options.from
    ? await (await import('./from.js')).fromSource(ctx, config, options)
    : undefined;
  if (intake) options = intake.options;
  const { beforeOpen, afterOpen } = await import('../../terminal/walk/begin.js');
  // The runbook is chosen first: its frontmatter can supply service and severity.
  const plan = await beforeOpen(ctx, config, options);
  const title = options.alert || plan.runbook?.title;
  const defaults = { ...plan.defaults, ...(title ? { title } : {}) };
  if (plan.done) {
    if (options.dryRun && options.announce) {
      await previewAnnouncement(ctx, config, options, defaults);
    }
    return;
  }
  const declaration = redactDeclaration(redactorFor(config, ctx.env), {
    ...(await gatherDeclaration(ctx, config, options, defaults)),
    ...(intake?.from ? { from: intake.from } : {}),
  });
  const { ref, activation, acknowledging } = openIncident(ctx, config, declaration);
  printOpened(ctx, config, ref, declaration);
  sayWhereNotesGo(ctx, ref, activation);
  const acked = acknowledging ? await sendAcknowledgement(ctx, config, ref) : [];
  const left = declaration.from ? notAcknowledgedLine(declaration.from) : undefined;
  for (const line of left ? [...acked, left] : acked) ctx.stderr.write(`${safeLine(line)}\n`);
  if (options.announce) {
    const { announceIncident } = await import('../../use-cases/publish/announce.js');
    await announceIncident(ctx, config, ref, readLog(ref.file).events, false);
  }
  await afterOpen(ctx, config, ref, options, plan);
}
