// `oncall contacts`: who can be escalated to or handed the incident, and how to reach them.

import type { Context } from '../../context.js';
import { reachLine } from '../../domain/contacts/contacts.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { loadConfig } from '../../infra/config/load.js';
import { printJson, println } from '../../infra/console/output.js';
import type { OptionsOf } from '../definition/program.js';
import type { contactsCommand } from './definition.js';

type ContactsOptions = OptionsOf<typeof contactsCommand>;

export async function contacts(ctx: Context, options: ContactsOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const entries = Object.entries(config.contacts).sort(([a], [b]) => (a < b ? -1 : 1));
  if (options.json) {
    printJson(
      ctx,
      entries.map(([key, c]) => ({ key, ...c })),
    );
    return;
  }
  if (!entries.length) {
    println(
      ctx,
      'No contacts yet. Add them under `contacts:` in oncall.config.yaml (`oncall init` writes a starter).',
    );
    return;
  }
  const width = Math.max(...entries.map(([key]) => key.length));
  for (const [key, c] of entries) {
    const role = c.role ? ` (${c.role})` : '';
    const reach = reachLine(c);
    println(ctx, safeLine(`${key.padEnd(width)}  ${c.name}${role}${reach ? ` · ${reach}` : ''}`));
  }
}
