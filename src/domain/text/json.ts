// JSON for long outputs (`export --json`, `timeline --json`), in pieces: the
// text JSON.stringify(value, null, 2) would give, byte for byte, without ever
// holding all of it. A night's export is tens of megabytes; built as one
// string it is held twice more on its way to stdout. Arrays (the long part)
// go out a few hundred elements at a time, each run stringified by
// JSON.stringify itself at the depth it sits (see `at`), so the pieces cost
// what one JSON.stringify of everything would.

/** Elements of an array stringified together. */
const RUN = 256;

/** Values JSON leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** A plain object, taken apart key by key. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * JSON.stringify(values, null, 2) as if `values` were the elements of an
 * array `level` deep: the elements' text only, each line indented for that
 * depth, without the brackets around them. Nested in `level - 1` arrays, the
 * run is indented by JSON.stringify itself, and the wrapping is cut off.
 */
function at(level: number, values: unknown[]): string {
  let wrapped: unknown = values;
  let head = 0;
  let tail = 0;
  for (let depth = 0; depth < level; depth++) {
    if (depth > 0) wrapped = [wrapped];
    head += 2 * depth + 2; // "[\n" after its indentation
    tail += 2 * depth + 2; // "\n]" after its indentation
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(head, text.length - tail);
}

/**
 * The pieces of JSON.stringify(value, null, 2), in order. Plain objects are
 * taken apart key by key; arrays run by run. Every piece is small, however
 * long the value.
 */
export function* jsonPieces(value: unknown, level = 0): Generator<string> {
  const indent = '  '.repeat(level);
  if (isPlainArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i += RUN)
      yield `${i === 0 ? '[' : ','}\n${at(level + 1, value.slice(i, i + RUN))}`;
    yield `\n${indent}]`;
    return;
  }
  if (!isPlainObject(value)) {
    // A value in an object, at its depth: as the one element of an array there, without its indentation.
    yield level === 0
      ? (JSON.stringify(value, null, 2) ?? 'undefined')
      : at(level, [value]).slice(2 * level);
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (omitted(item)) continue;
    yield `${first ? '{' : ','}\n${indent}  ${JSON.stringify(key)}: `;
    first = false;
    yield* jsonPieces(item, level + 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}
