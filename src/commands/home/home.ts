// Bare `oncall`: at 2am the first thing typed. With an incident under way it
// says where things stand and the next thing to do; otherwise how to begin.
import type { Context } from '../../context.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { println, warn } from '../../infra/console/output.js';
import { DiskError } from '../../infra/store/disk-error.js';
import { readActiveId, refOf } from '../../infra/store/incidents.js';
import { printFitted } from '../../terminal/ui/fitted.js';
import { homeOf, loadIncidentAt, UnreadableIncidentError } from '../../use-cases/journal/load.js';
import { statusOf } from '../../use-cases/status/status.js';
import { statusText } from '../shared/status-text.js';

/** The next things to do, as the incident stands: no runbook to resume without one, resolve once mitigated. */
function nextLine(state: IncidentState): string {
  const steps = [
    '`oncall note "…"`',
    ...(state.runbook ? ['`oncall resume` to continue the runbook'] : []),
    '`oncall update "…"` for stakeholders',
    state.status === 'mitigated'
      ? '`oncall resolve` when it is over'
      : '`oncall mitigate` when the impact stops',
  ];
  return `Next: ${steps.join(', ')}.`;
}

/** `help`: the full help, asked for only when there is no incident under way. */
export async function home(ctx: Context, help: () => string): Promise<void> {
  const root = homeOf(ctx);
  const active = readActiveId(root);
  /** The active incident's log refused (no readable incident.opened): said after the help, as `oncall status` says it. */
  let refused: string | undefined;
  if (active) {
    try {
      const ref = refOf(root, active);
      // Damaged lines are for `oncall status` to report; here they are passed over.
      const loaded = loadIncidentAt(ctx, ref, { quiet: true });
      if (loaded.state.status !== 'resolved') {
        const lines = statusText(await statusOf(ctx, loaded));
        for (const line of lines) printFitted(ctx, line);
        println(ctx);
        printFitted(ctx, nextLine(loaded.state));
        println(ctx, 'All commands: `oncall --help`.');
        return;
      }
    } catch (error) {
      // The disk said no (a file where a folder should be, a folder where the
      // log should be): one line and exit 1, like every other command.
      if (error instanceof DiskError) throw error;
      // A log the reading commands refuse: the way in, and the one line saying why and the fix.
      if (error instanceof UnreadableIncidentError) refused = error.message;
      // Otherwise (a log gone): `oncall status` explains; here, just show the way in.
    }
  }
  ctx.stdout.write(help());
  println(ctx);
  // Two lines: one of 103 characters broke mid-word on an 80- or 100-column terminal.
  println(ctx, 'Paged? Start with `oncall start` (or `oncall start --alert <name>`).');
  println(ctx, 'To practise: `oncall drill <runbook>`.');
  if (refused) warn(ctx, refused);
}
