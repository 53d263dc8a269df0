// Any oncall command, `oncall note` included, gives a waiting outbox a push:
// one read of a small marker file says whether a retry is due; if so, a
// background `oncall outbox flush --due` is started and this command goes on
// without waiting for it. A delivery that failed for good in the background is
// told once, here, to whoever types next.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { warn } from '../../infra/console/output.js';
import { markWaiting, readWaiting, takeFailed } from '../../infra/delivery/outbox-files.js';
import type { IncidentRef } from '../../infra/store/incidents.js';

/** Other commands leave the started flush this long before starting another. */
const CLAIM_MS = 15_000;

export function nudgeOutbox(
  ctx: Context,
  ref: IncidentRef,
  options: { showFailed?: boolean } = {},
): void {
  const due = readWaiting(ref.dir);
  if (due !== undefined && ctx.startBackground) {
    const now = ctx.now();
    const at = Date.parse(due);
    if (Number.isNaN(at) || at <= now.getTime()) {
      // Claimed first, so the commands typed in the next seconds do not each start one;
      // the flush writes the real next due time when it is done.
      markWaiting(ref.dir, new Date(now.getTime() + CLAIM_MS).toISOString());
      ctx.startBackground(['outbox', 'flush', '--due', '--quiet', '--incident', ref.id]);
    }
  }
  // The line quotes a service's answer: it must not drive the terminal.
  if (options.showFailed !== false)
    for (const line of takeFailed(ref.dir)) warn(ctx, safeLine(line));
}
