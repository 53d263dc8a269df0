// An escalation from inside the walk (an escalate step, the menu's
// "Escalate"): rendered, recorded and delivered by the same code as `oncall
// escalate`, so what the walk shows and what the person receives never differ.

import type { Context } from '../../context.js';
import { resolveContact } from '../../domain/contacts/contacts.js';
import { escalationMessage } from '../../domain/delivery/message.js';
import { escalationModel } from '../../domain/render/models.js';
import type { IncidentOptions } from '../journal/load.js';
import { loadForWords, publish } from './publish.js';
import { personRoutes } from './reach.js';

interface Escalated {
  /** The short summary, for the walk to show. */
  text: string;
  /** Where it went, or why it waits; empty when no channel reaches them. */
  sent: string[];
}

/** Records the escalation to `to` with `ask` and delivers it through their channels. */
export async function escalateNow(
  ctx: Context,
  options: IncidentOptions & { to: string; ask: string },
): Promise<Escalated> {
  const loaded = await loadForWords(ctx, options);
  const { config, input } = loaded;
  const to = resolveContact(config, options.to, '--to');
  const model = escalationModel(input, { to, ask: options.ask, long: false });
  const { routes, warnings } = personRoutes(config, to.key, to.contact, true);
  const { text, sent } = await publish(ctx, loaded, {
    name: 'escalation',
    model,
    event: () => ({ type: 'escalation', to: to.key, toName: to.contact.name, ask: options.ask }),
    delivery: { routes, message: (event, rendered) => escalationMessage(model, event, rendered) },
    print: false,
  });
  return { text, sent: [...warnings.map((w) => `warning: ${w}`), ...sent] };
}
