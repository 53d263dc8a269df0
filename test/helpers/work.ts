// A meter of the work a piece of code does, for tests that hold the readers to
// linear: not time (a loaded machine would make it flaky) but a count that the
// same code reaches on any machine. While `workOf` runs, every array and string
// method adds the length of what it walks over (the whole array or string,
// the span of a slice or of an indexOf from a position; a sort adds n·log2 n), every
// regular expression the length of its input, and every property read of an
// event wrapped by `metered` adds one. A scan of all notes for each note then
// counts n² where a map lookup counts 1: comparing n and 4n events tells
// linear from quadratic without a clock.

let work = 0;
let metering = false;

const ARRAY_WALKS = [
  'concat',
  'copyWithin',
  'entries',
  'every',
  'fill',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flat',
  'flatMap',
  'forEach',
  'includes',
  'join',
  'keys',
  'lastIndexOf',
  'map',
  'reduce',
  'reduceRight',
  'reverse',
  'some',
  'splice',
  'toReversed',
  'toSpliced',
  'values',
] as const;

const STRING_WALKS = [
  'endsWith',
  'includes',
  'lastIndexOf',
  'localeCompare',
  'match',
  'matchAll',
  'normalize',
  'padEnd',
  'padStart',
  'repeat',
  'replace',
  'replaceAll',
  'search',
  'split',
  'startsWith',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'trimEnd',
  'trimStart',
] as const;

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `owner[name]` by a version that adds `cost(this, args, result)`; returns the undo. */
function meter(
  owner: object,
  name: PropertyKey,
  cost: (self: unknown, args: unknown[], result: unknown) => number,
): () => void {
  const table = owner as Record<PropertyKey, Method>;
  const original = table[name];
  if (typeof original !== 'function') return () => {};
  table[name] = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (metering) work += cost(this, args, result);
    return result;
  };
  return () => {
    table[name] = original;
  };
}

const lengthOf = (self: unknown) => {
  const length = (self as { length?: unknown } | null)?.length;
  return typeof length === 'number' ? length : 0;
};

/** A slice walks what it copies, not what it is cut from. */
const sliceCost = (_self: unknown, _args: unknown[], result: unknown) => lengthOf(result);

/** indexOf from a position walks from there to where it finds the value (or the end). */
const indexOfCost = (self: unknown, args: unknown[], result: unknown) => {
  const from = typeof args[1] === 'number' ? Math.max(0, args[1]) : 0;
  const found = typeof result === 'number' && result >= 0 ? result : lengthOf(self);
  return Math.max(1, found - from + 1);
};

/** The work `fn` does, metered as the file's comment says. */
export function workOf(fn: () => void): number {
  const undo = [
    ...ARRAY_WALKS.map((m) => meter(Array.prototype, m, lengthOf)),
    meter(Array.prototype, Symbol.iterator, lengthOf),
    meter(Array.prototype, 'slice', sliceCost),
    meter(Array.prototype, 'indexOf', indexOfCost),
    meter(String.prototype, 'slice', sliceCost),
    meter(String.prototype, 'substring', sliceCost),
    meter(String.prototype, 'indexOf', indexOfCost),
    meter(Array.prototype, 'sort', (self) => {
      const n = lengthOf(self);
      return n * Math.ceil(Math.log2(n + 1));
    }),
    meter(Array, 'from', (_self, args) => lengthOf(args[0])),
    ...STRING_WALKS.map((m) => meter(String.prototype, m, lengthOf)),
    meter(RegExp.prototype, 'test', (_self, args) => String(args[0]).length),
    meter(RegExp.prototype, 'exec', (_self, args) => String(args[0]).length),
  ];
  work = 0;
  metering = true;
  try {
    fn();
  } finally {
    metering = false;
    for (const u of undo) u();
  }
  return work;
}

/** The events, each behind a proxy that counts its property reads while metering. */
export function metered<T extends object>(events: readonly T[]): T[] {
  return events.map(
    (e) =>
      new Proxy(e, {
        get(target, key, receiver) {
          if (metering) work += 1;
          return Reflect.get(target, key, receiver);
        },
      }),
  );
}
