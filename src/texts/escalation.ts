// The escalation text for one person and one ask, as of now: shared by
// `oncall escalate` and the walk's escalate steps, so what the responder
// pastes from the walk and what the command delivers never differ.

import type { Context } from '../context.js';
import { escalationModel } from '../render/models.js';
import { renderNamed } from '../render/templates.js';
import { resolveContact } from '../services/contacts.js';
import type { IncidentOptions } from '../services/journal.js';
import { loadForWords } from './publish.js';

/**
 * The escalation text for `to` with `ask`, as of now, without recording anything:
 * for callers that record the event themselves (the runbook walker's escalate step).
 */
export async function escalationText(
  ctx: Context,
  options: IncidentOptions & { to: string; ask: string; long?: boolean; template?: string },
): Promise<string> {
  const { config, input } = await loadForWords(ctx, options);
  const to = resolveContact(config, options.to, '--to');
  const model = escalationModel(input, { to, ask: options.ask, long: options.long === true });
  const { text } = await renderNamed('escalation', model, {
    config,
    template: options.template,
    tz: input.tz,
  });
  return text;
}
