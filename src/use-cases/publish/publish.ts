// What the update, escalate, handoff and postmortem commands share: config, the
// incident, and a render input pinned to this moment and zone; and the way a text
// is rendered, written, recorded and printed. Not pure: it reads and writes files.

import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { EventInput } from '../../domain/incident/events.js';
import { zoneOf } from '../../domain/incident/time.js';
import { type Redactor, redactorFor } from '../../domain/redact/redact.js';
import type { RenderInput } from '../../domain/render/facts.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { markWaiting } from '../../infra/delivery/outbox-files.js';
import { writeFileAtomic } from '../../infra/store/atomic.js';
import { diskError, isDiskTrouble, isErrno } from '../../infra/store/disk-error.js';
import { renderNamed, type TemplateName } from '../../infra/templates/templates.js';
import { budgetEnd } from '../delivery/limits.js';
import { type IncidentOptions, type LoadedIncident, loadIncident } from '../journal/load.js';
import { recordStamped, stamp } from '../journal/record.js';
import { type Delivery, drillLine, previewLines, queuedEvents, sendQueued } from './send.js';

export interface Loaded extends LoadedIncident {
  config: ResolvedConfig;
  input: RenderInput;
  /** The full redactor (config patterns too): for what is recorded, and the rendered text. */
  redactor: Redactor;
}

export async function loadForWords(ctx: Context, options: IncidentOptions): Promise<Loaded> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const loaded = loadIncident(ctx, options);
  const redactor = redactorFor(config, ctx.env);
  const input: RenderInput = {
    state: loaded.state,
    events: loaded.events,
    config,
    now: ctx.now(),
    tz: zoneOf(ctx.env),
    redact: (text) => redactor.text(text),
  };
  return { ...loaded, config, input, redactor };
}

/** `--out FILE`, relative to where the command was run. Returns the absolute path. */
function writeOut(ctx: Context, out: string, text: string): string {
  const file = resolve(ctx.cwd, out);
  try {
    // Incident texts name people and systems: readable by the user only, like the log.
    // Written beside and renamed over: a full disk leaves neither half a text nor a temporary file.
    writeFileAtomic(file, text, 0o600);
  } catch (error) {
    if (isErrno(error) && isDiskTrouble(error)) throw diskError(file, error, { inDataHome: false });
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
  /** The channels it goes to (none: printed only). */
  delivery?: Delivery;
  /** `--dry-run`: print the requests it would make; record and send nothing. */
  dryRun?: boolean;
  /** False when the caller shows the text its own way (the walk indents it). */
  print?: boolean;
  /** How the text is printed (a terminal renders the Markdown: terminal/ui/show-text); unset: as it is. */
  show?: (text: string) => void;
}

interface Published {
  text: string;
  /** The absolute path of `--out`, if written. */
  written?: string;
  /** Where it went or why it waits, one line per channel (or the drill's note). */
  sent: string[];
}

/**
 * Renders a text, writes it to `--out`, records its event (and its deliveries,
 * in the same append), prints it, then delivers it within a few seconds.
 */
export async function publish(ctx: Context, loaded: Loaded, p: Publish): Promise<Published> {
  const { config, input, ref, state, redactor } = loaded;
  const rendered = await renderNamed(p.name, p.model, {
    config,
    template: p.template,
    tz: input.tz,
  });
  // What is sent, printed and written is redacted as a whole: it quotes what
  // was typed now and the log's texts (a peer's, or one recorded before redaction covered it).
  const text = redactor.text(rendered.text);
  // One instant for the whole command: the event's time is the time the text was rendered at.
  const now = input.now;
  const event = stamp(ctx, ref, p.event(text), { drill: state.drill, redactor, now });
  const delivery = state.drill ? undefined : p.delivery;
  const queued = delivery ? queuedEvents(ctx, ref, delivery, { event, text, now, redactor }) : [];
  if (p.dryRun) {
    for (const line of previewLines(ctx, queued)) ctx.stdout.write(`${line}\n`);
    return { text, sent: [] };
  }
  // --out first: a bad path fails before anything is recorded, so a rerun does not record twice.
  const written = p.out ? writeOut(ctx, p.out, text) : undefined;
  recordStamped(ctx, ref, [event, ...queued]);
  // Marked before trying: if this command is stopped half-way, a later one retries.
  if (queued.length) markWaiting(ref.dir, budgetEnd(ctx));
  if (p.print !== false) (p.show ?? ((t: string) => ctx.stdout.write(t)))(text);
  const drill = state.drill ? drillLine(p.delivery?.routes ?? []) : undefined;
  const sent = drill ? [drill] : await sendQueued(ctx, ref, config, queued);
  return { text, ...(written ? { written } : {}), sent };
}
