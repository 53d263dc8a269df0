// `oncall join [id]`: takes part in an incident someone shared. Fetches it,
// makes it the active incident, records `responder.joined`, and from then on
// every reading command folds everyone's events.
import type { Context } from '../../context.js';
import { safeLine, safeStrings } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import { setActiveId } from '../../infra/store/incidents.js';
import { askChoice } from '../../terminal/ui/prompts.js';
import { homeOf, loadIncident } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';
import type { RemoteIncident } from '../../use-cases/share/remote-incidents.js';
import { joinShared, listShared, type Sharer } from '../../use-cases/share/shared.js';
import { sharerFor } from '../../use-cases/share/sharer.js';
import type { OptionsOf } from '../definition/program.js';
import type { joinCommand } from './definition.js';
import { remoteFor } from './sharing.js';
import { warnSkipped } from './sync.js';

type JoinOptions = OptionsOf<typeof joinCommand>;

/** A pick-list line (an id is the date and the title); names come from other laptops, so they are made safe. */
function label(i: RemoteIncident): string {
  const who = i.onBranch ? 'shared by an older oncall' : plural(i.responders.length, 'responder');
  return `${safeLine(i.id)}  (${who})`;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The incident to join: the id given (or the one it is part of), else a pick list. */
async function chooseIncident(
  ctx: Context,
  sharer: Sharer,
  remote: string,
  branch: string,
  wanted: string | undefined,
): Promise<string> {
  const all = await listShared(sharer, remote, branch);
  if (all.length === 0) {
    throw new UsageError(`${remote} holds no incidents yet: \`oncall share\` publishes one.`);
  }
  const ids = all.map((i) => i.id);
  if (wanted !== undefined) {
    if (ids.includes(wanted)) return wanted;
    const matches = ids.filter((id) => id.includes(wanted));
    if (matches.length === 1) return matches[0] as string;
    const some = (matches.length ? matches : ids).slice(0, 5).join(', ');
    throw new UsageError(
      matches.length
        ? `${wanted} matches ${matches.length} shared incidents (${some}); give more of the id.`
        : `${remote} holds no incident ${wanted}; it holds: ${some}.`,
    );
  }
  if (!ctx.interactive) {
    throw new UsageError(
      `which incident? Pass its id: oncall join <id>. ${remote} holds: ${ids.slice(0, 5).join(', ')}.`,
    );
  }
  return askChoice(ctx, {
    flag: '<id>',
    message: 'Which incident do you join?',
    choices: all.map((i) => ({
      value: i.id,
      name: label(i),
      ...(i.responders.length
        ? { description: `responders: ${safeLine(i.responders.join(', '))}` }
        : {}),
    })),
  });
}

export async function join(ctx: Context, options: JoinOptions): Promise<void> {
  const { sharer, config } = await sharerFor(ctx);
  const { remote, branch } = remoteFor(ctx, config, options);
  const id = await chooseIncident(ctx, sharer, remote, branch, options.id);
  const { ref, rejoined, result } = await joinShared(sharer, id, remote, branch, (joined) => {
    record(ctx, joined, [{ type: 'responder.joined' }]);
  });
  warnSkipped(ctx, ref.id, result);
  setActiveId(homeOf(ctx), ref.id);
  const state = safeStrings(loadIncident(ctx, { incident: ref.id }).state);
  println(
    ctx,
    `${rejoined ? 'Back in' : 'Joined'} ${ref.id}: ${state.title} (${state.severity}, ${state.status}, commander ${state.commander}).`,
  );
  println(ctx, `Responders: ${state.responders.join(', ')}.`);
  println(
    ctx,
    'It is your active incident. What you record is shared after each command; `oncall sync` fetches the others now.',
  );
}
