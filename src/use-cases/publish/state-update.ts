// A severity change, a mitigation and a resolution tell the room by
// themselves: a short status update posted to the `updates` channels, as
// `oncall update` would post it (so the update clock restarts with it).
// Turned off per kind in config (`autoUpdates`), or for one command with
// `--no-post`; with no `updates` channel nothing is recorded.
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { updateMessage } from '../../domain/delivery/message.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import type { Severity } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { zoneOf } from '../../domain/incident/time.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { updateModel } from '../../domain/render/models.js';
import { loadIncident } from '../journal/load.js';
import { publish } from './publish.js';
import { updateRoutes } from './reach.js';

/** What changed, for the words of the update. */
type StateChange =
  | { kind: 'sev'; from: Severity; to: Severity; reason?: string }
  | { kind: 'mitigate'; summary?: string }
  | { kind: 'resolve'; summary?: string };

const RANK: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

/** The update's one sentence or two: what changed, and what it means now. */
function changeText(change: StateChange, config: Pick<ResolvedConfig, 'severities'>): string {
  const said = (text: string | undefined) => (text?.trim() ? `: ${text.trim()}` : '');
  if (change.kind === 'sev') {
    const way = RANK[change.to] < RANK[change.from] ? 'raised' : 'lowered';
    const label = config.severities[change.to]?.label;
    return `Severity ${way} to ${change.to}${label ? ` (${label})` : ''}, from ${change.from}${said(change.reason)}.`;
  }
  if (change.kind === 'mitigate')
    return `Mitigated${said(change.summary)}. The impact has stopped; we are watching that it holds.`;
  return `Resolved${said(change.summary)}. The incident is over.`;
}

interface Posted {
  /** What to show on stderr: none when turned off or no `updates` channel is configured. */
  lines: string[];
  /** When posted: the next update it promised (null: none). */
  due?: string | null;
}

/**
 * Posts the update for a change just recorded (the incident is read again, so
 * the update says the new state).
 */
export async function postStateUpdate(
  ctx: Context,
  config: ResolvedConfig,
  options: { incident?: string; post: boolean },
  change: StateChange,
): Promise<Posted> {
  if (!options.post || !config.autoUpdates[change.kind]) return { lines: [] };
  const { routes, warnings } = updateRoutes(config, true);
  const said = warnings.map((w) => `warning: ${w}`);
  if (!routes.length) return { lines: said };
  const loaded = loadIncident(ctx, options, { quiet: true });
  const state: IncidentState = loaded.state;
  const now = ctx.now();
  const input = { state, events: loaded.events, config, now, tz: zoneOf(ctx.env) };
  const redactor = redactorFor(config, ctx.env);
  const text = redactor.text(changeText(change, config));
  const due =
    state.status === 'resolved' ? null : nextUpdateDue(config.severities, state.severity, now);
  const model = updateModel(input, { text, nextUpdateDue: due });
  const { sent } = await publish(
    ctx,
    { ...loaded, config, input, redactor },
    {
      name: 'update',
      model,
      event: (message) => ({ type: 'update.sent', text, message, nextUpdateDue: due }),
      delivery: { routes, message: (event, message) => updateMessage(model, event, message) },
      // The command says what changed; the update is what the room reads.
      print: false,
    },
  );
  return { lines: [...said, `Status update: ${text}`, ...sent], due };
}
