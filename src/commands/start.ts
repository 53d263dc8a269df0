// `oncall start`: declare the incident, record the acknowledgement, announce it
// with --announce, then hand over to the runbook walk-through.
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Context } from '../context.js';
import { actorOf } from '../context.js';
import { nextUpdateDue } from '../incident/cadence.js';
import type { OncallEvent } from '../incident/events.js';
import { SEVERITIES, type Severity } from '../incident/events.js';
import { foldIncident } from '../incident/fold.js';
import { localClock, parseWhen, zoneOf } from '../incident/time.js';
import { homeOf } from '../services/journal.js';
import {
  activateNewIncident,
  createIncident,
  type IncidentRef,
  incidentIdFor,
  refOf,
} from '../store/incidents.js';
import { makeEvent, readLog } from '../store/log.js';
import type { Loaded } from '../texts/publish.js';
import { println } from '../ui/output.js';
import { askChoice, askText } from '../ui/prompts.js';
import type { OptionsOf } from './definitions/program.js';
import type { startCommand } from './definitions/start.js';

type StartOptions = OptionsOf<typeof startCommand>;

interface Declaration {
  title: string;
  service?: string;
  severity: Severity;
  impact?: string;
  startedAt?: string;
  detectedAt?: string;
  alert?: string;
}

/** Answers from flags; with a terminal (and without --no-input) the missing ones are asked. */
async function gatherDeclaration(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
  defaults: { severity?: Severity; service?: string } = {},
): Promise<Declaration> {
  const promptCtx = options.input === false ? { ...ctx, interactive: false } : ctx;
  const canAsk = promptCtx.interactive;
  const now = ctx.now();

  const title =
    options.title?.trim() ||
    (await askText(promptCtx, { flag: '--title', message: 'What is broken? (one line)' }));

  let service = options.service?.trim() || defaults.service;
  if (!service && canAsk) {
    service =
      (await askText(ctx, {
        flag: '--service',
        message: 'Which service? (blank if unknown)',
        required: false,
      })) || undefined;
  }

  let severity: Severity;
  if (options.sev) severity = options.sev;
  else if (!canAsk && defaults.severity) severity = defaults.severity;
  else {
    severity = await askChoice<Severity>(promptCtx, {
      flag: '--sev',
      message: 'Severity? If unsure, pick the higher one.',
      default: defaults.severity,
      choices: SEVERITIES.map((level) => {
        const def = config.severities[level];
        return { value: level, name: `${level} ${def.label}: ${def.description}` };
      }),
    });
  }

  let impact = options.impact?.trim();
  if (!impact && canAsk) {
    impact =
      (await askText(ctx, {
        flag: '--impact',
        message: 'Impact: who is affected, what do they see? (blank if not known yet)',
        required: false,
      })) || undefined;
  }

  let startedAtText = options.startedAt;
  if (!startedAtText && canAsk) {
    startedAtText =
      (await askText(ctx, {
        flag: '--started-at',
        message: 'When did it start? (HH:MM, ISO time, "20m ago"; blank = now)',
        required: false,
      })) || undefined;
  }
  const startedAt = startedAtText
    ? parseWhen(startedAtText, now, '--started-at').toISOString()
    : undefined;
  const detectedAt = options.detectedAt
    ? parseWhen(options.detectedAt, now, '--detected-at').toISOString()
    : undefined;

  return { title, service, severity, impact, startedAt, detectedAt, alert: options.alert };
}

/** The incident's first event, as of now. */
function openedEvent(
  ctx: Context,
  config: ResolvedConfig,
  id: string,
  d: Declaration,
): OncallEvent {
  const now = ctx.now();
  return makeEvent(
    {
      type: 'incident.opened',
      title: d.title,
      severity: d.severity,
      ...(d.service ? { service: d.service } : {}),
      ...(d.impact ? { impact: d.impact } : {}),
      ...(d.startedAt ? { startedAt: d.startedAt } : {}),
      ...(d.detectedAt ? { detectedAt: d.detectedAt } : {}),
      ...(d.alert ? { alert: d.alert } : {}),
      nextUpdateDue: nextUpdateDue(config.severities, d.severity, now),
    },
    { incident: id, actor: actorOf(ctx.env), now },
  );
}

/** Writes the incident's first event and makes it the active incident. */
function openIncident(ctx: Context, config: ResolvedConfig, d: Declaration): IncidentRef {
  const home = homeOf(ctx);
  const ref = createIncident(home, incidentIdFor(d.title, ctx.now()), (id) => [
    openedEvent(ctx, config, id, d),
  ]);
  activateNewIncident(home, ref);
  return ref;
}

/** The incident as the words about it need it: read back from disk, or (a dry run) only imagined. */
function loadedFor(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  events: OncallEvent[],
): Loaded {
  const input = {
    state: foldIncident(events),
    events,
    config,
    now: ctx.now(),
    tz: zoneOf(ctx.env),
  };
  return { ref, events, state: input.state, config, input };
}

/** --announce: "I'm on it" to the `updates` channels; with --dry-run, the requests only. */
async function announceOpened(
  ctx: Context,
  config: ResolvedConfig,
  d: Declaration,
  ref?: IncidentRef,
): Promise<void> {
  const { announce } = await import('../texts/announce.js');
  const id = ref?.id ?? incidentIdFor(d.title, ctx.now());
  const events = ref ? readLog(ref.file).events : [openedEvent(ctx, config, id, d)];
  const loaded = loadedFor(ctx, config, ref ?? refOf(homeOf(ctx), id), events);
  for (const line of await announce(ctx, loaded, !ref)) ctx.stderr.write(`${line}\n`);
}

function printOpened(ctx: Context, config: ResolvedConfig, ref: IncidentRef, d: Declaration): void {
  const now = ctx.now();
  const tz = ctx.env.TZ;
  const due = nextUpdateDue(config.severities, d.severity, now);
  println(ctx, `Incident ${ref.id} opened: ${d.severity} · ${d.title}`);
  println(
    ctx,
    `Acknowledged at ${localClock(now, tz)}. ${due ? `First status update due by ${localClock(due, tz)}.` : 'No update cadence at this severity.'}`,
  );
  println(ctx, `Log: ${ref.file}`);
  println(
    ctx,
    'Next: `oncall note "what you see"` from any terminal; `oncall status` for the clock.',
  );
}

export async function start(ctx: Context, options: StartOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const { beforeOpen, afterOpen } = await import('../walk/begin.js');
  // The runbook is chosen first: its frontmatter can supply service and severity.
  const plan = await beforeOpen(ctx, config, options);
  if (plan.done) {
    if (options.dryRun && options.announce) {
      await announceOpened(
        ctx,
        config,
        await gatherDeclaration(ctx, config, options, plan.defaults),
      );
    }
    return;
  }
  const declaration = await gatherDeclaration(ctx, config, options, plan.defaults);
  const ref = openIncident(ctx, config, declaration);
  printOpened(ctx, config, ref, declaration);
  if (options.announce) await announceOpened(ctx, config, declaration, ref);
  await afterOpen(ctx, config, ref, options, plan);
}
