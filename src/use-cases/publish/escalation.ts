// An escalation: the summary a named person needs to help, with the specific
// ask, rendered, recorded and delivered through the channels that reach them.
// `oncall escalate` and the walk (an escalate step, the menu's "Escalate") both
// come here, so what the walk shows and what the person receives never differ.

import type { Context } from '../../context.js';
import { type ResolvedContact, resolveContact } from '../../domain/contacts/contacts.js';
import { escalationMessage } from '../../domain/delivery/message.js';
import { escalationModel } from '../../domain/render/models.js';
import type { IncidentOptions } from '../journal/load.js';
import { type Loaded, loadForWords, publish } from './publish.js';
import { personRoutes } from './reach.js';

interface Escalation {
  to: ResolvedContact;
  ask: string;
  /** The long form (`--long`): every action and idea, not one phone screen. */
  long?: boolean;
  /** False (`--no-send`): recorded and printed, delivered to no channel. */
  send?: boolean;
  /** `--template FILE`, `--out FILE`, `--dry-run`; `print: false` when the caller shows the text itself. */
  template?: string;
  out?: string;
  dryRun?: boolean;
  print?: boolean;
  /** How the text is printed (see publish). */
  show?: (text: string) => void;
}

interface Escalated {
  text: string;
  /** The absolute path of `--out`, if written. */
  written?: string;
  /** Warnings about their channels, then where it went or why it waits, one line each. */
  sent: string[];
  /** False when no channel reaches them (or --no-send): the responder sends it by hand. */
  routed: boolean;
}

/** Records the escalation to `e.to` with `e.ask`, prints it, and delivers it through their channels. */
export async function sendEscalation(
  ctx: Context,
  loaded: Loaded,
  e: Escalation,
): Promise<Escalated> {
  const { config, input } = loaded;
  const { routes, warnings } = personRoutes(config, e.to.key, e.to.contact, e.send !== false);
  const model = escalationModel(input, { to: e.to, ask: e.ask, long: e.long === true });
  const { text, written, sent } = await publish(ctx, loaded, {
    name: 'escalation',
    model,
    template: e.template,
    out: e.out,
    event: () => ({ type: 'escalation', to: e.to.key, toName: e.to.contact.name, ask: e.ask }),
    delivery: { routes, message: (event, rendered) => escalationMessage(model, event, rendered) },
    dryRun: e.dryRun,
    print: e.print,
    show: e.show,
  });
  return {
    text,
    ...(written ? { written } : {}),
    sent: [...warnings.map((w) => `warning: ${w}`), ...sent],
    routed: routes.length > 0,
  };
}

/** From inside the walk: the contact named by key, the short form, delivered; the walk shows the text. */
export async function escalateNow(
  ctx: Context,
  options: IncidentOptions & { to: string; ask: string },
): Promise<Escalated> {
  const loaded = await loadForWords(ctx, options);
  const to = resolveContact(loaded.config, options.to, '--to');
  return sendEscalation(ctx, loaded, { to, ask: options.ask, print: false });
}
