// `oncall update <text…>`: a stakeholder update, recorded with when the next one is due.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { nextUpdateDue } from '../incident/cadence.js';
import { localClock } from '../render/format.js';
import { loadForWords } from '../render/input.js';
import { updateModel } from '../render/models.js';
import { renderNamed } from '../render/templates.js';
import type { IncidentOptions } from './common.js';
import { record } from './common.js';

export interface UpdateCommandOptions extends IncidentOptions {
  text: string[];
  channel?: string;
}

export async function update(ctx: Context, options: UpdateCommandOptions): Promise<void> {
  const text = options.text.join(' ').trim();
  if (!text) throw new UsageError('the update is empty: oncall update "what we are doing now"');
  const { ref, config, input, state } = await loadForWords(ctx, options);
  // The clock restarts now, at the current severity; a resolved incident promises no more.
  const due =
    state.status === 'resolved'
      ? null
      : nextUpdateDue(config.severities, state.severity, input.now);
  const model = updateModel(input, { text, nextUpdateDue: due });
  const { text: message } = await renderNamed('update', model, { config, tz: input.tz });
  // One instant for the whole command: the event's time is the time the text was rendered at.
  record(
    { ...ctx, now: () => input.now },
    ref,
    [
      {
        type: 'update.sent',
        text,
        message,
        nextUpdateDue: due,
        ...(options.channel ? { channel: options.channel } : {}),
      },
    ],
    { drill: state.drill },
  );
  ctx.stdout.write(message);
  ctx.stderr.write(
    `Recorded update at ${localClock(input.now.toISOString(), input.tz)}. ${due ? `Next due by ${localClock(due, input.tz)}.` : 'No further update due.'}\n`,
  );
}
