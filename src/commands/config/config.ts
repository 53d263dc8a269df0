// `oncall config`: the config in force and where each part came from.

import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { loadConfig } from '../../infra/config/load.js';
import { printJson, println } from '../../infra/console/output.js';
import { dataHome } from '../../infra/store/paths.js';
import type { OptionsOf } from '../definition/program.js';
import type { configCommand } from './definition.js';

type ConfigOptions = OptionsOf<typeof configCommand>;

export async function showConfig(ctx: Context, options: ConfigOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const home = dataHome(ctx.env);
  if (options.json) {
    printJson(ctx, { ...config, dataHome: home });
    return;
  }
  println(
    ctx,
    config.sources.length
      ? `Config files: ${config.sources.join(', ')}`
      : 'Config files: none (zero-config defaults)',
  );
  println(ctx, `Data: ${home}`);
  println(
    ctx,
    `Runbook folders: ${config.runbookDirs.length ? config.runbookDirs.join(', ') : 'none'} (plus the bundled examples)`,
  );
  const contacts = Object.entries(config.contacts);
  println(
    ctx,
    safeLine(
      `Contacts: ${contacts.length ? contacts.map(([k, c]) => `${k} (${c.name})`).join(', ') : 'none (add them with `oncall init`)'}`,
    ),
  );
  println(ctx, 'Severities:');
  for (const def of Object.values(config.severities)) {
    const cadence = def.updateEveryMinutes
      ? `update every ${def.updateEveryMinutes} min`
      : 'no update cadence';
    println(ctx, safeLine(`  ${def.level} ${def.label}: ${def.description}; ${cadence}`));
  }
  const templates = Object.entries(config.templates).filter(([, v]) => v);
  if (templates.length)
    println(ctx, safeLine(`Templates: ${templates.map(([k, v]) => `${k}=${v}`).join(', ')}`));
  if (config.redact.length) println(ctx, `Extra redaction patterns: ${config.redact.length}`);
}
