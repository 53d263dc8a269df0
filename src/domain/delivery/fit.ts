// A request body within a number of bytes, cutting the least important first:
// 1. lists lose their oldest items (a list of strings, or the bullet lines of
//    a text), the longest list first, each keeping its newest item and a line
//    saying how many were cut;
// 2. then the longest texts are cut, all down to one length found for them
//    (so one wall of text does not cost every other field its words);
// 3. and if even that is not enough, every cuttable text and list is emptied
//    to its marker.
// Only what the channel marks cuttable is touched (its texts, never a type,
// an id, a key or a URL), so the body stays one the service accepts. Sizes are
// JSON bytes (bytes.ts). Pure: a body in, a new body out.
import { cutText, jsonBytes, jsonSize } from './bytes.js';

export type Path = readonly (string | number)[];
/** Which strings and lists of strings of a body may be cut. */
export type Cuttable = (path: Path) => boolean;

type Holder = Record<string | number, unknown>;
interface Slot {
  holder: Holder;
  key: string | number;
}

/** What stands for the oldest items of a list once they are cut. */
const itemsCut = (n: number) => `(cut: ${n} more earlier items)`;

/** A bullet line: `- `, `* `, `• `, `1. `, indented or not. */
const BULLET = /^\s*(?:[-*\u2022]|\d+[.)])\s+(?:\[[ x]\]\s+)?/;

/** A list whose oldest items can go: sizes oldest first, what was dropped, and the marker's cost. */
interface Unit {
  sizes: number[];
  dropped: number;
  bytes: number;
  markerBytes: (n: number) => number;
  apply: () => void;
}

/**
 * Every place in `value` the channel lets be cut: its strings, and (with
 * `lists`) its lists of two or more strings, taken whole instead of per item.
 */
function collect(value: unknown, path: Path, cuttable: Cuttable, lists = false): Slot[] {
  if (value === null || typeof value !== 'object') return [];
  const holder = value as Holder;
  const out: Slot[] = [];
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    const child = holder[key];
    const at = [...path, key];
    const list =
      Array.isArray(child) && child.length > 1 && child.every((v) => typeof v === 'string');
    if (lists ? list : typeof child === 'string') {
      if (cuttable(at)) out.push({ holder, key });
    } else out.push(...collect(child, at, cuttable, lists));
  }
  return out;
}

function arrayUnit(items: string[]): Unit {
  // Each item costs its text, its quotes and one comma; the marker the same.
  const sizes = items.map((item) => jsonBytes(item) + 3);
  const markerBytes = (n: number) => (n ? jsonBytes(itemsCut(n)) + 3 : 0);
  const unit: Unit = {
    sizes,
    dropped: 0,
    bytes: sizes.reduce((a, b) => a + b, 0),
    markerBytes,
    apply: () => {
      if (unit.dropped) items.splice(0, unit.dropped, itemsCut(unit.dropped));
    },
  };
  return unit;
}

