// Escalating from inside the walk: an escalate step, the menu's "Escalate", or
// the way out of a failed command. The escalation is recorded and the summary
// to send is shown, rendered by the same code as `oncall escalate`, so what
// the responder pastes here and what that command delivers never differ.
import { UsageError } from '../errors.js';
import { fillText } from '../runbook/command-text.js';
import { safeLine } from '../text/terminal-safe.js';
import type { WalkSession } from './session.js';

/**
 * Records an escalation and shows the summary to send. `to` and `ask` come from
 * an escalate step; without them the responder picks someone and says what they need.
 */
export async function escalate(s: WalkSession, to?: string, ask?: string): Promise<void> {
  const who = to || (await askWhom(s));
  const what = await s.askText(
    `What do you need from ${s.contactName(who)}?`,
    ask ? fillText(ask, s.variables(true)) : undefined,
  );
  const toName = s.config.contacts[who]?.name;
  const summary = await escalationSummary(s, who, what);
  s.record([{ type: 'escalation', to: who, ...(toName ? { toName } : {}), ask: what }]);
  const command = s.c.dim(`oncall escalate --to ${safeLine(who)}`);
  s.say(s.c.green(`Escalation to ${s.contactName(who)} recorded.`));
  if (summary) {
    s.say();
    // Rendered from a template: its fields are safe already (render/templates).
    for (const line of summary.trimEnd().split('\n')) s.say(`  ${line}`);
    s.say();
    s.say(`Send it to them; to deliver it from here: ${command}`);
  } else {
    s.say(`For the full summary to send: ${command}`);
  }
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

/** The short escalation summary, or undefined when it cannot be built (e.g. not a known contact). */
async function escalationSummary(
  s: WalkSession,
  to: string,
  ask: string,
): Promise<string | undefined> {
  if (!s.config.contacts[to]) return undefined;
  try {
    const { escalationText } = await import('../texts/escalation.js');
    return await escalationText(s.ctx, { incident: s.ref.id, to, ask });
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}
