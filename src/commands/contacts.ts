// `oncall contacts`: who can be escalated to or handed the incident, and how to reach them.
import { loadConfig } from '../config/load.js';
import type { Context } from '../context.js';
import { reachLine } from '../services/contacts.js';
import { safeLine } from '../text/terminal-safe.js';
import { printJson, println } from '../ui/output.js';
import type { contactsCommand } from './definitions/contacts.js';
import type { OptionsOf } from './definitions/program.js';

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
