// What the update, escalate, handoff and postmortem commands share: config, the
// incident, and a render input pinned to this moment and zone. Not pure: it reads files.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type IncidentOptions, type LoadedIncident, loadIncident } from '../commands/common.js';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { RenderInput } from './facts.js';
import { zoneOf } from './format.js';

export interface Loaded extends LoadedIncident {
  config: ResolvedConfig;
  input: RenderInput;
}

export async function loadForWords(ctx: Context, options: IncidentOptions): Promise<Loaded> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const loaded = loadIncident(ctx, options);
  const input: RenderInput = {
    state: loaded.state,
    events: loaded.events,
    config,
    now: ctx.now(),
    tz: zoneOf(ctx.env),
  };
  return { ...loaded, config, input };
}

/** `--out FILE`, relative to where the command was run. Returns the absolute path. */
export function writeOut(ctx: Context, out: string, text: string, flag = '--out'): string {
  const file = resolve(ctx.cwd, out);
  try {
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`${flag} ${out}: cannot write (${code}); pick another path`);
  }
  return file;
}
