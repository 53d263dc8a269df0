// `oncall escalate --to <who>`: the summary a named person needs to help, with
// the specific ask. Recorded as an event; printed (and written with --out).

import type { Context } from '../context.js';
import { localClock } from '../incident/time.js';
import { escalationModel } from '../render/models.js';
import { chooseContact } from '../services/contacts.js';
import { safeLine } from '../text/terminal-safe.js';
import { loadForWords, publish } from '../texts/publish.js';
import { askText } from '../ui/prompts.js';
import type { escalateCommand } from './definitions/escalate.js';
import type { OptionsOf } from './definitions/program.js';

type EscalateOptions = OptionsOf<typeof escalateCommand>;

export async function escalate(ctx: Context, options: EscalateOptions): Promise<void> {
  const loaded = await loadForWords(ctx, options);
  const { config, input } = loaded;
  const to = await chooseContact(ctx, config, options.to, 'Who should this go to?');
  // "Can anyone help?" gets no answer: the ask is always specific. Without a terminal it must be a flag.
  let ask = options.ask?.trim();
  if (!ask)
    ask = await askText(ctx, {
      flag: '--ask',
      message: `What do you need from ${to.contact.name}?`,
    });
  if (options.by?.trim()) ask = `${ask} (by ${options.by.trim()})`;

  const { written } = await publish(ctx, loaded, {
    name: 'escalation',
    model: escalationModel(input, { to, ask, long: options.long === true }),
    template: options.template,
    out: options.out,
    event: () => ({
      type: 'escalation',
      to: to.key,
      toName: to.contact.name,
      ask,
    }),
  });
  const reach = [to.contact.phone, to.contact.chat].filter(Boolean).join(', ');
  const name = safeLine(to.contact.name);
  ctx.stderr.write(
    `Escalation to ${name} recorded at ${localClock(input.now.toISOString(), input.tz)}.${written ? ` Written to ${safeLine(written)}.` : ''} Send it to them: ${name}${reach ? ` (${safeLine(reach)})` : ''}.\n`,
  );
}
