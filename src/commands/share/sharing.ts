// What `oncall share` and `join` have in common: through which remote
// (--remote, else config). Who shares: use-cases/share/sharer.ts.
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { UsageError } from '../../errors.js';
import { checkBranch, checkRemote } from '../../infra/share/remote.js';

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
