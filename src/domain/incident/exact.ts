// A fast path for validating a log on read, and an event on write. Zod checks
// each event and returns a copy; on a night's log of 100,000 events that
// doubles the cost of reading it and holds two copies at once. Nearly every
// line was written by oncall itself, through the same schema, so it is already
// exactly what zod would return. This reads the zod schema (its definition,
// once per type) into a plain description, a Spec, and from that a predicate
// that says "zod would accept this and return it unchanged": the right types,
// fields in the schema's order, nothing extra. Only such a value skips zod;
// anything else (a hand-edited line, a field from a newer version, any doubt)
// still goes through zod, so what is accepted, and the message when it is
// not, stay zod's. One schema, never a second copy of it: a construct this
// reader does not know makes it give up for that type. A Spec is plain JSON,
// so the specs can be kept beside the schemas (exact-specs.ts) and a read or a
// write that zod need not see does not start zod at all.

/** A schema as this fast path knows it: plain JSON (a regex as its source and flags). */
export type Spec =
  | { t: 'object'; keys: string[]; fields: Spec[] }
  | { t: 'string'; min: number; patterns: [string, string][] }
  | { t: 'number'; int: boolean; bounds: [number, boolean][] }
  | { t: 'boolean' }
  | { t: 'values'; values: (string | number | boolean | null)[] }
  | { t: 'optional' | 'nullable'; inner: Spec }
  | { t: 'unknown' }
  | { t: 'record'; value: Spec }
  | { t: 'array'; element: Spec; min: number };

/** The parts of a zod (v4 core) schema definition read here. */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  catchall?: unknown;
  innerType?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
  format?: string;
  coerce?: boolean;
  checks?: readonly { _zod: { def: CheckDef } }[];
}

interface CheckDef {
  check: string;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

export interface Schema {
  _zod: { def: Def };
}

/** Thrown inside the reader for anything it does not know: the type falls back to zod. */
class Unknown extends Error {}

function lengthAtLeast(checks: Def['checks']): number {
  let least = 0;
  for (const { _zod } of checks ?? []) {
    if (_zod.def.check !== 'min_length' || _zod.def.minimum === undefined) throw new Unknown();
    least = Math.max(least, _zod.def.minimum);
  }
  return least;
}

function stringSpec(def: Def): Spec {
  let min = 0;
  const patterns: [string, string][] = [];
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'min_length' && c.minimum !== undefined) min = Math.max(min, c.minimum);
    else if (c.check === 'string_format' && c.format === 'regex' && c.pattern)
      patterns.push([c.pattern.source, c.pattern.flags]);
    else throw new Unknown();
  }
  return { t: 'string', min, patterns };
}

function numberSpec(def: Def): Spec {
  if (def.format !== undefined && def.format !== 'safeint') throw new Unknown();
  const bounds: [number, boolean][] = [];
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check !== 'greater_than' || c.value === undefined) throw new Unknown();
    bounds.push([c.value, c.inclusive === true]);
  }
  return { t: 'number', int: def.format === 'safeint', bounds };
}

/** Literal and enum values: JSON's own, or the reader does not know them. */
function valuesSpec(values: readonly unknown[]): Spec {
  const plain = (v: unknown) =>
    v === null || ['string', 'boolean'].includes(typeof v) || Number.isFinite(v);
  if (!values.every(plain)) throw new Unknown();
  return { t: 'values', values: values as (string | number | boolean | null)[] };
}

function describe(schema: Schema): Spec {
  const def = schema._zod.def;
  if (def.coerce) throw new Unknown();
  switch (def.type) {
    case 'object': {
      if (def.catchall !== undefined || !def.shape) throw new Unknown();
      const keys = Object.keys(def.shape);
      return { t: 'object', keys, fields: keys.map((k) => describe(def.shape?.[k] as Schema)) };
    }
    case 'string':
      return stringSpec(def);
    case 'number':
      return numberSpec(def);
    case 'boolean':
      if (def.checks?.length) throw new Unknown();
      return { t: 'boolean' };
    case 'literal':
      return valuesSpec(def.values ?? []);
    case 'enum':
      return valuesSpec(Object.values(def.entries ?? {}));
    case 'optional':
    case 'nullable':
      return { t: def.type, inner: describe(def.innerType as Schema) };
    case 'unknown':
      return { t: 'unknown' };
    case 'record': {
      const key = def.keyType?._zod.def;
      if (key?.type !== 'string' || key.checks?.length || !def.valueType) throw new Unknown();
      return { t: 'record', value: describe(def.valueType) };
    }
    case 'array':
      return {
        t: 'array',
        element: describe(def.element as Schema),
        min: lengthAtLeast(def.checks),
      };
    default:
      throw new Unknown();
  }
}

/** The Spec of `schema`, or undefined when it uses something this reader does not know. */
export function specOf(schema: Schema): Spec | undefined {
  try {
    return describe(schema);
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
}

/** A Spec as kept in exact-specs.ts: a subtree several Specs share is written once, as `{"$r": its index}`. */
type Kept = unknown;

/**
 * The Spec kept as `kept`, its shared subtrees taken from `shared` (each
 * expanded once, and then the same object wherever it is used).
 */
export function expandSpec(kept: Kept, shared: readonly Kept[], done: unknown[] = []): Spec {
  const expand = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(expand);
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $r?: number }).$r;
    if (typeof ref === 'number') {
      if (done[ref] === undefined) done[ref] = expand(shared[ref]);
      return done[ref];
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, expand(v)]));
  };
  return expand(kept) as Spec;
}
