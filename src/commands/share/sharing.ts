// What `oncall share`, `join` and `sync` have in common: who shares (the
// responder, with the full redactor their events pass through before they
// leave the laptop) and through which remote (--remote, else config).

import { actorOf, type Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { redactForSharing } from '../../domain/redact/redact-event.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { checkBranch, checkRemote } from '../../infra/share/remote.js';
import { homeOf } from '../../use-cases/journal/load.js';
import type { Sharer } from '../../use-cases/share/shared.js';

export async function sharerFor(ctx: Context): Promise<{ sharer: Sharer; config: ResolvedConfig }> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const redactor = redactorFor(config, ctx.env);
  const sharer: Sharer = {
    home: homeOf(ctx),
    actor: actorOf(ctx.env),
    env: ctx.env,
    now: ctx.now,
    forSharing: (event) => redactForSharing(event, redactor),
  };
  return { sharer, config };
}

/** The remote and branch to use: the flags, else config; checked before git runs. */
export function remoteFor(
  ctx: Context,
  config: ResolvedConfig,
  flags: { remote?: string; branch?: string },
): { remote: string; branch: string } {
  const branch = flags.branch
    ? checkBranch(flags.branch, '--branch')
    : checkBranch(config.share?.branch ?? 'main');
  if (flags.remote) return { remote: checkRemote(flags.remote, ctx.cwd, '--remote'), branch };
  if (!config.share) {
    throw new UsageError(
      'no share remote: set `share: { remote: <git url or path> }` in the config, or pass --remote <url>.',
    );
  }
  return { remote: checkRemote(config.share.remote, config.share.baseDir), branch };
}
