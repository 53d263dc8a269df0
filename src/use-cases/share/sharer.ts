// Who shares, for every command that syncs (share, join, sync, timeline
// --follow): the responder, with the full redactor their events pass through
// before they leave the laptop, the team's signing and ref root from config,
// and the Context's clock, waits and git limits.
import { setTimeout as sleep } from 'node:timers/promises';
import { actorOf, type Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { redactForSharing } from '../../domain/redact/redact-event.js';
import { loadConfig } from '../../infra/config/load.js';
import { signingOf } from '../../infra/share/signing.js';
import { dataHome } from '../../infra/store/paths.js';
import type { Sharer } from './sync.js';

export async function sharerFor(ctx: Context): Promise<{ sharer: Sharer; config: ResolvedConfig }> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const redactor = redactorFor(config, ctx.env);
  const signing = signingOf(config);
  const sharer: Sharer = {
    home: dataHome(ctx.env),
    actor: actorOf(ctx.env),
    env: ctx.env,
    now: ctx.now,
    forSharing: (event) => redactForSharing(event, redactor),
    sleep: ctx.sleep ?? ((ms) => sleep(ms)),
    random: Math.random,
    ...(signing ? { signing } : {}),
    ...(config.share?.refs ? { refRoot: config.share.refs } : {}),
    ...(ctx.shareLimits ? { limits: ctx.shareLimits } : {}),
  };
  return { sharer, config };
}
