// `oncall impact <text…>`: the impact as it is now. The fold takes the last one
// said (status, updates, escalations read it) and keeps every one, with its
// time, for the postmortem's impact over time.
import type { Context } from '../../context.js';
import { localClock } from '../../domain/incident/time.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { println } from '../../infra/console/output.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';
import type { OptionsOf } from '../definition/program.js';
import { resolvedNotice } from '../shared/resolved-notice.js';
import type { impactCommand } from './definition.js';

type ImpactOptions = OptionsOf<typeof impactCommand>;

export async function impact(ctx: Context, options: ImpactOptions): Promise<void> {
  const typed = options.text.join(' ').trim();
  if (!typed)
    throw new UsageError('the impact is empty: oncall impact "who is affected, what they see"');
  const config = await loadConfig(ctx.cwd, ctx.env);
  const { ref, state } = loadIncident(ctx, options);
  // Sent in every update and escalation: redacted as they are.
  const redactor = redactorFor(config, ctx.env);
  const text = redactor.text(typed);
  if (text === state.impact) {
    println(ctx, 'The impact is already that; nothing recorded.');
    return;
  }
  const now = ctx.now();
  const tz = ctx.env.TZ;
  record(ctx, ref, [{ type: 'impact.changed', impact: text }], { now, redactor });
  const was = state.impact ? ` (was: ${safeLine(state.impact)})` : '';
  println(ctx, `Impact at ${localClock(now, tz)}: ${safeLine(text)}${was}`);
  // Said of an incident that is over: kept, and said, with the way to a new one.
  if (state.resolvedAt) {
    ctx.stderr.write(resolvedNotice(ref.id, state.resolvedAt, tz, 'the impact'));
  }
  println(
    ctx,
    'Status, updates, escalations and the postmortem say it from now on; tell stakeholders with `oncall update "<text>"`.',
  );
}
