// `oncall timeline [--json|--md]`: the log in the order things happened.
import type { Context } from '../context.js';
import { describeEvent } from '../incident/describe.js';
import { byTime } from '../incident/fold.js';
import { clockTime, utcClock } from '../incident/time.js';
import { printJson, println } from '../ui/output.js';
import { type IncidentOptions, loadIncident } from './common.js';

export interface TimelineOptions extends IncidentOptions {
  json?: boolean;
  md?: boolean;
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export async function timeline(ctx: Context, options: TimelineOptions): Promise<void> {
  const { state, events } = loadIncident(ctx, options);
  const ordered = byTime(events);
  if (options.json) {
    printJson(ctx, ordered);
    return;
  }
  if (options.md) {
    println(ctx, `## Timeline: ${mdCell(state.title)} (${state.id})`);
    println(ctx);
    println(ctx, '| UTC | Local | Who | What |');
    println(ctx, '|---|---|---|---|');
    for (const e of ordered) {
      const backfilled = e.recordedAt ? ' _(backfilled)_' : '';
      println(
        ctx,
        `| ${utcClock(e.ts)} | ${clockTime(e.ts)} | ${e.actor} | ${mdCell(describeEvent(e))}${backfilled} |`,
      );
    }
    return;
  }
  println(ctx, `${state.title}  (${state.id})`);
  for (const e of ordered) {
    const marks = `${e.recordedAt ? '*' : ' '}${e.drill ? 'd' : ' '}`;
    println(ctx, `${clockTime(e.ts)}${marks} ${e.actor.padEnd(16)} ${describeEvent(e)}`);
  }
  if (ordered.some((e) => e.recordedAt)) println(ctx, '* backfilled with --at');
}
