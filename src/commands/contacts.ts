// `oncall contacts`: who can be escalated to or handed the incident, and how to reach them.
import { loadConfig } from '../config/load.js';
import { reachLine } from '../contacts.js';
import type { Context } from '../context.js';
import { printJson, println } from '../ui/output.js';

export interface ContactsOptions {
  json?: boolean;
}

export async function contacts(ctx: Context, options: ContactsOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const keys = Object.keys(config.contacts).sort();
  if (options.json) {
    printJson(
      ctx,
      keys.map((key) => ({ key, ...config.contacts[key] })),
    );
    return;
  }
  if (!keys.length) {
    println(
      ctx,
      'No contacts yet. Add them under `contacts:` in oncall.config.yaml (`oncall init` writes a starter).',
    );
    return;
  }
  const width = Math.max(...keys.map((k) => k.length));
  for (const key of keys) {
    const c = config.contacts[key];
    if (!c) continue;
    const role = c.role ? ` (${c.role})` : '';
    const reach = reachLine(c);
    println(ctx, `${key.padEnd(width)}  ${c.name}${role}${reach ? ` · ${reach}` : ''}`);
  }
}
