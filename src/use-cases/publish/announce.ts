// `oncall start --announce`: "I'm on it", posted to the `updates` channels as
// the incident's first status update (so the update clock starts with it).

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { updateMessage } from '../../domain/delivery/message.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { foldIncident } from '../../domain/incident/fold.js';
import { zoneOf } from '../../domain/incident/time.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { headerOf } from '../../domain/render/facts.js';
import { updateModel } from '../../domain/render/models.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { type Loaded, publish } from './publish.js';
import { updateRoutes } from './reach.js';

/**
 * Posts (or with `dryRun` previews) the first update of the incident whose
 * events are given (read back from its log, or for a dry run only imagined),
 * and says on stderr where it went.
 */
export async function announceIncident(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  events: OncallEvent[],
  dryRun: boolean,
  show?: (text: string) => void,
): Promise<void> {
  const state = foldIncident(events);
  const input = { state, events, config, now: ctx.now(), tz: zoneOf(ctx.env) };
  const redactor = redactorFor(config, ctx.env);
  const lines = await announce(ctx, { ref, events, state, config, input, redactor }, dryRun, show);
  for (const line of lines) ctx.stderr.write(`${safeLine(line)}\n`);
}

async function announce(
  ctx: Context,
  loaded: Loaded,
  dryRun: boolean,
  show?: (text: string) => void,
): Promise<string[]> {
  const { config, input, state } = loaded;
  const commander = headerOf(input).commander;
  const text = `${commander} is on it as incident commander and investigating.`;
  const due = nextUpdateDue(config.severities, state.severity, input.now);
  const model = updateModel(input, { text, nextUpdateDue: due });
  const { routes, warnings } = updateRoutes(config, true);
  if (!routes.length && !dryRun) {
    return [
      ...warnings.map((w) => `warning: ${w}`),
      '--announce: no `updates` channels in config; nothing posted (see README: PagerDuty and Slack in five minutes).',
    ];
  }
  const { sent } = await publish(ctx, loaded, {
    name: 'update',
    model,
    event: (message) => ({ type: 'update.sent', text, message, nextUpdateDue: due }),
    delivery: { routes, message: (event, message) => updateMessage(model, event, message) },
    dryRun,
    show,
  });
  return [...warnings.map((w) => `warning: ${w}`), ...sent];
}
