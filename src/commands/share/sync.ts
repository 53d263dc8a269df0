// `oncall sync`: sends this responder's new events and fetches everyone
// else's. Typed by hand it waits for a sync already running and says what
// moved; `--background` (what oncall starts after each event) is quiet, keeps
// trying while the remote cannot be reached, and leaves a failure for
// `oncall status` to report.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { println, warn } from '../../infra/console/output.js';
import { checkRemote } from '../../infra/share/remote.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { backgroundSync } from '../../use-cases/share/background-sync.js';
import { syncShared } from '../../use-cases/share/shared.js';
import { sharerFor } from '../../use-cases/share/sharer.js';
import type { SyncResult } from '../../use-cases/share/sync.js';
import type { OptionsOf } from '../definition/program.js';
import type { syncCommand } from './definition.js';

type SyncOptions = OptionsOf<typeof syncCommand>;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** What a sync has to say: an odd file or ref left out (for this incident only), refs that moved. */
export function warnSkipped(ctx: Context, id: string, result: SyncResult): void {
  for (const line of result.warnings) warn(ctx, `${safeLine(id)}: ${safeLine(line)}`);
}

export async function sync(ctx: Context, options: SyncOptions): Promise<void> {
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const { sharer } = await sharerFor(ctx);
  if (options.background) {
    await backgroundSync(sharer, ref);
    return;
  }
  const remote = options.remote ? checkRemote(options.remote, ctx.cwd, '--remote') : undefined;
  const result = await syncShared(sharer, ref, remote);
  warnSkipped(ctx, ref.id, result);
  const from = result.peers.length ? ` from ${safeLine(result.peers.join(', '))}` : '';
  println(
    ctx,
    `Synced ${ref.id}: sent ${plural(result.sent, 'event')}, received ${plural(result.received, 'event')}${from}.`,
  );
}
