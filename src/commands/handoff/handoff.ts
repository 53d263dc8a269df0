// `oncall handoff --to <who>`: the incident, framed for the next commander, and
// the handoff offered (the fold makes `to` the commander once they accept it);
// delivered to the incoming commander's channels like an escalation.

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { ResolvedContact } from '../../domain/contacts/contacts.js';
import { handoffMessage } from '../../domain/delivery/message.js';
import { handoffModel } from '../../domain/render/models.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { walkLeft } from '../../domain/walk/ahead.js';
import { UsageError } from '../../errors.js';
import { chooseContact } from '../../terminal/contacts/choose-contact.js';
import { sayFitted } from '../../terminal/ui/fitted.js';
import { showText } from '../../terminal/ui/show-text.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { loadForWords, publish } from '../../use-cases/publish/publish.js';
import { byHand, personRoutes } from '../../use-cases/publish/reach.js';
import { attachedWalk } from '../../use-cases/walk/attached.js';
import type { OptionsOf } from '../definition/program.js';
import type { handoffCommand } from './definition.js';

type HandoffOptions = OptionsOf<typeof handoffCommand>;

/**
 * `--to` naming someone already working the incident (`bob@desk`, or `bob`) who
 * has no entry in contacts: on a shared incident the next commander is often a
 * responder on another laptop. A contact by that key or name always wins.
 */
function responderNamed(
  responders: readonly string[],
  config: ResolvedConfig,
  to: string | undefined,
): ResolvedContact | undefined {
  const wanted = to?.trim().toLowerCase();
  if (!wanted) return undefined;
  const isContact = Object.entries(config.contacts).some(
    ([key, c]) => key.toLowerCase() === wanted || c.name.toLowerCase() === wanted,
  );
  if (isContact) return undefined;
  const user = (who: string) => (who.split('@')[0] ?? who).toLowerCase();
  const matches = responders.filter(
    (r) => r.toLowerCase() === wanted || (!wanted.includes('@') && user(r) === wanted),
  );
  const [actor, other] = matches;
  if (!actor) return undefined;
  if (other) {
    throw new UsageError(
      `--to ${safeLine(to ?? '')}: ${matches.map(safeLine).join(' and ')} both answer to it; name one as user@host`,
    );
  }
  return { key: actor, contact: { name: actor } };
}

export async function handoff(ctx: Context, options: HandoffOptions): Promise<void> {
  if (options.accept) {
    if (options.to) throw new UsageError('--accept takes a handoff made to you; it has no --to');
    const { acceptHandoff } = await import('./accept.js');
    await acceptHandoff(ctx, options);
    return;
  }
  const loaded = await loadForWords(ctx, options);
  const { config, input, state } = loaded;
  const to =
    responderNamed(state.responders, config, options.to) ??
    (await chooseContact(ctx, config, options.to, 'Who takes over as incident commander?'));
  const commanderKey = state.commander.split('@')[0];
  if (state.commander === to.key || commanderKey === to.key) {
    throw new UsageError(`--to ${to.key}: ${to.contact.name} is already the incident commander`);
  }
  const note = options.note?.trim() || undefined;
  // What is left of the runbook is read here, from its file: the view model stays pure.
  const walk = await attachedWalk(state, loaded.events, homeOf(ctx));
  const model = handoffModel(input, { to, note, walk: walk && walkLeft(walk) });
  const { routes, warnings } = personRoutes(config, to.key, to.contact, options.send);
  const { written, sent } = await publish(ctx, loaded, {
    name: 'handoff',
    model,
    template: options.template,
    out: options.out,
    event: () => ({
      type: 'handoff',
      from: state.commander,
      to: to.key,
      toName: to.contact.name,
      ...(note ? { note } : {}),
    }),
    delivery: { routes, message: (event, text) => handoffMessage(model, event, text) },
    dryRun: options.dryRun,
    show: (text) => showText(ctx, text),
  });
  if (options.dryRun) return;
  // Offered, not taken: the commander changes when they accept, on their laptop or here.
  const lines = [
    `Handoff offered to ${to.contact.name}; they become incident commander when they accept it (\`oncall handoff --accept\`).${written ? ` Handoff written to ${written}.` : ''}`,
    ...warnings.map((w) => `warning: ${w}`),
    ...sent,
  ];
  if (!routes.length) {
    lines.push(
      `${options.send ? '' : 'Not sent (--no-send). '}Send it to them: ${byHand(to.contact)}.`,
    );
  }
  // Names and a service's own words come from outside: never let them drive the terminal.
  sayFitted(ctx, lines);
}
