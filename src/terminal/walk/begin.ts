// Between `oncall start` and the runbook walk-through: pick the runbook before
// the incident is declared (its frontmatter supplies service and severity),
// then attach it and walk it once the incident exists.

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { Severity } from '../../domain/incident/events.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { record } from '../../use-cases/journal/record.js';
import { askChoice } from '../ui/prompts.js';

/**
 * The flags of `oncall start` that choosing and walking the runbook read
 * (commands/definitions/start.ts declares them). Every key is required, so
 * renaming one of those flags fails to compile where start passes its options.
 */
interface BeginOptions {
  runbookArg: string | undefined;
  runbook: string | undefined;
  title: string | undefined;
  service: string | undefined;
  sev: Severity | undefined;
  alert: string | undefined;
  /** false with --no-input */
  input: boolean;
  /** false with --no-walk */
  walk: boolean;
  dryRun: boolean | undefined;
  /** --announce: with --dry-run, a preview of the announcement is enough without a runbook. */
  announce: boolean | undefined;
}

interface StartPlan {
  /** True when start has nothing more to do (e.g. --dry-run printed the steps). */
  done: boolean;
  /** What the runbook's frontmatter suggests. */
  defaults: { severity?: Severity; services?: readonly string[] };
  /** The runbook to attach and walk; undefined for none. */
  runbook?: Runbook;
}

const NO_TERMINAL_HINT =
  'No terminal: walk later with `oncall resume` in a terminal, or record steps with `oncall note`.';

/** True when a person can answer prompts and did not say --no-input. */
export function canAsk(ctx: Context, options: { input?: boolean }): boolean {
  return ctx.interactive && options.input !== false;
}

/**
 * The runbook: named (argument or --runbook), else matched by --alert/--service.
 * Several matches: a list to pick from, or without a terminal an error naming --runbook.
 */
async function chooseRunbook(
  ctx: Context,
  config: ResolvedConfig,
  options: BeginOptions,
): Promise<Runbook | undefined> {
  const { findRunbook, matchRunbooks, listRunbooks } = await import('../../infra/runbooks/find.js');
  const { loadRunbook } = await import('../../infra/runbooks/load.js');
  if (options.runbookArg && options.runbook && options.runbookArg !== options.runbook) {
    throw new UsageError(
      `two runbooks named: ${options.runbookArg} and --runbook ${options.runbook}; give one`,
    );
  }
  const named = options.runbookArg ?? options.runbook;
  if (named?.toLowerCase() === 'none') return undefined;
  if (named) return findRunbook(config, named, ctx.cwd);

  const ask = canAsk(ctx, options);
  if (options.alert || options.service) {
    const matches = matchRunbooks(config, { service: options.service, alert: options.alert });
    const [only] = matches;
    if (matches.length === 0) {
      const by = options.alert ? `alert ${options.alert}` : `service ${options.service}`;
      println(
        ctx,
        `No runbook matches ${by}; going on without one (\`oncall runbook list\` shows them).`,
      );
      return undefined;
    }
    if (matches.length === 1 && only) return loadRunbook(only.file);
    if (!ask) {
      throw new UsageError(
        `${matches.length} runbooks match (${matches.map((m) => m.id).join(', ')}); pick one with --runbook <id>, or --runbook none`,
      );
    }
    const id = await askChoice(ctx, {
      flag: '--runbook',
      message: 'Several runbooks match. Which one?',
      choices: [
        ...matches.map((m) => ({ value: m.id, name: `${m.title} (${m.id})` })),
        { value: '', name: 'No runbook: just keep the log' },
      ],
    });
    const picked = matches.find((m) => m.id === id);
    return picked ? loadRunbook(picked.file) : undefined;
  }
  // Nothing named or matched: with a terminal, offer the list (a newcomer finds
  // the bundled examples this way); without one, go on with the log only.
  if (!ask || options.dryRun) return undefined;
  const all = listRunbooks(config);
  if (!all.length) return undefined;
  const id = await askChoice(ctx, {
    flag: '--runbook',
    message: 'Which runbook? (or none)',
    choices: [
      { value: '', name: 'No runbook: just keep the log' },
      ...all.map((m) => ({ value: m.id, name: `${m.title} (${m.id})` })),
    ],
  });
  const picked = all.find((m) => m.id === id);
  return picked ? loadRunbook(picked.file) : undefined;
}

export async function beforeOpen(
  ctx: Context,
  config: ResolvedConfig,
  options: BeginOptions,
): Promise<StartPlan> {
  const runbook = await chooseRunbook(ctx, config, options);
  const defaults = {
    ...(runbook?.severity ? { severity: runbook.severity } : {}),
    ...(runbook?.services.length ? { services: runbook.services } : {}),
  };
  if (options.dryRun) {
    if (!runbook && options.announce) return { done: true, defaults };
    if (!runbook) {
      throw new UsageError('--dry-run needs a runbook: name one, or use --alert/--service');
    }
    const { printDryRun } = await import('./dry-run.js');
    await printDryRun(ctx, runbook, knownFromFlags(options, defaults));
    return { done: true, defaults, runbook };
  }
  return { done: false, defaults, ...(runbook ? { runbook } : {}) };
}

/** The predefined variables a dry run can already fill in from flags. */
function knownFromFlags(
  options: BeginOptions,
  defaults: StartPlan['defaults'],
): Record<string, string> {
  const known: Record<string, string> = {};
  const title = options.title?.trim();
  const service =
    options.service?.trim() || (defaults.services?.length === 1 ? defaults.services[0] : undefined);
  const severity = options.sev ?? defaults.severity;
  if (title) known.title = title;
  if (service) known.service = service;
  if (severity) known.severity = severity;
  if (options.alert) known.alert = options.alert;
  return known;
}

export function attachRunbook(
  ctx: Context,
  ref: IncidentRef,
  runbook: Runbook,
  options: { drill?: boolean } = {},
): void {
  const { id, title, file, hash } = runbook;
  record(ctx, ref, [{ type: 'runbook.attached', runbook: { id, title, file, hash } }], options);
}

export async function afterOpen(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  options: BeginOptions,
  plan: StartPlan,
): Promise<void> {
  const runbook = plan.runbook;
  if (!runbook) return;
  attachRunbook(ctx, ref, runbook);
  const attached = `Runbook attached: ${safeLine(runbook.title)} (${runbook.id}, ${runbook.steps.length} steps).`;
  if (options.walk === false) {
    println(ctx, `${attached} Walk it when ready: \`oncall resume\`.`);
    return;
  }
  if (!canAsk(ctx, options)) {
    println(ctx, attached);
    println(
      ctx,
      ctx.interactive
        ? 'Not walking (--no-input): walk it with `oncall resume`, or record steps with `oncall note`.'
        : NO_TERMINAL_HINT,
    );
    return;
  }
  const { walkRunbook } = await import('./loop.js');
  await walkRunbook(ctx, config, ref, runbook, { drill: false });
}
