// Reaching one person (an escalation, a handoff) or the room (updates): which
// configured channels, what to say about channels config does not have, and
// how to reach the person by hand when no channel does.
import type { Contact, ResolvedConfig } from '../../domain/config/schema.js';
import { reachChannels } from '../../domain/contacts/contacts.js';
import { routesFor } from '../../domain/delivery/plan.js';
import type { Delivery } from './send.js';

/** The channels that reach this contact (none with --no-send), and a warning for names config lacks. */
export function personRoutes(
  config: Pick<ResolvedConfig, 'channels'>,
  key: string,
  contact: Contact,
  send: boolean,
): { routes: Delivery['routes']; warnings: string[] } {
  if (!send) return { routes: [], warnings: [] };
  const { routes, unknown } = routesFor(config, reachChannels(contact));
  const warnings = unknown.map(
    (name) =>
      `${key}'s reach names "${name}", which is not a channel in config; not sent there (\`oncall doctor\` checks this)`,
  );
  return { routes, warnings };
}

/** The `updates` channels (none with --no-post), and a warning for names config lacks. */
export function updateRoutes(
  config: Pick<ResolvedConfig, 'channels' | 'updates'>,
  post: boolean,
): { routes: Delivery['routes']; warnings: string[] } {
  if (!post) return { routes: [], warnings: [] };
  const { routes, unknown } = routesFor(config, config.updates);
  const warnings = unknown.map(
    (name) => `updates names "${name}", which is not a channel in config; not posted there`,
  );
  return { routes, warnings };
}

/** "Alice Chen (+1 555 0100, @alice)": for sending by hand. */
export function byHand(contact: Contact): string {
  const ways = [contact.phone, contact.chat, contact.email].filter(Boolean).join(', ');
  return `${contact.name}${ways ? ` (${ways})` : ''}`;
}
