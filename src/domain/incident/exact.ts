// A fast path for validating a long log on read. Zod checks each event and
// returns a copy; on a night's log of 100,000 events that doubles the cost of
// reading it and holds two copies at once. Nearly every line was written by
// oncall itself, through the same schema, so it is already exactly what zod
// would return. This compiles the zod schema (its definition, read once per
// type) into a plain predicate that says "zod would accept this and return
// it unchanged": the right types, fields in the schema's order, nothing extra.
// Only such a value skips zod; anything else (a hand-edited line, a field from
// a newer version, any doubt) still goes through zod, so what is accepted, and
// the message when it is not, stay zod's. One schema, never a second copy of it:
// a construct this compiler does not know makes it give up for that type.

type Predicate = (value: unknown) => boolean;

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

/** Thrown inside the compiler for anything it does not know: the type falls back to zod. */
class Unknown extends Error {}

function lengthAtLeast(checks: Def['checks']): number {
  let least = 0;
  for (const { _zod } of checks ?? []) {
    if (_zod.def.check !== 'min_length' || _zod.def.minimum === undefined) throw new Unknown();
    least = Math.max(least, _zod.def.minimum);
  }
  return least;
}

function stringCheck(def: Def): Predicate {
  let least = 0;
  const patterns: RegExp[] = [];
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'min_length' && c.minimum !== undefined) least = Math.max(least, c.minimum);
    else if (c.check === 'string_format' && c.format === 'regex' && c.pattern)
      patterns.push(c.pattern);
    else throw new Unknown();
  }
  return (v) => {
    if (typeof v !== 'string' || v.length < least) return false;
    for (const p of patterns) {
      p.lastIndex = 0;
      if (!p.test(v)) return false;
    }
    return true;
  };
}

function numberCheck(def: Def): Predicate {
  if (def.format !== undefined && def.format !== 'safeint') throw new Unknown();
  const integer = def.format === 'safeint';
  const bounds: ((v: number) => boolean)[] = [];
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    const floor = c.value;
    if (c.check !== 'greater_than' || floor === undefined) throw new Unknown();
    bounds.push(c.inclusive ? (v) => v >= floor : (v) => v > floor);
  }
  return (v) =>
    typeof v === 'number' &&
    (integer ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
    bounds.every((b) => b(v));
}

/**
 * An object exactly as zod returns it: a plain object whose own keys are
 * fields of the shape in the shape's order, every required one present.
 */
function objectCheck(def: Def): Predicate {
  if (def.catchall !== undefined || !def.shape) throw new Unknown();
  const keys = Object.keys(def.shape);
  const fields = keys.map((k) => compile(def.shape?.[k] as Schema));
  const optional = keys.map((k) => def.shape?.[k]?._zod.def.type === 'optional');
  return (v) => {
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype)
      return false;
    const record = v as Record<string, unknown>;
    let at = 0;
    for (const key in record) {
      while (at < keys.length && keys[at] !== key) {
        if (!optional[at]) return false;
        at++;
      }
      if (at === keys.length || !fields[at]?.(record[key])) return false;
      at++;
    }
    for (; at < keys.length; at++) if (!optional[at]) return false;
    return true;
  };
}

/**
 * A record of string keys as zod returns it: a plain object (no `__proto__`
 * or `constructor` key to second-guess), its keys in their order, each value
 * as the value schema returns it.
 */
function recordCheck(def: Def): Predicate {
  const key = def.keyType?._zod.def;
  if (key?.type !== 'string' || key.checks?.length || !def.valueType) throw new Unknown();
  const value = compile(def.valueType);
  return (v) => {
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype)
      return false;
    if (Object.hasOwn(v, '__proto__') || Object.hasOwn(v, 'constructor')) return false;
    const record = v as Record<string, unknown>;
    for (const k in record) if (!value(record[k])) return false;
    return true;
  };
}

function compile(schema: Schema): Predicate {
  const def = schema._zod.def;
  if (def.coerce) throw new Unknown();
  switch (def.type) {
    case 'object':
      return objectCheck(def);
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'boolean':
      if (def.checks?.length) throw new Unknown();
      return (v) => typeof v === 'boolean';
    case 'literal': {
      const values = new Set(def.values);
      return (v) => values.has(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = compile(def.innerType as Schema);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType as Schema);
      return (v) => v === null || inner(v);
    }
    case 'unknown':
      return () => true;
    case 'record':
      return recordCheck(def);
    case 'array': {
      const element = compile(def.element as Schema);
      const least = lengthAtLeast(def.checks);
      return (v) => Array.isArray(v) && v.length >= least && v.every(element);
    }
    default:
      throw new Unknown();
  }
}

/**
 * A predicate true only for values `schema` accepts and returns unchanged, or
 * undefined when the schema uses something this compiler does not know.
 */
export function exactCheck(schema: Schema): Predicate | undefined {
  try {
    return compile(schema);
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
}
