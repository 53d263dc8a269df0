// JSON for long outputs (`export --json`, `timeline --json`), in pieces: the
// text JSON.stringify(value, null, 2) would give, byte for byte, without ever
// holding all of it. A night's export is tens of megabytes; built as one
// string it is held twice more on its way to stdout.

/** Values JSON leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * The pieces of JSON.stringify(value, null, 2), in order. Arrays and plain
 * objects are taken apart `depth` levels down; what lies deeper (one event,
 * one note) is stringified whole. Every piece is small, however long the value.
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  if (depth <= 0 || !isPlain(value)) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield indent ? text.replaceAll('\n', `\n${indent}`) : text;
    return;
  }
  const inner = `${indent}  `;
  const array = Array.isArray(value);
  let first = true;
  for (const key of array ? value.keys() : Object.keys(value)) {
    const item = (value as Record<string | number, unknown>)[key];
    if (!array && omitted(item)) continue;
    const name = array ? '' : `${JSON.stringify(key)}: `;
    yield `${first ? (array ? '[' : '{') : ','}\n${inner}${name}`;
    first = false;
    if (omitted(item)) yield 'null';
    else yield* jsonPieces(item, depth - 1, inner);
  }
  yield first ? (array ? '[]' : '{}') : `\n${indent}${array ? ']' : '}'}`;
}
