// `oncall sync`: sends this responder's new events and fetches everyone
// else's. Typed by hand it waits for a sync already running and says what
// moved; `--background` (what oncall starts after each event) is quiet and
// leaves a failure for `oncall status` to report.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { println } from '../../infra/console/output.js';
import { checkRemote } from '../../infra/share/remote.js';
import { readShareState, writeShareState } from '../../infra/share/share-state.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { syncShared } from '../../use-cases/share/shared.js';
import type { OptionsOf } from '../definition/program.js';
import type { syncCommand } from './definition.js';
import { sharerFor } from './sharing.js';

type SyncOptions = OptionsOf<typeof syncCommand>;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export async function sync(ctx: Context, options: SyncOptions): Promise<void> {
  const ref = resolveIncident(homeOf(ctx), options.incident);
  try {
    const { sharer } = await sharerFor(ctx);
    const remote = options.remote ? checkRemote(options.remote, ctx.cwd, '--remote') : undefined;
    const result = await syncShared(sharer, ref, {
      background: options.background ?? false,
      remote,
    });
    if (options.background || !result) return;
    const from = result.peers.length ? ` from ${safeLine(result.peers.join(', '))}` : '';
    println(
      ctx,
      `Synced ${ref.id}: sent ${plural(result.sent, 'event')}, received ${plural(result.received, 'event')}${from}.`,
    );
  } catch (error) {
    // A background sync has no one to tell: status reads the failure from share.json.
    const state = readShareState(ref.dir);
    if (options.background && state && !state.lastError) {
      const message = error instanceof Error ? error.message : String(error);
      writeShareState(ref.dir, { ...state, lastError: { at: ctx.now().toISOString(), message } });
    }
    throw error;
  }
}
