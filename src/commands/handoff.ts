// `oncall handoff --to <who>`: the incident, framed for the next commander, and
// the recorded change of command (the fold makes `to` the commander).

import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { handoffModel } from '../render/models.js';
import { chooseContact } from '../services/contacts.js';
import { safeLine } from '../text/terminal-safe.js';
import { loadForWords, publish } from '../texts/publish.js';
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
  const walk = attachedWalk(state, loaded.events);
  const { written } = await publish(ctx, loaded, {
    name: 'handoff',
    model: handoffModel(input, { to, note, walk: walk && walkLeft(walk) }),
    template: options.template,
    out: options.out,
    event: () => ({
      type: 'handoff',
      from: state.commander,
      to: to.key,
      toName: to.contact.name,
      ...(note ? { note } : {}),
    }),
  });
  ctx.stderr.write(
    `${safeLine(to.contact.name)} is now incident commander.${written ? ` Handoff written to ${safeLine(written)}.` : ''}\n`,
  );
}
