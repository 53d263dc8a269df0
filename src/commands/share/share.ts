// `oncall share`: publishes the active incident to the team's git remote, so
// others can `oncall join` it. From then on every event recorded here is sent
// by a background sync.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { println } from '../../infra/console/output.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { publishIncident } from '../../use-cases/share/shared.js';
import { sharerFor } from '../../use-cases/share/sharer.js';
import type { OptionsOf } from '../definition/program.js';
import type { shareCommand } from './definition.js';
import { remoteFor } from './sharing.js';
import { warnSkipped } from './sync.js';

type ShareOptions = OptionsOf<typeof shareCommand>;

export async function share(ctx: Context, options: ShareOptions): Promise<void> {
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const { sharer, config } = await sharerFor(ctx);
  const { remote, branch } = remoteFor(ctx, config, options);
  const result = await publishIncident(sharer, ref, remote, branch);
  warnSkipped(ctx, ref.id, result);
  const sent = `${result.sent} event${result.sent === 1 ? '' : 's'} sent`;
  const others = result.peers.length ? `; ${safeLine(result.peers.join(', '))} already here` : '';
  println(ctx, `Shared ${ref.id} on ${remote} (${sent}${others}).`);
  println(ctx, `Others join with: oncall join ${ref.id}`);
}
