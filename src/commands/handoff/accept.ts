// A handoff is complete when the incoming commander accepts it: with
// `oncall handoff --accept`, or by answering yes when oncall asks on their next
// command (on a terminal, for a shared incident). Until then every laptop's
// status says the handoff is not yet accepted.

import { actorOf, type Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { EventOf } from '../../domain/incident/events.js';
import { localClock } from '../../domain/incident/time.js';
import { safeLine, safeStrings } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import { readShareState } from '../../infra/share/share-state.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { askConfirm } from '../../terminal/ui/prompts.js';
import { homeOf, type IncidentOptions, loadIncident } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';

const userOf = (who: string) => (who.split('@')[0] ?? who).toLowerCase();

/**
 * Is `actor` (user@host) the person the handoff names (a contact key)? The
 * key is their user name, their actor, or their contact's email.
 */
function isAddressee(actor: string, handoff: EventOf<'handoff'>, config: ResolvedConfig): boolean {
  const to = handoff.to.toLowerCase();
  if (actor.toLowerCase() === to || userOf(actor) === userOf(to)) return true;
  const email = config.contacts[handoff.to]?.email?.toLowerCase();
  return email !== undefined && (email === actor.toLowerCase() || userOf(email) === userOf(actor));
}

function accept(
  ctx: Context,
  loaded: ReturnType<typeof loadIncident>,
  pending: EventOf<'handoff'>,
) {
  record(ctx, loaded.ref, [{ type: 'handoff.accepted', handoff: pending.id }]);
  const shown = safeStrings(pending); // written on another laptop
  const note = shown.note ? ` Their note: ${shown.note}` : '';
  println(
    ctx,
    `You are now incident commander of ${safeLine(loaded.ref.id)} (handed over by ${shown.from} at ${localClock(pending.ts, ctx.env.TZ)}).${note}`,
  );
}

/** `oncall handoff --accept`. */
export async function acceptHandoff(ctx: Context, options: IncidentOptions): Promise<void> {
  const loaded = loadIncident(ctx, options);
  const pending = loaded.state.handoffOffered;
  if (!pending) {
    throw new UsageError(
      `no handoff is waiting to be accepted in ${loaded.ref.id}; the commander is ${loaded.state.commander}.`,
    );
  }
  const me = actorOf(ctx.env);
  const { loadConfig } = await import('../../infra/config/load.js');
  const config = await loadConfig(ctx.cwd, ctx.env);
  if (!isAddressee(me, pending, config)) {
    const shown = safeStrings(pending);
    const to = shown.toName ?? shown.to;
    throw new UsageError(
      `the handoff is to ${to} (${shown.to}), and you are ${me}: only ${to} accepts it. If that is you, set ONCALL_ACTOR=${shown.to}@<host> or give contact ${shown.to} your email.`,
    );
  }
  accept(ctx, loaded, pending);
}

/**
 * Before a command on a shared incident, on a terminal: if a handoff to this
 * responder waits, ask whether to take over now. Never fails the command it precedes.
 */
export async function offerHandoff(ctx: Context, options: IncidentOptions): Promise<void> {
  if (!ctx.interactive) return;
  let loaded: ReturnType<typeof loadIncident>;
  try {
    const ref = resolveIncident(homeOf(ctx), options.incident);
    if (!readShareState(ref.dir)) return;
    loaded = loadIncident(ctx, options, { quiet: true });
  } catch {
    return; // the command itself reports what is wrong
  }
  const pending = loaded.state.handoffOffered;
  if (!pending) return;
  // Loaded only now: the config's schema costs every command on a terminal more than the check.
  const { loadConfig } = await import('../../infra/config/load.js');
  const config = await loadConfig(ctx.cwd, ctx.env).catch(() => undefined);
  if (!config || !isAddressee(actorOf(ctx.env), pending, config)) return;
  const shown = safeStrings(pending);
  const note = shown.note ? ` (“${shown.note}”)` : '';
  const yes = await askConfirm(ctx, {
    flag: '--accept',
    message: `${shown.from} handed ${safeLine(loaded.ref.id)} to you at ${localClock(pending.ts, ctx.env.TZ)}${note}. Take over as incident commander now?`,
    default: true,
  });
  if (yes) accept(ctx, loaded, pending);
}
