// What runs around a command, whichever way it was parsed: by commander
// (cli.ts) or on the fast path of the everyday commands (fast-command.ts).
// One place, so the two cannot drift apart. No commander here.
import type { GlobalOptions } from './commands/definition/program.js';
import type { Context } from './context.js';

/** The commands on the incident that first offer a handoff made to this responder. */
const OFFERS_HANDOFF: ReadonlySet<string> = new Set([
  'run',
  'status',
  'sev',
  'silence',
  'impact',
  'timeline',
  'resume',
  'update',
  'escalate',
  'postmortem',
]);

/**
 * Before any command but the outbox's own, the note, and what runs without a
 * person (a shell's start: `hook`; a terminal's recorder: `capture record`):
 * retry what is due in the incident's outbox, in the background, and warn once
 * of a silence about to end (the note does both itself). Never fails the
 * command (no incident yet is fine). `path`: the command's words
 * (`['outbox', 'flush']`).
 */
export async function nudgeOutboxBefore(
  ctx: Context,
  path: readonly string[],
  incident: string | undefined,
): Promise<void> {
  const name = path.at(-1);
  const unattended = name === 'hook' || (path[0] === 'capture' && name === 'record');
  if (path[0] === 'outbox' || name === 'note' || unattended) return;
  try {
    const { resolveIncident } = await import('./infra/store/incidents.js');
    const { dataHome } = await import('./infra/store/paths.js');
    const { nudgeOutbox } = await import('./use-cases/delivery/nudge.js');
    const { warnSilencesEnding } = await import('./use-cases/silence/warn.js');
    const ref = resolveIncident(dataHome(ctx.env), incident);
    // `oncall status` shows failed deliveries itself.
    nudgeOutbox(ctx, ref, { showFailed: name !== 'status' });
    // Once, whatever the command: a silence of the incident ends within ten minutes.
    warnSilencesEnding(ctx, ref);
  } catch {
    // No incident to nudge: nothing waits.
  }
}

/**
 * `run`, preceded (on a terminal, for a shared incident) by the offer to
 * accept a handoff made to this responder, for the commands that make it.
 */
export function offeringHandoff<O>(
  name: string,
  run: (ctx: Context, options: O) => Promise<void>,
): (ctx: Context, options: O) => Promise<void> {
  if (!OFFERS_HANDOFF.has(name)) return run;
  return async (ctx, options) => {
    if (ctx.interactive) {
      const { offerHandoff } = await import('./commands/handoff/accept.js');
      // Every command takes the global options (--incident).
      await offerHandoff(ctx, options as GlobalOptions);
    }
    await run(ctx, options);
  };
}
