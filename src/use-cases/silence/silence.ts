// Silences tied to the incident, in Alertmanager (API v2): made for the
// incident's alert (POST /api/v2/silences: matchers from its labels, the
// responder as createdBy, the incident named in the comment) and recorded
// with the id Alertmanager gave; ended early (DELETE /api/v2/silence/{id}).
// A silence that already holds for the same matchers is made longer (posted
// with its id): Alertmanager keeps the id or, when it cannot, ends the old one
// and gives a new id, which is what is recorded. Every call is bounded; a
// failure is one line, and nothing is recorded that Alertmanager did not do.
import { actorOf, type Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { EventInput } from '../../domain/incident/events.js';
import { localClock } from '../../domain/incident/time.js';
import {
  activeSilences,
  foldSilences,
  type IncidentSilence,
  type Matcher,
  matchersText,
  silencedAlert,
} from '../../domain/silence/silences.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import { type AlertmanagerApi, alertmanagerApi } from '../../infra/intake/alertmanager.js';
import { callTimeoutMs } from '../../infra/intake/pagerduty.js';
import { readSilenceMarks, writeSilenceMarks } from '../../infra/silence/marker.js';
import type { LoadedIncident } from '../journal/load.js';
import { record } from '../journal/record.js';

function apiOf(ctx: Context, config: ResolvedConfig): AlertmanagerApi {
  const timeoutMs = callTimeoutMs(config.alertmanager, ctx.delivery?.attemptMs);
  const api = alertmanagerApi(config.alertmanager, ctx.env, timeoutMs);
  // What the config lacks (the URL, a variable it names): bad usage, exit 2, as for `start --from`.
  if ('problem' in api) throw new UsageError(`${api.problem}; nothing silenced`);
  return api;
}

const sameMatchers = (a: readonly Matcher[], b: readonly Matcher[]) =>
  JSON.stringify(a.map((m) => ({ ...m, isEqual: m.isEqual ?? true }))) ===
  JSON.stringify(b.map((m) => ({ ...m, isEqual: m.isEqual ?? true })));

/** The silence id Alertmanager answered with (`{"silenceID": "…"}`). */
function silenceIdOf(json: unknown): string | undefined {
  const id = (json as { silenceID?: unknown } | undefined)?.silenceID;
  return typeof id === 'string' && id ? id : undefined;
}

function remember(loaded: LoadedIncident, id: string, endsAt: string, matchers: Matcher[]): void {
  const alert = silencedAlert({ matchers });
  const marks = readSilenceMarks(loaded.ref.dir).filter((m) => m.id !== id);
  writeSilenceMarks(loaded.ref.dir, [...marks, { id, endsAt, ...(alert ? { alert } : {}) }]);
}

function forget(loaded: LoadedIncident, ids: readonly string[]): void {
  const marks = readSilenceMarks(loaded.ref.dir);
  const left = marks.filter((m) => !ids.includes(m.id));
  if (left.length !== marks.length) writeSilenceMarks(loaded.ref.dir, left);
}

/** Makes (or makes longer) the incident's silence for `durationMs`; the lines to show. */
export async function createSilence(
  ctx: Context,
  config: ResolvedConfig,
  loaded: LoadedIncident,
  request: { matchers: Matcher[]; durationMs: number },
): Promise<string[]> {
  const { state, events } = loaded;
  const api = apiOf(ctx, config);
  const now = ctx.now();
  const { matchers } = request;
  const holding = activeSilences(foldSilences(events), now).find((s) =>
    sameMatchers(s.matchers, matchers),
  );
  const endsAt = new Date(now.getTime() + request.durationMs).toISOString();
  const startsAt = holding?.startsAt ?? now.toISOString();
  const comment = safeLine(`oncall incident ${state.id}: ${state.title}`).slice(0, 1000);
  const body = {
    matchers,
    startsAt,
    endsAt,
    createdBy: `${actorOf(ctx.env)} (oncall)`,
    comment,
  };
  let answer = await api.createSilence(holding ? { id: holding.id, ...body } : body);
  // Alertmanager no longer has it (restarted without its data, or it was
  // deleted there): "silence not found". A new one holds instead.
  if (holding && !answer.ok && answer.status === 404) answer = await api.createSilence(body);
  if (!answer.ok) throw new OncallError(`${answer.problem}; nothing silenced`);
  const id = silenceIdOf(answer.json);
  if (!id)
    throw new OncallError(`${api.shown} answered without a silenceID; check it in Alertmanager`);
  const replaced = holding && holding.id !== id ? holding.id : undefined;
  const inputs: EventInput[] = [
    ...(replaced ? [{ type: 'silence.expired' as const, silence: replaced }] : []),
    { type: 'silence.created', silence: id, matchers, startsAt, endsAt, comment },
  ];
  record(ctx, loaded.ref, inputs, { now });
  if (replaced) forget(loaded, [replaced]);
  remember(loaded, id, endsAt, matchers);
  const verb = holding ? 'Silence made longer' : 'Silenced';
  return [
    `${verb}: ${matchersText(matchers)} until ${localClock(endsAt, ctx.env.TZ)} (silence ${id}).`,
    'You are warned 10 minutes before it ends; `oncall silence --expire` ends it sooner.',
  ];
}

/** Ends the incident's silences that still hold; the lines to show, and whether all ended. */
export async function expireSilences(
  ctx: Context,
  config: ResolvedConfig,
  loaded: LoadedIncident,
): Promise<{ lines: string[]; ok: boolean }> {
  const holding = activeSilences(foldSilences(loaded.events), ctx.now());
  if (!holding.length) return { lines: ['No silence of this incident holds now.'], ok: true };
  const api = apiOf(ctx, config);
  const lines: string[] = [];
  const ended: IncidentSilence[] = [];
  for (const silence of holding) {
    const answer = await api.expireSilence(silence.id);
    // Alertmanager before 0.22 answered 500 "already expired" where it now answers 200.
    const gone =
      !answer.ok && (answer.status === 404 || /\balready expired\b/i.test(answer.problem));
    if (answer.ok || gone) {
      ended.push(silence);
      lines.push(
        gone
          ? `Silence ${silence.id} is no longer in Alertmanager; recorded as ended.`
          : `Ended silence ${silence.id} (${matchersText(silence.matchers)}).`,
      );
    } else lines.push(`Could not end silence ${silence.id}: ${answer.problem}`);
  }
  if (ended.length) {
    record(
      ctx,
      loaded.ref,
      ended.map((s) => ({ type: 'silence.expired' as const, silence: s.id })),
    );
    forget(
      loaded,
      ended.map((s) => s.id),
    );
  }
  return { lines, ok: ended.length === holding.length };
}

/** Silences that still hold, for `resolve` to offer to end. */
export function holdingSilences(loaded: LoadedIncident, now: Date): IncidentSilence[] {
  return activeSilences(foldSilences(loaded.events), now);
}

/** The incident is resolved: no more warnings of silences ending (they hold as long as they were made for). */
export function stopSilenceWarnings(loaded: LoadedIncident): void {
  writeSilenceMarks(loaded.ref.dir, []);
}
