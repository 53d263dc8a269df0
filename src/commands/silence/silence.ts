// `oncall silence --for 2h`: the incident's alert silenced in Alertmanager,
// recorded, warned of before it ends; `--expire` ends the silences early. The
// matchers are the alert's labels as the incident recorded them (`start --from
// alertmanager`), or `--match`; an incident without an Alertmanager alert
// needs `--match`. A drill talks to no Alertmanager.
import type { Context } from '../../context.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import {
  type Matcher,
  matchersFor,
  matchersText,
  matchesEverything,
  parseMatch,
  parseSilenceDuration,
  SILENCE_MAX_DAYS,
} from '../../domain/silence/silences.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { println } from '../../infra/console/output.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import { createSilence, expireSilences } from '../../use-cases/silence/silence.js';
import type { OptionsOf } from '../definition/program.js';
import type { silenceCommand } from './definition.js';

type SilenceOptions = OptionsOf<typeof silenceCommand>;

/** `--match`, else the alert's labels; refused when they would silence nothing or everything. */
function matchersOf(
  state: IncidentState,
  labels: Record<string, string>,
  given: string[],
): Matcher[] {
  if (given.length) {
    return given.map((text) => {
      const matcher = parseMatch(text);
      if (!matcher) {
        throw new UsageError(
          `--match ${text}: write it as name=value (or name!=value, name=~regex, name!~regex)`,
        );
      }
      return matcher;
    });
  }
  if (state.source?.system === 'pagerduty' || !labels.alertname) {
    const why =
      state.source?.system === 'pagerduty'
        ? 'this incident came from PagerDuty, whose details are not an alert Alertmanager knows'
        : 'this incident has no Alertmanager alert (start it --from alertmanager)';
    throw new UsageError(`${why}: say what to silence with --match alertname=<name> (repeatable)`);
  }
  return matchersFor(labels);
}

export async function silence(ctx: Context, options: SilenceOptions): Promise<void> {
  if (options.for !== undefined && options.expire) {
    throw new UsageError('--for and --expire: give one (a silence for a while, or an end to them)');
  }
  if (options.for === undefined && !options.expire) {
    throw new UsageError(
      "say how long: oncall silence --for 2h (or --expire to end the incident's silences)",
    );
  }
  const loaded = loadIncident(ctx, options);
  const { state, events } = loaded;
  const config = await loadConfig(ctx.cwd, ctx.env);
  if (options.expire) {
    if (state.drill) return println(ctx, 'Drill: no Alertmanager is asked; nothing to end.');
    const { lines, ok } = await expireSilences(ctx, config, loaded);
    for (const line of lines) println(ctx, safeLine(line));
    if (!ok) throw new OncallError('', 1);
    return;
  }
  const durationMs = parseSilenceDuration(options.for ?? '');
  if (durationMs === undefined) {
    throw new UsageError(
      `--for ${options.for}: a duration like 2h, 90m or 1h30m (at most ${SILENCE_MAX_DAYS}d)`,
    );
  }
  if (state.status === 'resolved') {
    throw new UsageError(
      `${state.id} is resolved: a silence now would only hide the alert if it came back`,
    );
  }
  const opened = events.find((e) => e.type === 'incident.opened');
  const labels = opened?.type === 'incident.opened' ? (opened.labels ?? {}) : {};
  const matchers = matchersOf(state, labels, options.match);
  if (matchesEverything(matchers)) {
    throw new UsageError(
      `${matchersText(matchers)} would silence every alert: at least one matcher must need a value`,
    );
  }
  if (state.drill) {
    println(ctx, `Drill: no silence made (it would silence ${safeLine(matchersText(matchers))}).`);
    return;
  }
  for (const line of await createSilence(ctx, config, loaded, { matchers, durationMs })) {
    println(ctx, safeLine(line));
  }
}
