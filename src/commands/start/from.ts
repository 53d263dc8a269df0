// `oncall start --from …`: what the page or the alert already knows becomes
// the answers `start` would otherwise ask for (a flag the responder typed
// still wins), its labels the incident's labels, its runbook_url the runbook.
// When the source cannot be read, one line says why; on a terminal the
// questions follow, without one the flags to give instead are named (exit 2).
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { localClock } from '../../domain/incident/time.js';
import { parseFrom } from '../../domain/intake/from.js';
import type { FromAlert, Intake } from '../../domain/intake/intake.js';
import { sourceName } from '../../domain/render/describe.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { warn } from '../../infra/console/output.js';
import { pickAlert } from '../../terminal/intake/pick.js';
import { gatherIntake } from '../../use-cases/intake/gather.js';
import { runbookFromUrl } from '../../use-cases/intake/runbook.js';
import type { OptionsOf } from '../definition/program.js';
import type { startCommand } from './definition.js';

type StartOptions = OptionsOf<typeof startCommand>;

/** "From PagerDuty incident #1234: Checkout returns 500 · fired 01:58 · P1 → SEV1". */
function fromLine(ctx: Context, intake: Intake): string {
  const parts = [
    `From ${sourceName(intake.source)}: ${intake.title}`,
    ...(intake.alertedAt ? [`fired ${localClock(intake.alertedAt, ctx.env.TZ)}`] : []),
    ...(intake.severity ? [`${intake.severityWord ?? 'severity'} → ${intake.severity}`] : []),
  ];
  return parts.join(' · ');
}

/** The flags filled from the alert where the responder typed none; their own labels win. */
function withIntake(options: StartOptions, intake: Intake): StartOptions {
  const labels = Object.entries(intake.labels).map(([k, v]) => `${k}=${v}`);
  return {
    ...options,
    title: options.title ?? intake.title,
    service: options.service ?? intake.service,
    sev: options.sev ?? intake.severity,
    impact: options.impact ?? intake.impact,
    alert: options.alert ?? intake.alert,
    label: [...labels, ...options.label],
  };
}

/** The runbook_url as the runbook, unless the responder named one. */
async function withRunbook(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
  intake: Intake,
): Promise<StartOptions> {
  if (!intake.runbookUrl || options.runbookArg || options.runbook) return options;
  const found = await runbookFromUrl(ctx, config, intake.runbookUrl, intake.labels.alertname);
  if (found.file) {
    ctx.stderr.write(`${safeLine(found.line)}\n`);
    return { ...options, runbook: found.file };
  }
  warn(ctx, `${found.line}; matching a runbook by the alert's name instead`);
  return options;
}

/** Without a terminal, going on needs what the alert would have said: a title and a severity. */
function answeredByFlags(options: StartOptions): boolean {
  return Boolean((options.title?.trim() || options.alert?.trim()) && options.sev);
}

/**
 * `start`'s options with the alert's answers, and what the incident records
 * of the alert; the options as given when the source could not be read (and
 * the responder can be asked, or gave the flags).
 */
export async function fromSource(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
): Promise<{ options: StartOptions; from?: FromAlert }> {
  const spec = parseFrom(options.from ?? '');
  const gathered = await gatherIntake(ctx, config, spec, (groups) =>
    pickAlert(ctx, groups, options),
  );
  if (!gathered.ok) {
    const canAsk = ctx.interactive && options.input !== false;
    if (gathered.flag && !canAsk) throw new UsageError(gathered.problem);
    if (!canAsk && !answeredByFlags(options)) {
      throw new UsageError(
        `${gathered.problem}. Without a terminal, give what the alert would have said: --title "…" --sev SEV1..SEV4 (and --service, --alert, --label key=value)`,
      );
    }
    warn(ctx, `${gathered.problem}; starting without it${canAsk ? ': answer for the alert' : ''}`);
    const from = gathered.source ? { source: gathered.source, links: [] } : undefined;
    return { options, ...(from ? { from } : {}) };
  }
  const { intake, said } = gathered;
  ctx.stderr.write(`${safeLine(fromLine(ctx, intake))}\n`);
  for (const line of said) warn(ctx, line);
  const filled = await withRunbook(ctx, config, withIntake(options, intake), intake);
  return {
    options: filled,
    from: {
      source: intake.source,
      ...(intake.alertedAt ? { alertedAt: intake.alertedAt } : {}),
      links: intake.links,
      ...(intake.status ? { status: intake.status } : {}),
    },
  };
}
