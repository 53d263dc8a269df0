// Contacts: escalation always names a person. A key (or a full name) resolves to
// one contact from config; anything else is a usage error that shows the known
// names and the closest one, so a typo at 2am costs one retry, not a page to nobody.

import { UsageError } from '../../errors.js';
import type { Contact, ResolvedConfig } from '../config/schema.js';
import { editDistance } from '../text/edit-distance.js';

// The CLI's unknown-command hint imports it from here (src/cli.ts, lazily).

export interface ResolvedContact {
  key: string;
  contact: Contact;
}

const NOBODY = new Set([
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'everyone',
  'all',
  'team',
  'oncall',
]);

/** The known key closest to `wanted` (by key or by name), if any is reasonably close. */
export function closestContact(config: ResolvedConfig, wanted: string): string | undefined {
  const w = wanted.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const [key, c] of Object.entries(config.contacts)) {
    const candidates = [
      key.toLowerCase(),
      c.name.toLowerCase(),
      ...c.name.toLowerCase().split(/\s+/),
    ];
    const d = Math.min(...candidates.map((s) => editDistance(w, s)));
    if (!best || d < best.d) best = { key, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(2, Math.floor(w.length / 2)) ? best.key : undefined;
}

/** "Known: a, b." or how to add contacts: the tail of every error about a contact. */
export function knownNames(keys: string[]): string {
  return keys.length
    ? `Known: ${keys.join(', ')}.`
    : 'No contacts in config yet: add them under `contacts:` in oncall.config.yaml.';
}

/** Resolves `--to <who>` to a contact; `flag` names the option in errors. */
export function resolveContact(
  config: ResolvedConfig,
  who: string | undefined,
  flag = '--to',
): ResolvedContact {
  const wanted = (who ?? '').trim();
  const keys = Object.keys(config.contacts).sort();
  const known = knownNames(keys);
  if (!wanted || NOBODY.has(wanted.toLowerCase())) {
    throw new UsageError(
      `${flag} ${wanted ? `"${wanted}"` : '(empty)'}: name one person, not "anyone". ${known}`,
    );
  }
  const lower = wanted.toLowerCase();
  for (const key of keys) {
    const contact = config.contacts[key];
    if (contact && (key.toLowerCase() === lower || contact.name.toLowerCase() === lower)) {
      return { key, contact };
    }
  }
  const close = closestContact(config, wanted);
  throw new UsageError(
    `${flag} ${wanted}: no such contact.${close ? ` Did you mean ${close}?` : ''} ${known} See \`oncall contacts\`.`,
  );
}

/** The channels that reach them (`reach: [pager, chat]`); none when reach is words. */
export function reachChannels(contact: Contact): string[] {
  return Array.isArray(contact.reach) ? contact.reach : [];
}

/** Their `reach` as words for a reader: the free text, or the channels named ("via pager, chat"). */
export function reachWords(contact: Contact): string | undefined {
  if (Array.isArray(contact.reach)) {
    return contact.reach.length ? `via ${contact.reach.join(', ')}` : undefined;
  }
  return contact.reach;
}

/** How to reach them, one line: the stated preference first, then the channels. */
export function reachLine(contact: Contact): string {
  return [reachWords(contact), contact.phone, contact.chat, contact.email]
    .filter(Boolean)
    .join(' · ');
}

/** `Dana Okafor (database on-call)` */
export function displayName(contact: Contact): string {
  return contact.role ? `${contact.name} (${contact.role})` : contact.name;
}
