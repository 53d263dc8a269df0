// Escalating from inside the walk: an escalate step, the menu's "Escalate", or
// the way out of a failed command. The escalation is recorded, delivered
// through the person's channels and shown, by the same code as `oncall
// escalate`, so what the walk shows and what the person receives never differ.
import { fillText } from '../../domain/runbook/command-text.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { WalkSession } from './session.js';

/**
 * Records an escalation, delivers it through the person's channels, and shows
 * the summary. `to` and `ask` come from an escalate step; without them the
 * responder picks someone and says what they need.
 */
export async function escalateInWalk(s: WalkSession, to?: string, ask?: string): Promise<void> {
  const who = to || (await askWhom(s));
  const what = await s.askText(
    `What do you need from ${s.contactName(who)}?`,
    ask ? fillText(ask, s.variables(true)) : undefined,
  );
  const command = s.c.dim(`oncall escalate --to ${safeLine(who)}`);
  if (!s.config.contacts[who]) {
    // Not a known contact: the escalation is still recorded, with no summary to send.
    s.record([{ type: 'escalation', to: who, ask: what }]);
    s.say(s.c.green(`Escalation to ${s.contactName(who)} recorded.`));
    s.say(`For the full summary to send: ${command}`);
    return;
  }
  const { escalateNow } = await import('../../use-cases/publish/escalation.js');
  const { byHand } = await import('../../use-cases/publish/reach.js');
  const { text, sent, routed } = await escalateNow(s.ctx, {
    incident: s.ref.id,
    to: who,
    ask: what,
  });
  s.say(s.c.green(`Escalation to ${s.contactName(who)} recorded.`));
  s.say();
  // Rendered from a template: its fields are safe already (render/templates). Shown rendered, at
  // the full width, so a phone-sized terminal shows the one screen it was fitted to.
  const { terminalRows } = await import('../ui/show-text.js');
  for (const row of terminalRows(s.ctx, text)) s.say(row);
  s.say();
  // A service's own words (an error) come from outside: never let them drive the terminal.
  for (const line of sent) s.say(safeLine(line));
  const contact = s.config.contacts[who];
  if (contact && !routed) s.say(`Send it to them: ${safeLine(byHand(contact))}.`);
}

/** The runbook's contacts and the configured ones to pick from, or a name typed in. */
async function askWhom(s: WalkSession): Promise<string> {
  const keys = [...new Set([...s.runbook.contacts, ...Object.keys(s.config.contacts)])];
  const picked = keys.length
    ? await s.askChoice('Escalate to whom?', [
        ...keys.map((k) => ({ value: k, name: s.contactName(k) })),
        { value: '', name: 'Someone else' },
      ])
    : '';
  return picked || s.askText('Escalate to whom? (name or handle)');
}
