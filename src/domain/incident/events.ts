// The event log's schema: one JSON object per line, validated on write and on read.
// Every event type of every command is joined here (each family in its own
// module: events-incident, events-delivery, events-silence, events-walk), so the log has one contract.
// zod/mini: the same schemas, tree-shaken to a few kilobytes, because every
// `oncall note` parses this module.
import * as z from 'zod/mini';
import { deliveryEventBuilders } from './events-delivery.js';
import { incidentEventBuilders } from './events-incident.js';
import { silenceEventBuilders } from './events-silence.js';
import { walkEventBuilders } from './events-walk.js';
import { expandSpec, type Spec } from './exact.js';
import { checkFor, zodWouldReturn } from './exact-check.js';
import { EXACT_SHARED, EXACT_SPECS } from './exact-specs.js';
import type { NoteKind } from './note-kinds.js';
import { SEVERITIES, type Severity } from './severity.js';

export { SCHEMA_VERSION, severitySchema } from './event-parts.js';
export type { NoteKind, Severity };
// The vocabularies live in zod-free modules (the command definitions read them);
// re-exported here so the log's contract still reads from one place.
export { SEVERITIES };

/**
 * One builder per event type. Schemas are built on first use, one type at a
 * time: `oncall note` validates a single note and must not pay for building
 * (or JIT-compiling) the validators of every other type.
 */
const builders = {
  ...incidentEventBuilders,
  ...deliveryEventBuilders,
  ...silenceEventBuilders,
  ...walkEventBuilders,
};

type Builders = typeof builders;
export type EventType = keyof Builders;
export type OncallEvent = { [K in EventType]: z.infer<ReturnType<Builders[K]>> }[EventType];

// One parse per process on the hot path: interpreting beats compiling a validator.
z.config({ jitless: true });

/** Every event type of the log. */
export const EVENT_TYPES = Object.keys(builders) as EventType[];

const built = new Map<EventType, z.ZodMiniType>();
/** The schema of one event type, built on first use. */
export function schemaFor(type: EventType): z.ZodMiniType {
  let schema = built.get(type);
  if (!schema) {
    schema = builders[type]();
    built.set(type, schema);
  }
  return schema;
}

export interface Issue {
  path: PropertyKey[];
  message: string;
}
type Validation = { success: true; data: OncallEvent } | { success: false; issues: Issue[] };

/** What zod/mini says of a field, as the log's warnings say it: it carries no wording of its own ("Invalid input"). */
interface ZodIssueFacts extends Issue {
  code?: string;
  expected?: string;
  values?: readonly unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

function plainIssue(issue: ZodIssueFacts): Issue {
  const { path, code, expected, values, minimum, maximum, inclusive } = issue;
  const said = (message: string): Issue => ({ path, message });
  // From the facts first: zod's wording depends on whether full zod (the config's
  // schema) loaded its English locale in this process before ('Invalid input' or
  // 'Invalid input: expected string, received number'), and must not.
  if (code === 'invalid_type' && expected) return said(`expected ${expected}`);
  if (code === 'invalid_value' && values?.length)
    return said(`expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  if (code === 'too_small' && minimum !== undefined)
    return said(`expected ${inclusive === false ? 'more than' : 'at least'} ${minimum}`);
  if (code === 'too_big' && maximum !== undefined)
    return said(`expected ${inclusive === false ? 'less than' : 'at most'} ${maximum}`);
  if (code === 'unrecognized_keys') return said('has fields the event does not have');
  if (issue.message !== 'Invalid input') return said(issue.message);
  return said('does not match the event schema');
}

/** Validates anything read from or about to be written to a log. */
export function validateEvent(value: unknown): Validation {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(builders, type)) {
    const message =
      typeof type === 'string' ? `unknown event type "${type}"` : 'missing the event type';
    return { success: false, issues: [{ path: ['type'], message }] };
  }
  const parsed = schemaFor(type as EventType).safeParse(value);
  return parsed.success
    ? { success: true, data: parsed.data as OncallEvent }
    : { success: false, issues: parsed.error.issues.map(plainIssue) };
}

const specs = new Map<EventType, Spec | undefined>();
let shared: { kept: unknown[]; done: unknown[] } | undefined;
/** The type's Spec (exact.ts), as kept in exact-specs.ts: no schema is built, and zod is not started. */
function specFor(type: EventType): Spec | undefined {
  if (!specs.has(type)) {
    const kept = EXACT_SPECS[type];
    shared ??= { kept: JSON.parse(EXACT_SHARED) as unknown[], done: [] };
    specs.set(type, kept ? expandSpec(JSON.parse(kept), shared.kept, shared.done) : undefined);
  }
  return specs.get(type);
}

const knownType = (value: unknown): EventType | undefined => {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(builders, type)
    ? (type as EventType)
    : undefined;
};

/**
 * Validates an event read back from a log. A line as oncall writes it (what
 * zod would return unchanged) passes a check made from the same schema and
 * is kept as parsed, without zod's copy (see exact.ts); anything else goes
 * through zod, so what is accepted, and the message when not, are zod's.
 */
export function validateLoggedEvent(value: unknown): Validation {
  const type = knownType(value);
  const spec = type && specFor(type);
  if (spec && checkFor(spec)(value)) return { success: true, data: value as OncallEvent };
  return validateEvent(value);
}

/**
 * Validates an event about to be written: what zod would return for it (its
 * fields in the schema's order), worked out without zod when the event holds
 * only what the schema knows (exact-check.ts), else zod's own answer.
 */
export function validateNewEvent(value: unknown): Validation {
  const type = knownType(value);
  const spec = type && specFor(type);
  const data = spec && zodWouldReturn(spec, value);
  return data ? { success: true, data: data as OncallEvent } : validateEvent(value);
}

export type EventOf<T extends EventType> = Extract<OncallEvent, { type: T }>;

/** The fields a command supplies; the store fills in v, id, incident, ts, actor, lamport, hlc. */
export type EventInput<T extends EventType = EventType> = T extends EventType
  ? Omit<
      EventOf<T>,
      'v' | 'id' | 'incident' | 'ts' | 'actor' | 'recordedAt' | 'lamport' | 'hlc'
    > & {
      ts?: string;
    }
  : never;

/**
 * One small handler per event type, for a fold that reads a log: each says what
 * its event changes in `S`; types without a handler change nothing.
 */
export type EventHandlers<S> = { [T in EventType]?: (state: S, event: EventOf<T>) => void };

/** Gives `event` to the handler for its type, if there is one. */
export function handleEvent<S>(handlers: EventHandlers<S>, state: S, event: OncallEvent): void {
  // The table pairs each type with its own event; TypeScript cannot follow that through an index.
  const handle = handlers[event.type] as ((state: S, event: OncallEvent) => void) | undefined;
  handle?.(state, event);
}
