// wait steps: a countdown (`seconds: 5m`), or a poll of a read-only command
// until it passes (a code block, or `until: <check step id>` to reuse that
// check's command), every `interval`, for at most `seconds`.
import type { StepMeta } from '../step-meta.js';
import type { Step, WaitStep } from '../types.js';
import type { StepInput } from './input.js';

const DEFAULT_POLL_TIMEOUT = 300;
const DEFAULT_POLL_INTERVAL = 10;
/**
 * A day: the longest a walk waits on a step. A timer holds at most ~24.8
 * days, and one asked for longer fires at once: a poll step then ran its
 * check again and again with no pause between.
 */
const MAX_WAIT_SECONDS = 24 * 3600;

/** "90", "90s", "5m", "1h" -> seconds; undefined when it is none of those. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  const seconds = Math.round(Number(m[1]) * factor);
  return seconds > 0 ? seconds : undefined;
}

export function buildWaitStep(input: StepInput): WaitStep {
  const { head, notes, annotationLine, blocks, take, meta, out } = input;
  const [pollBlock, ...rest] = blocks;
  for (const block of rest) {
    out.warn(block.line, 'a wait step polls only its first code block; this one is shown as text');
  }
  const untilRef = notes.get('until');
  if (untilRef && pollBlock) {
    out.error(pollBlock.line, `wait step "${head.id}" has until: and a code block; keep one`);
  }
  // The check step it names may come later in the file: linked by linkUntil.
  if (untilRef) meta.untilRef = untilRef;
  const until = pollBlock && !untilRef ? take(pollBlock) : undefined;
  const seconds = durationNote(input, 'seconds', '90, 90s, 5m');
  if (!notes.get('seconds') && !pollBlock && !untilRef) {
    out.error(
      annotationLine,
      `wait step "${head.id}" needs seconds: <n> to count down, until: <check step>, or a code block to poll`,
    );
  }
  const interval = durationNote(input, 'interval', '10, 10s, 1m');
  return {
    ...head,
    kind: 'wait',
    seconds: seconds ?? DEFAULT_POLL_TIMEOUT,
    ...(until || untilRef ? { intervalSeconds: interval ?? DEFAULT_POLL_INTERVAL } : {}),
    ...(until ? { until } : {}),
    body: '',
  };
}

/** A duration key's seconds; undefined when absent, or (reported) when it is not a duration. */
function durationNote(
  { notes, annotationLine, out }: StepInput,
  key: 'seconds' | 'interval',
  examples: string,
): number | undefined {
  const text = notes.get(key);
  if (!text) return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    out.error(annotationLine, `${key}: "${text}" is not a duration (${examples})`);
  } else if (seconds > MAX_WAIT_SECONDS) {
    out.error(annotationLine, `${key}: "${text}" is longer than a step can wait (at most 24h)`);
    return undefined;
  }
  return seconds;
}

/**
 * `until: check-health` polls that check step's command: written once, run by
 * both. Links every wait whose `until:` names a check step with a command;
 * lint reports the others.
 */
export function linkUntil(steps: Step[], metas: Map<Step, StepMeta>): void {
  for (const step of steps) {
    const untilRef = metas.get(step)?.untilRef;
    if (step.kind !== 'wait' || !untilRef) continue;
    const target = steps.find((s) => s.id === untilRef);
    if (target?.kind === 'check' && target.command.argv.length) step.until = target.command;
  }
}
