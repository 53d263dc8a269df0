// `oncall update <text…>`: a stakeholder update, recorded with when the next one
// is due, printed, and posted to the `updates` channels.
import type { Context } from '../../context.js';
import { updateMessage } from '../../domain/delivery/message.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import { localClock } from '../../domain/incident/time.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { updateModel } from '../../domain/render/models.js';
import { UsageError } from '../../errors.js';
import { sayFitted } from '../../terminal/ui/fitted.js';
import { showText } from '../../terminal/ui/show-text.js';
import { pagerdutyNote } from '../../use-cases/intake/pagerduty-actions.js';
import { loadForWords, publish } from '../../use-cases/publish/publish.js';
import { updateRoutes } from '../../use-cases/publish/reach.js';
import type { OptionsOf } from '../definition/program.js';
import type { updateCommand } from './definition.js';

type UpdateCommandOptions = OptionsOf<typeof updateCommand>;

export async function update(ctx: Context, options: UpdateCommandOptions): Promise<void> {
  const typed = options.text.join(' ').trim();
  if (!typed) throw new UsageError('the update is empty: oncall update "what we are doing now"');
  const loaded = await loadForWords(ctx, options);
  const { config, input, state } = loaded;
  // An update is recorded and sent to stakeholders: a pasted secret must reach neither.
  const redactor = redactorFor(config, ctx.env);
  const text = redactor.text(typed);
  if (redactor.slowPattern !== undefined) {
    throw new UsageError(
      `redact pattern ${JSON.stringify(redactor.slowPattern)} from config ran too long on this update; nothing was recorded. Fix the pattern (\`oncall doctor\` checks it), then send the update again.`,
    );
  }
  // The clock restarts now, at the current severity; a resolved incident promises no more.
  const due =
    state.status === 'resolved'
      ? null
      : nextUpdateDue(config.severities, state.severity, input.now);
  const model = updateModel(input, { text, nextUpdateDue: due });
  const { routes, warnings } = updateRoutes(config, options.post);
  const { sent } = await publish(ctx, loaded, {
    name: 'update',
    model,
    event: (message) => ({
      type: 'update.sent',
      text,
      message,
      nextUpdateDue: due,
      ...(options.channel ? { channel: options.channel } : {}),
    }),
    delivery: {
      routes,
      message: (event, message) => updateMessage(model, event, message),
      // The words as typed (redacted), on the PagerDuty incident it came from: its timeline shows them.
      ...(options.post ? { also: (event) => pagerdutyNote(state, config, event, text) } : {}),
    },
    dryRun: options.dryRun,
    show: (text) => showText(ctx, text),
  });
  if (options.dryRun) return;
  const lines = [
    `Recorded update at ${localClock(input.now.toISOString(), input.tz)}. ${due ? `Next due by ${localClock(due, input.tz)}.` : 'No further update due.'}`,
    ...warnings.map((w) => `warning: ${w}`),
    ...sent,
  ];
  if (!options.post && config.updates.length) lines.push('Not posted (--no-post).');
  sayFitted(ctx, lines);
}
