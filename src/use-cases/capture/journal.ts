// Typed commands into the log, through the one recorder: each event stamped at
// the instant the shell saw (so a command written down after it ended reads
// as it happened, not as backfilled), its free text redacted with the full
// redactor before anything is written, all of one batch in one append.
import type { Context } from '../../context.js';
import type { TimedInput } from '../../domain/capture/typed.js';
import type { TextRedactor } from '../../domain/redact/scrub.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { recordStamped, stamp } from '../journal/record.js';

interface TypedRecording {
  redactor: TextRedactor;
  /** The incident is a drill, and the responder asked for its typed commands. */
  drill: boolean;
}

export function recordTyped(
  ctx: Context,
  ref: IncidentRef,
  timed: readonly TimedInput[],
  how: TypedRecording,
): void {
  if (!timed.length) return;
  const events = timed.map(({ input, at }) =>
    stamp(ctx, ref, input, { now: at, redactor: how.redactor, drill: how.drill }),
  );
  recordStamped(ctx, ref, events);
}
