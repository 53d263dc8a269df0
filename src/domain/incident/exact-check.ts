// What a Spec (exact.ts) says of a value: whether zod would accept it and
// return it unchanged (a line read back), and, for an event about to be
// written, what zod would return for it. Plain code, no zod: see exact.ts.
import { type Schema, type Spec, specOf } from './exact.js';

type Predicate = (value: unknown) => boolean;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function stringCheck(spec: Extract<Spec, { t: 'string' }>): Predicate {
  const patterns = spec.patterns.map(([source, flags]) => new RegExp(source, flags));
  return (v) => {
    if (typeof v !== 'string' || v.length < spec.min) return false;
    for (const p of patterns) {
      p.lastIndex = 0;
      if (!p.test(v)) return false;
    }
    return true;
  };
}

function numberCheck({ int, bounds }: Extract<Spec, { t: 'number' }>): Predicate {
  return (v) =>
    typeof v === 'number' &&
    (int ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
    bounds.every(([floor, inclusive]) => (inclusive ? v >= floor : v > floor));
}

/**
 * An object exactly as zod returns it: a plain object whose own keys are
 * fields of the shape in the shape's order, every required one present.
 */
function objectCheck({ keys, fields }: Extract<Spec, { t: 'object' }>): Predicate {
  const checks = fields.map(checkFor);
  const optional = fields.map((f) => f.t === 'optional');
  return (v) => {
    if (!isPlainObject(v)) return false;
    let at = 0;
    for (const key in v) {
      while (at < keys.length && keys[at] !== key) {
        if (!optional[at]) return false;
        at++;
      }
      if (at === keys.length || !checks[at]?.(v[key])) return false;
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
function recordCheck(spec: Extract<Spec, { t: 'record' }>): Predicate {
  const value = checkFor(spec.value);
  return (v) => {
    if (!isPlainObject(v) || Object.hasOwn(v, '__proto__') || Object.hasOwn(v, 'constructor'))
      return false;
    for (const k in v) if (!value(v[k])) return false;
    return true;
  };
}

const made = new WeakMap<Spec, Predicate>();

/** The predicate of a Spec: true only for values zod accepts and returns unchanged (made once per Spec). */
export function checkFor(spec: Spec): Predicate {
  let check = made.get(spec);
  if (!check) {
    check = predicateOf(spec);
    made.set(spec, check);
  }
  return check;
}

function predicateOf(spec: Spec): Predicate {
  switch (spec.t) {
    case 'object':
      return objectCheck(spec);
    case 'string':
      return stringCheck(spec);
    case 'number':
      return numberCheck(spec);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'values': {
      const values = new Set<unknown>(spec.values);
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = checkFor(spec.inner);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = checkFor(spec.inner);
      return (v) => v === null || inner(v);
    }
    case 'unknown':
      return () => true;
    case 'record':
      return recordCheck(spec);
    case 'array': {
      const element = checkFor(spec.element);
      return (v) => Array.isArray(v) && v.length >= spec.min && v.every(element);
    }
  }
}

/**
 * A predicate true only for values `schema` accepts and returns unchanged, or
 * undefined when the schema uses something this reader does not know.
 */
export function exactCheck(schema: Schema): Predicate | undefined {
  const spec = specOf(schema);
  return spec && checkFor(spec);
}

/** Said by zodWouldReturn when it cannot tell (zod decides). */
const DOUBT = Symbol('doubt');

function returned(spec: Spec, v: unknown): unknown {
  switch (spec.t) {
    case 'object': {
      if (!isPlainObject(v)) return DOUBT;
      for (const key in v) if (!spec.keys.includes(key)) return DOUBT; // zod would drop it
      const out: Record<string, unknown> = {};
      for (let i = 0; i < spec.keys.length; i++) {
        const key = spec.keys[i] as string;
        const field = spec.fields[i] as Spec;
        if (!Object.hasOwn(v, key)) {
          if (field.t !== 'optional') return DOUBT;
          continue;
        }
        const made = returned(field, v[key]);
        if (made === DOUBT) return DOUBT;
        out[key] = made;
      }
      return out;
    }
    case 'optional':
      return v === undefined ? undefined : returned(spec.inner, v);
    case 'nullable':
      return v === null ? null : returned(spec.inner, v);
    case 'record': {
      if (!isPlainObject(v) || Object.hasOwn(v, '__proto__') || Object.hasOwn(v, 'constructor'))
        return DOUBT;
      const out: Record<string, unknown> = {};
      for (const [k, value] of Object.entries(v)) {
        const made = returned(spec.value, value);
        if (made === DOUBT) return DOUBT;
        out[k] = made;
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(v) || v.length < spec.min) return DOUBT;
      const out = v.map((e) => returned(spec.element, e));
      return out.includes(DOUBT) ? DOUBT : out;
    }
    default:
      return checkFor(spec)(v) ? v : DOUBT;
  }
}

/**
 * What zod would return for `value` (a copy, fields in the schema's order), or
 * undefined when this cannot tell: then zod must be asked. For an event about
 * to be written, which a command builds in its own key order.
 */
export function zodWouldReturn(spec: Spec, value: unknown): unknown {
  const result = returned(spec, value);
  return result === DOUBT ? undefined : result;
}
