// `oncall sev <level> --reason`: severity (how bad) changes; the update cadence follows.

import type { Context } from '../../context.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import { localClock } from '../../domain/incident/time.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { loadConfig } from '../../infra/config/load.js';
import { println } from '../../infra/console/output.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';
import { postStateUpdate } from '../../use-cases/publish/state-update.js';
import type { OptionsOf } from '../definition/program.js';
import { resolvedNotice } from '../shared/resolved-notice.js';
import type { sevCommand } from './definition.js';

type SevOptions = OptionsOf<typeof sevCommand>;

export async function sev(ctx: Context, options: SevOptions): Promise<void> {
  // `level` arrives parsed (incident/severity.ts), whichever way it was typed.
  const to = options.level;
  const config = await loadConfig(ctx.cwd, ctx.env);
  const { ref, state } = loadIncident(ctx, options);
  if (state.severity === to) {
    println(ctx, `Already ${to}; nothing recorded.`);
    return;
  }
  const now = ctx.now();
  // The cadence restarts from the change only if that is sooner than what was promised.
  const byCadence = nextUpdateDue(config.severities, to, now);
  const promised = state.nextUpdateDue;
  const due =
    byCadence && promised && promised < byCadence && state.status !== 'resolved'
      ? promised
      : byCadence;
  // One instant for the event and the promise made in it.
  const [event] = record(
    ctx,
    ref,
    [
      {
        type: 'severity.changed',
        from: state.severity,
        to,
        ...(options.reason ? { reason: options.reason } : {}),
        nextUpdateDue: state.status === 'resolved' ? null : due,
      },
    ],
    // A reason is typed in a hurry, often pasted: redacted like an update.
    { now, redactor: redactorFor(config, ctx.env) },
  );
  const def = config.severities[to];
  // The reason as recorded: what the terminal's scrollback keeps is what the log keeps.
  const reason = event?.type === 'severity.changed' ? event.reason : undefined;
  println(
    ctx,
    `Severity ${state.severity} → ${to} (${safeLine(def.label)}).${reason ? ` Reason: ${safeLine(reason)}` : ''}`,
  );
  // Re-rated after it is over: kept for the record, and the room is not told again.
  if (state.resolvedAt) {
    ctx.stderr.write(resolvedNotice(ref.id, state.resolvedAt, ctx.env.TZ, 'the severity'));
    return;
  }
  const posted = await postStateUpdate(ctx, config, options, {
    kind: 'sev',
    from: state.severity,
    to,
    ...(reason ? { reason } : {}),
  });
  for (const line of posted.lines) ctx.stderr.write(`${safeLine(line)}\n`);
  // Posting restarted the clock: the promise is the one the update made.
  const next = posted.due === undefined ? due : posted.due;
  if (next) println(ctx, `Next status update due by ${localClock(next, ctx.env.TZ)}.`);
}
