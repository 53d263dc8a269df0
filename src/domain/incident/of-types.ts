// The events of a few types, without looking at every event again. A night's
// log is 100,000 events, and the readers ask it for rare ones over and over
// (silences, deliveries, accepted handoffs, the walk's steps): each such pass
// touched every event, a cache miss apiece, ~10 ms a pass. Each array of events
// is indexed by type once (where each type's events are), and asked after
// that at the cost of the events asked for. An array is taken to change only
// by growing at its end (as byTime takes it, told.ts). Pure.
import type { EventOf, OncallEvent } from './events.js';

interface Index {
  /** How many events were indexed: an array appended to since (a walk's own) is indexed on. */
  length: number;
  /** Where each type's events are in the array, in order. */
  at: Map<string, number[]>;
}

const indexes = new WeakMap<readonly OncallEvent[], Index>();

function indexOf(events: readonly OncallEvent[]): Index {
  let index = indexes.get(events);
  if (!index || index.length > events.length) {
    index = { length: 0, at: new Map() };
    indexes.set(events, index);
  }
  for (let i = index.length; i < events.length; i++) {
    const type = (events[i] as OncallEvent).type;
    const at = index.at.get(type);
    if (at) at.push(i);
    else index.at.set(type, [i]);
  }
  index.length = events.length;
  return index;
}

/** How many events of `events` are of a type `counted` says yes to (from the index: no pass over the events). */
export function countOfTypes(
  events: readonly OncallEvent[],
  counted: (type: string) => boolean,
): number {
  let count = 0;
  for (const [type, places] of indexOf(events).at) if (counted(type)) count += places.length;
  return count;
}

/** The events of `types`, in the order `events` has them. */
export function ofTypes<T extends OncallEvent['type']>(
  events: readonly OncallEvent[],
  ...types: T[]
): EventOf<T>[] {
  return ofTypesFrom(events, 0, ...types);
}

/** The places of several lists, each in order, as one list in order. */
function placesInOrder(lists: readonly (readonly number[])[]): Int32Array {
  const places = new Int32Array(lists.reduce((n, list) => n + list.length, 0));
  let k = 0;
  for (const list of lists) for (const i of list) places[k++] = i;
  return places.sort();
}

/** The events of `types` at or after position `from` of `events`, in its order. */
export function ofTypesFrom<T extends OncallEvent['type']>(
  events: readonly OncallEvent[],
  from: number,
  ...types: T[]
): EventOf<T>[] {
  return ofTypesBetween(events, from, events.length, types);
}

/** The events of `types` at positions `from` up to (not including) `to` of `events`, in its order. */
export function ofTypesBetween<T extends OncallEvent['type']>(
  events: readonly OncallEvent[],
  from: number,
  to: number,
  types: readonly T[],
): EventOf<T>[] {
  const { at } = indexOf(events);
  const lists = [...new Set(types)].flatMap((type) => {
    const list = at.get(type);
    return list ? [list] : [];
  });
  // Several types: their places put back into the array's order, by a typed
  // array's own numeric sort (a comparator called per pair cost a long log's walk milliseconds).
  const places: Iterable<number> = lists.length > 1 ? placesInOrder(lists) : (lists[0] ?? []);
  const out: EventOf<T>[] = [];
  for (const i of places) {
    if (i >= to) break;
    if (i >= from) out.push(events[i] as EventOf<T>);
  }
  return out;
}