/** The runs of two or more bullet lines in `lines`, as [first, end). */
function bulletRuns(lines: string[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  lines.forEach((line, i) => {
    const bullet = BULLET.test(line);
    if (bullet && start < 0) start = i;
    if (!bullet && start >= 0) {
      if (i - start > 1) runs.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0 && lines.length - start > 1) runs.push([start, lines.length]);
  return runs;
}

/** The bullet lists of one text; `apply` writes the text back once all of them are decided. */
function textUnits(slot: Slot): Unit[] {
  const text = slot.holder[slot.key] as string;
  if (!text.includes('\n')) return [];
  const lines = text.split('\n');
  const units: (Unit & { run: [number, number] })[] = [];
  const write = () => {
    const out: string[] = [];
    // Lines taken one by one, never spread into push: a text may be more lines than a call takes arguments.
    const keep = (from: number, to: number) => {
      for (let i = from; i < to; i++) out.push(lines[i] as string);
    };
    let next = 0;
    for (const { run, dropped } of units) {
      keep(next, run[0]);
      if (dropped) {
        const prefix = BULLET.exec(lines[run[0]] as string)?.[0] ?? '- ';
        out.push(`${prefix}${itemsCut(dropped)}`);
      }
      keep(run[0] + dropped, run[1]);
      next = run[1];
    }
    keep(next, lines.length);
    slot.holder[slot.key] = out.join('\n');
  };
  for (const run of bulletRuns(lines)) {
    const prefix = BULLET.exec(lines[run[0]] as string)?.[0] ?? '- ';
    // A line costs its text and one line break (`\n`, two bytes in JSON).
    const sizes = lines.slice(run[0], run[1]).map((line) => jsonBytes(line) + 2);
    const unit = {
      run,
      sizes,
      dropped: 0,
      bytes: sizes.reduce((a, b) => a + b, 0),
      markerBytes: (n: number) => (n ? jsonBytes(`${prefix}${itemsCut(n)}`) + 2 : 0),
      apply: () => {},
    };
    units.push(unit);
  }
  if (units.length) (units[units.length - 1] as Unit).apply = write;
  return units;
}

/** Phase 1: the oldest items go, from the longest list, until `excess` bytes are gone. */
function dropOldest(units: Unit[], excess: number): void {
  let left = excess;
  while (left > 0) {
    let longest: Unit | undefined;
    for (const u of units) {
      if (u.sizes.length - u.dropped > 1 && (!longest || u.bytes > longest.bytes)) longest = u;
    }
    if (!longest) break;
    const before = longest.bytes;
    const gone = longest.sizes[longest.dropped] ?? 0;
    longest.dropped++;
    longest.bytes =
      before -
      gone -
      longest.markerBytes(longest.dropped - 1) +
      longest.markerBytes(longest.dropped);
    left -= before - longest.bytes;
  }
  for (const u of units) u.apply();
}

/** The largest length every text may keep so that they all fit in `room` (lengths as given). */
function commonLength(sizes: number[], room: number, floor: number): number {
  const sum = (cap: number) => sizes.reduce((a, s) => a + Math.min(s, cap), 0);
  let low = floor;
  let high = Math.max(floor, ...sizes);
  if (sum(low) > room) return low;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sum(mid) <= room) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The fewest bytes a text is cut to before texts are emptied. */
const FLOOR = 48;

function fitOnce<T>(value: T, maxBytes: number, cuttable: Cuttable): T {
  const copy = structuredClone(value);
  let size = jsonSize(copy);
  if (size <= maxBytes) return copy;
  const lists = collect(copy, [], cuttable, true);
  const counts = lists.map((slot) => (slot.holder[slot.key] as string[]).length);
  // Texts first: their lines are written back by index, before a list shortens its array.
  const units = [
    ...collect(copy, [], cuttable).flatMap(textUnits),
    ...lists.map((slot) => arrayUnit(slot.holder[slot.key] as string[])),
  ];
  dropOldest(units, size - maxBytes);
  size = jsonSize(copy);
  if (size <= maxBytes) return copy;
  const texts = collect(copy, [], cuttable);
  const sizes = texts.map((s) => jsonBytes(s.holder[s.key] as string));
  const fixed = size - sizes.reduce((a, b) => a + b, 0);
  const cap = commonLength(sizes, maxBytes - fixed, FLOOR);
  texts.forEach((s, i) => {
    if ((sizes[i] as number) > cap) s.holder[s.key] = cutText(s.holder[s.key] as string, cap);
  });
  if (jsonSize(copy) <= maxBytes) return copy;
  lists.forEach((slot, i) => {
    slot.holder[slot.key] = [itemsCut(counts[i] as number)];
  });
  for (const s of texts) s.holder[s.key] = '…';
  return copy;
}

/**
 * `value` within `maxBytes` of JSON, cutting only where `cuttable` allows,
 * least important first (see the top of this file). What already fits is
 * returned as it is.
 */
export function fitJson<T>(value: T, maxBytes: number, cuttable: Cuttable): T {
  if (jsonSize(value) <= maxBytes) return value;
  let target = maxBytes;
  let fitted = fitOnce(value, target, cuttable);
  // Sizes are counted exactly; should a rounding still leave it over, aim lower.
  for (let round = 0; round < 3 && jsonSize(fitted) > maxBytes; round++) {
    target -= jsonSize(fitted) - maxBytes + 16;
    fitted = fitOnce(value, target, cuttable);
  }
  return fitted;
}

/** `text` within `maxBytes` (JSON bytes), its lists losing their oldest items first, then its end. */
export function fitText(text: string, maxBytes: number): string {
  // {"t":…} costs eight bytes around the text.
  return fitJson({ t: text }, maxBytes + 8, () => true).t;
}
