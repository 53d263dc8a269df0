// `oncall escalate --to <who>`: the summary a named person needs to help, with
// the specific ask. Recorded as an event, printed (and written with --out),
// and delivered through the channels that reach them (`reach: [pager, chat]`).

import type { Context } from '../../context.js';
import { localClock } from '../../domain/incident/time.js';
import { checkClockWords } from '../../domain/incident/when.js';
import { chooseContact } from '../../terminal/contacts/choose-contact.js';
import { sayFitted } from '../../terminal/ui/fitted.js';
import { askText } from '../../terminal/ui/prompts.js';
import { showText } from '../../terminal/ui/show-text.js';
import { sendEscalation } from '../../use-cases/publish/escalation.js';
import { loadForWords } from '../../use-cases/publish/publish.js';
import { byHand } from '../../use-cases/publish/reach.js';
import type { OptionsOf } from '../definition/program.js';
import type { escalateCommand } from './definition.js';

type EscalateOptions = OptionsOf<typeof escalateCommand>;

export async function escalate(ctx: Context, options: EscalateOptions): Promise<void> {
  if (options.by) checkClockWords(options.by, '--by');
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

  const {
    written,
    sent: lines,
    routed,
  } = await sendEscalation(ctx, loaded, {
    to,
    ask,
    long: options.long === true,
    send: options.send,
    template: options.template,
    out: options.out,
    dryRun: options.dryRun,
    show: (text) => showText(ctx, text),
  });
  if (options.dryRun) return;
  const recorded = `Escalation to ${to.contact.name} recorded at ${localClock(input.now.toISOString(), input.tz)}.${written ? ` Written to ${written}.` : ''}`;
  if (!routed) {
    const why = options.send ? '' : ' Not sent (--no-send).';
    lines.push(`${recorded}${why} Send it to them: ${byHand(to.contact)}.`);
  } else lines.unshift(recorded);
  // Names and a service's own words come from outside: never let them drive the terminal.
  sayFitted(ctx, lines);
}
