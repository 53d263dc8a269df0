// Silences made in Alertmanager for the incident's alert (`oncall silence`).
// One builder per event type, as in events.ts (which joins the families).
import * as z from 'zod/mini';
import { base, isoTs, matchersSchema } from './event-parts.js';

export const silenceEventBuilders = {
  /** A silence created for the incident's alert (`oncall silence --for 2h`). */
  'silence.created': () =>
    z.object({
      ...base(),
      type: z.literal('silence.created'),
      /** Alertmanager's silenceID. */
      silence: z.string().check(z.minLength(1)),
      matchers: matchersSchema(),
      startsAt: isoTs(),
      endsAt: isoTs(),
      /** The words it was created with: who, and the incident it is for. */
      comment: z.string(),
    }),
  /** A silence ended before its time (`oncall silence --expire`, `resolve --expire-silences`). */
  'silence.expired': () =>
    z.object({
      ...base(),
      type: z.literal('silence.expired'),
      silence: z.string().check(z.minLength(1)),
    }),
};
