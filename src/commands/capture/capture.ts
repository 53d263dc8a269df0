// `oncall capture on|off|record`: this terminal's commands into the incident.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { captureOff, captureOn } from '../../use-cases/capture/capture.js';
import { runRecorder } from '../../use-cases/capture/recorder.js';
import { homeOf } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { captureOffCommand, captureOnCommand, captureRecordCommand } from './definition.js';

export async function captureOnAction(
  ctx: Context,
  options: OptionsOf<typeof captureOnCommand>,
): Promise<void> {
  const on = await captureOn(ctx, options);
  const id = safeLine(on.incident);
  if (on.already) {
    println(ctx, `Already recording this terminal into ${id}.`);
    return;
  }
  println(
    ctx,
    `Recording the commands typed in this terminal into ${id}, from the next one. A line starting with a space is not recorded; \`oncall capture off\` stops.`,
  );
}

export async function captureOffAction(
  ctx: Context,
  _options: OptionsOf<typeof captureOffCommand>,
): Promise<void> {
  const was = captureOff(ctx);
  println(
    ctx,
    was
      ? `Stopped recording this terminal into ${safeLine(was)}.`
      : 'This terminal is not recorded.',
  );
}

export async function captureRecordAction(
  ctx: Context,
  options: OptionsOf<typeof captureRecordCommand>,
): Promise<void> {
  if (!options.session || !options.incident) {
    throw new UsageError(
      'capture record is started by `oncall capture on`, with --session and --incident',
    );
  }
  const { id } = resolveIncident(homeOf(ctx), options.incident);
  await runRecorder(ctx, { session: options.session, incident: id, drill: options.drill === true });
}
