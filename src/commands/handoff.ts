// `oncall handoff --to <who>`: the incident, framed for the next commander, and
// the recorded change of command (the fold makes `to` the commander); delivered
// to the incoming commander's channels like an escalation.

import type { Context } from '../context.js';
import { handoffMessage } from '../deliver/message.js';
import { UsageError } from '../errors.js';
import { handoffModel } from '../render/models.js';
import { chooseContact } from '../services/contacts.js';
import { homeOf } from '../services/journal.js';
import { safeLine } from '../text/terminal-safe.js';
import { loadForWords, publish } from '../texts/publish.js';
import { byHand, personRoutes } from '../texts/reach.js';
import { attachedWalk, walkLeft } from '../walk/attached.js';
import type { handoffCommand } from './definitions/handoff.js';
import type { OptionsOf } from './definitions/program.js';

type HandoffOptions = OptionsOf<typeof handoffCommand>;

export async function handoff(ctx: Context, options: HandoffOptions): Promise<void> {
  if (options.accept) {
    if (options.to) throw new UsageError('--accept takes a handoff made to you; it has no --to');
    const { acceptHandoff } = await import('./handoff-accept.js');
    await acceptHandoff(ctx, options);
    return;
  }
  const loaded = await loadForWords(ctx, options);
  const { config, input, state } = loaded;
  const to = await chooseContact(ctx, config, options.to, 'Who takes over as incident commander?');
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
  });
  if (options.dryRun) return;
  const lines = [
    `${to.contact.name} is now incident commander.${written ? ` Handoff written to ${written}.` : ''}`,
    ...warnings.map((w) => `warning: ${w}`),
    ...sent,
  ];
  if (!routes.length) {
    lines.push(
      `${options.send ? '' : 'Not sent (--no-send). '}Send it to them: ${byHand(to.contact)}.`,
    );
  }
  // Names and a service's own words come from outside: never let them drive the terminal.
  for (const line of lines) ctx.stderr.write(`${safeLine(line)}\n`);
}
