// `oncall outbox`: what waits to be sent (channel, for whom, age, last error)
// and what failed for good; `oncall outbox flush`: send it now. Later
// commands also start a flush in the background when a retry is due.

import { actorOf, type Context } from '../../context.js';
import {
  failed,
  foldOutbox,
  heldUntil,
  type Outbox,
  type OutboxItem,
  waiting,
  waitingLine,
} from '../../domain/delivery/outbox.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { printJson, println } from '../../infra/console/output.js';
import { markFailed, takeFailed } from '../../infra/delivery/outbox-files.js';
import { readLog } from '../../infra/store/log.js';
import { flushOutbox, type Targets } from '../../use-cases/delivery/flush.js';
import { channelLabel, failedLine, resultLine } from '../../use-cases/delivery/report.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { outboxFlushCommand, outboxListCommand } from './definition.js';

function what(item: OutboxItem): string {
  const thing = item.via === 'pagerduty-rest' ? '' : ' alert';
  const kind =
    item.kind === 'acknowledge' || item.kind === 'resolve' ? `${item.kind}${thing}` : item.kind;
  return item.toName || item.to ? `${kind} for ${item.toName ?? item.to}` : kind;
}

function itemLine(ctx: Context, item: OutboxItem, outbox: Outbox): string {
  const age = formatDuration(ctx.now().getTime() - Date.parse(item.queuedAt));
  const tries = item.attempts
    ? `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`
    : 'not tried yet';
  const held = item.state === 'waiting' ? heldUntil(outbox, item.channel, ctx.now()) : undefined;
  const next = held
    ? `; held until ${localClock(held, ctx.env.TZ)} (the channel asked for a pause: HTTP 429)`
    : item.nextAttemptAt
      ? `; next try ${localClock(item.nextAttemptAt, ctx.env.TZ)}`
      : '';
  const error = item.last?.error ? `: ${item.last.error}` : '';
  return `  ${channelLabel(item)} · ${what(item)} · ${age} old · ${tries}${next}${error}`;
}

function asJson(item: OutboxItem) {
  const { target: _target, request: _request, ...rest } = item;
  return rest;
}

export async function outboxList(
  ctx: Context,
  options: OptionsOf<typeof outboxListCommand>,
): Promise<void> {
  const { ref, events } = loadIncident(ctx, options);
  takeFailed(ref.dir); // shown here, in full
  // This responder's outbox: a peer's messages are theirs to send.
  const outbox = foldOutbox(events, actorOf(ctx.env));
  const waits = waiting(outbox);
  const failures = failed(outbox);
  if (options.json) {
    printJson(ctx, { waiting: waits.map(asJson), failed: failures.map(asJson) });
    return;
  }
  const delivered = outbox.items.filter((i) => i.state === 'delivered').length;
  if (!waits.length && !failures.length) {
    println(ctx, `Nothing waits to be sent${delivered ? ` (${delivered} delivered)` : ''}.`);
    return;
  }
  if (waits.length) {
    println(ctx, `${waitingLine(waits.length)}:`);
    for (const item of waits) println(ctx, safeLine(itemLine(ctx, item, outbox)));
  }
  if (failures.length) {
    println(
      ctx,
      `${failures.length} failed for good (fix it, then \`oncall outbox flush --failed\`):`,
    );
    for (const item of failures) println(ctx, safeLine(itemLine(ctx, item, outbox)));
  }
  if (waits.length) println(ctx, 'Send now: `oncall outbox flush`.');
}

/** Today's channels and PagerDuty section, when the config can be read; a flush still works from what was recorded. */
async function targetsNow(ctx: Context): Promise<Targets> {
  try {
    const { channels, pagerduty } = await loadConfig(ctx.cwd, ctx.env);
    return { channels, pagerduty };
  } catch {
    return {};
  }
}

export async function outboxFlush(
  ctx: Context,
  options: OptionsOf<typeof outboxFlushCommand>,
): Promise<void> {
  if (options.quiet) {
    // The background flush: it has no terminal to speak to, and must never fail loudly.
    try {
      await flushQuietly(ctx, options);
    } catch {
      // The items stay in the log; the next command or `oncall outbox flush` tries again.
    }
    return;
  }
  const { ref } = loadIncident(ctx, options);
  const results = await flushOutbox(ctx, ref, {
    due: options.due,
    failed: options.failed,
    ...(await targetsNow(ctx)),
  });
  const outbox = foldOutbox(readLog(ref.file).events);
  for (const result of results) println(ctx, safeLine(resultLine(result, outbox, ctx.now())));
  const left = waiting(outbox).length;
  const broken = failed(outbox).length;
  if (!results.length && !left) println(ctx, 'Nothing waits to be sent.');
  if (left)
    println(ctx, `${waitingLine(left)}; retried by later commands, or \`oncall outbox flush\`.`);
  if (broken) {
    println(
      ctx,
      `${broken} failed for good: \`oncall outbox\` shows why; fix it, then \`oncall outbox flush --failed\`.`,
    );
  }
  // Something this flush could not deliver: a script that flushes learns it from the exit code,
  // and one that sent nothing because another process holds the items does not exit 0 either.
  const undelivered = results.some((r) =>
    ['retry', 'failed', 'late', 'busy', 'held'].includes(r.outcome),
  );
  if (undelivered || broken) throw new OncallError('', 1);
}

async function flushQuietly(ctx: Context, options: OptionsOf<typeof outboxFlushCommand>) {
  const { ref } = loadIncident(ctx, options);
  const results = await flushOutbox(ctx, ref, {
    due: options.due,
    failed: options.failed,
    ...(await targetsNow(ctx)),
  });
  for (const result of results) {
    if (result.outcome === 'failed') markFailed(ref.dir, failedLine(result.item, result.error));
  }
}
