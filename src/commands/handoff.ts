// `oncall handoff --to <who>`: the incident, framed for the next commander, and
// the recorded change of command (the fold makes `to` the commander).

import { chooseContact } from '../contacts.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { loadForWords, writeOut } from '../render/input.js';
import { handoffModel } from '../render/models.js';
import { renderNamed } from '../render/templates.js';
import { type IncidentOptions, record } from './common.js';

export interface HandoffOptions extends IncidentOptions {
  to?: string;
  note?: string;
  out?: string;
  template?: string;
}

export async function handoff(ctx: Context, options: HandoffOptions): Promise<void> {
  const { ref, config, input, state } = await loadForWords(ctx, options);
  const to = await chooseContact(ctx, config, options.to, 'Who takes over as incident commander?');
  const commanderKey = state.commander.split('@')[0];
  if (state.commander === to.key || commanderKey === to.key) {
    throw new UsageError(`--to ${to.key}: ${to.contact.name} is already the incident commander`);
  }
  const note = options.note?.trim() || undefined;
  const model = handoffModel(input, { to, note });
  const { text } = await renderNamed('handoff', model, {
    config,
    template: options.template,
    tz: input.tz,
  });
  // --out first: a bad path fails before anything is recorded, so a rerun does not escalate twice.
  const written = options.out ? writeOut(ctx, options.out, text) : undefined;
  // One instant for the whole command: the event's time is the time the text was rendered at.
  record(
    { ...ctx, now: () => input.now },
    ref,
    [
      {
        type: 'handoff',
        from: state.commander,
        to: to.key,
        toName: to.contact.name,
        ...(note ? { note } : {}),
      },
    ],
    { drill: state.drill },
  );
  ctx.stdout.write(text);
  ctx.stderr.write(
    `${to.contact.name} is now incident commander.${written ? ` Handoff written to ${written}.` : ''}\n`,
  );
}
