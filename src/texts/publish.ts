// What the update, escalate, handoff and postmortem commands share: config, the
// incident, and a render input pinned to this moment and zone; and the way a text
// is rendered, written, recorded and printed. Not pure: it reads and writes files.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { EventInput } from '../incident/events.js';
import { zoneOf } from '../incident/time.js';
import type { RenderInput } from '../render/facts.js';
import { renderNamed, type TemplateName } from '../render/templates.js';
import {
  type IncidentOptions,
  type LoadedIncident,
  loadIncident,
  record,
} from '../services/journal.js';

interface Loaded extends LoadedIncident {
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
function writeOut(ctx: Context, out: string, text: string): string {
  const file = resolve(ctx.cwd, out);
  try {
    // Incident texts name people and systems: readable by the user only, like the log.
    writeFileSync(file, text, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`--out ${out}: cannot write (${code}); pick another path`);
  }
  return file;
}

interface Publish {
  name: TemplateName;
  model: object;
  /** `--template FILE`. */
  template?: string;
  /** `--out FILE`. */
  out?: string;
  /** The event that records the text being sent (it may quote the rendered text). */
  event: (text: string) => EventInput;
}

/**
 * Renders a text, writes it to `--out`, records its event and prints it. Returns
 * the text and the absolute path written, if any.
 */
export async function publish(
  ctx: Context,
  loaded: Loaded,
  p: Publish,
): Promise<{ text: string; written?: string }> {
  const { config, input, ref, state } = loaded;
  const { text } = await renderNamed(p.name, p.model, {
    config,
    template: p.template,
    tz: input.tz,
  });
  // --out first: a bad path fails before anything is recorded, so a rerun does not record twice.
  const written = p.out ? writeOut(ctx, p.out, text) : undefined;
  // One instant for the whole command: the event's time is the time the text was rendered at.
  record({ ...ctx, now: () => input.now }, ref, [p.event(text)], { drill: state.drill });
  ctx.stdout.write(text);
  return { text, written };
}
