// `oncall start`: declare the incident (its first event), announce it
// with --announce, then hand over to the runbook walk-through.

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { freeTextOf } from '../../domain/incident/free-text.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { scrubFields, type TextRedactor } from '../../domain/redact/scrub.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
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
import {
  acknowledgementFor,
  notAcknowledgedLine,
  sendAcknowledgement,
} from '../../use-cases/intake/acknowledge.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { stamp } from '../../use-cases/journal/record.js';
import {
  type Declaration,
  gatherDeclaration,
  type StartOptions,
  type Suggested,
  serviceSaid,
} from './declaration.js';
import { openAlready } from './open-already.js';

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
      ...(d.alertedAt ? { alertedAt: d.alertedAt } : {}),
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
  suggested: Suggested,
): Promise<void> {
  const declaration = redactDeclaration(
    redactorFor(config, ctx.env),
    await gatherDeclaration(ctx, config, options, suggested),
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

function printOpened(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  d: Declaration,
  acknowledging: boolean,
): void {
  const now = ctx.now();
  const tz = ctx.env.TZ;
  const due = nextUpdateDue(config.severities, d.severity, now);
  // Often read on a phone at 2am: fitted to the screen like the walk that follows.
  printFitted(ctx, `Incident ${ref.id} opened: ${d.severity} · ${safeLine(d.title)}`);
  // Declared, not "acknowledged", unless the page itself was acknowledged (`--from`).
  const alerted = d.alertedAt;
  const since = alerted
    ? `${formatDuration(Math.max(0, now.getTime() - Date.parse(alerted)))} after the alert fired (${localClock(alerted, tz)})`
    : '';
  const declared = acknowledging
    ? `Acknowledged at ${localClock(now, tz)}${since ? `, ${since}` : ''}.`
    : `Declared at ${localClock(now, tz)}${since ? `, ${since}` : ''}.`;
  printFitted(
    ctx,
    `${declared} ${due ? `First status update due by ${localClock(due, tz)}.` : 'No update cadence at this severity.'}`,
  );
  printFitted(ctx, `Log: ${ref.file}`);
  printFitted(
    ctx,
    'Next: `oncall note "what you see"` from any terminal; `oncall status` for the clock.',
  );
}

export async function start(ctx: Context, options: StartOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  // An incident still open: work on it, or open another (asked; else --new says so).
  if (!options.dryRun && !options.new && (await openAlready(ctx, config, options))) return;
  // From the page or the alert: its answers become the flags a responder would type.
  const intake = options.from
    ? await (await import('./from.js')).fromSource(ctx, config, options)
    : undefined;
  if (intake) options = intake.options;
  const { beforeOpen, afterOpen } = await import('../../terminal/walk/begin.js');
  // The runbook is chosen first: its frontmatter can supply service and severity.
  // The service the responder or the alert said finds it, and wins over the runbook's.
  const plan = await beforeOpen(ctx, config, { ...options, service: serviceSaid(options) });
  const title = options.alert || plan.runbook?.title;
  // When the alert fired, as the page or the alert says it (a typed --alerted-at wins).
  const alertedAt = intake?.from?.alertedAt;
  const suggested: Suggested = {
    ...plan.defaults,
    ...(plan.runbook ? { runbook: plan.runbook.id } : {}),
    ...(title ? { title } : {}),
    ...(alertedAt ? { alertedAt } : {}),
  };
  if (plan.done) {
    if (options.dryRun && options.announce) {
      await previewAnnouncement(ctx, config, options, suggested);
    }
    return;
  }
  const declaration = redactDeclaration(redactorFor(config, ctx.env), {
    ...(await gatherDeclaration(ctx, config, options, suggested)),
    ...(intake?.from ? { from: intake.from } : {}),
  });
  const { ref, activation, acknowledging } = openIncident(ctx, config, declaration);
  printOpened(ctx, config, ref, declaration, acknowledging);
  sayWhereNotesGo(ctx, ref, activation);
  const acked = acknowledging ? await sendAcknowledgement(ctx, config, ref) : [];
  const left = declaration.from ? notAcknowledgedLine(declaration.from) : undefined;
  for (const line of left ? [...acked, left] : acked) ctx.stderr.write(`${safeLine(line)}\n`);
  if (options.announce) {
    const { announceIncident } = await import('../../use-cases/publish/announce.js');
    const { showText } = await import('../../terminal/ui/show-text.js');
    const show = (text: string) => showText(ctx, text);
    await announceIncident(ctx, config, ref, readLog(ref.file).events, false, show);
  }
  await afterOpen(ctx, config, ref, options, plan);
}
