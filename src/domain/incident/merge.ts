// Every responder's log of an incident as one list, in causal order
// (order.ts), each event once, the same on every laptop. Two rules make it so
// whatever a peer's file holds:
//
// - Authorship: an event is its actor's only when it comes from that actor's
//   own file (the file named after them, responder.ts), or from this
//   responder's own log. Anything else (an event stamped with another
//   responder's name, or, with signing on, from a file no allowed signer
//   wrote) is kept, marked unverified (provenance.ts), and decides nothing.
// - A reused id: copies of one id that say the same thing are one event. When
//   they differ, the copy that is its actor's (above) wins, and among those the
//   first by (hlc, lamport, actor); the others are left out and reported. Only
//   what every laptop sees decides: the files' contents, never their order or
//   which laptop reads them. (The own log and the own file on the remote are
//   one responder's: the own log's copy, not yet redacted for sharing, is shown here.)
// Pure.
import { branchFileBase, responderName } from '../share/responder.js';
import type { OncallEvent } from './events.js';
import { type Placed, placedIn, sortPlaced } from './order.js';
import { markUnverified } from './provenance.js';

export interface LogSource {
  /** Where it was read: named in reports. */
  file: string;
  events: readonly OncallEvent[];
  /**
   * Whose file it is (the responder name it goes under, responder.ts, or an
   * older share's file name); unset for this responder's own log, which is
   * trusted whoever it names. `unsigned`: signing is on and no allowed signer wrote it.
   */
  owner?: { name: string; unsigned?: boolean };
}

/** A copy of an event left out because its id was used for something else. */
interface Reused {
  file: string;
  id: string;
  reason: string;
}

interface Copy {
  placed: Placed;
  source: LogSource;
  trusted: boolean;
}

/** Whether a file named `owner.name` is `actor`'s: named after them now, or as older shares named files. */
function owns(owner: NonNullable<LogSource['owner']>, actor: string): boolean {
  const { name } = owner;
  return responderName(actor) === name || branchFileBase(actor) === name || actor === name;
}

function isTrusted(source: LogSource, event: OncallEvent): boolean {
  const { owner } = source;
  return !owner || (!owner.unsigned && owns(owner, event.actor));
}

/** Whose file a source is, for people: an actor it holds events of, else its name. */
function ownerLabel(source: LogSource): string {
  const { owner } = source;
  if (!owner) return 'your own log';
  const actor = source.events.find((e) => owns(owner, e.actor))?.actor ?? owner.name;
  return `${actor}'s file`;
}

function whyUnverified(copy: Copy): string {
  if (copy.source.owner?.unsigned && owns(copy.source.owner, copy.placed.event.actor)) {
    return `${copy.placed.event.actor}'s file is not signed by an allowed signer`;
  }
  return `recorded as ${copy.placed.event.actor} but found in ${ownerLabel(copy.source)}`;
}

/** The same content, whatever the key order of the line it was read from. */
function sameContent(a: OncallEvent, b: OncallEvent): boolean {
  const canonical = (e: OncallEvent) =>
    JSON.stringify(e, (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)))
        : value,
    );
  return a === b || canonical(a) === canonical(b);
}

/** Which copy of an id stands (see the top of this file), and the copies left out. */
function settle(copies: Copy[], reused: Reused[]): Copy {
  const trusted = copies.filter((c) => c.trusted);
  const candidates = trusted.length ? trusted : copies;
  let winner = candidates[0] as Copy;
  for (const c of candidates) {
    const w = winner.placed;
    const p = c.placed;
    // One responder's own copies (own log, own file) are one event: the first stands.
    if (c.trusted && winner.trusted && p.event.actor === w.event.actor) continue;
    const key = (x: Placed) => [x.event.hlc ?? x.event.ts, x.counter, x.event.actor] as const;
    const [a, b] = [key(p), key(w)];
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) {
      winner = c;
    }
  }
  for (const c of copies) {
    if (c === winner) continue;
    const sameResponder =
      c.trusted && winner.trusted && c.placed.event.actor === winner.placed.event.actor;
    if (sameResponder || sameContent(c.placed.event, winner.placed.event)) continue;
    reused.push({
      file: c.source.file,
      id: c.placed.event.id,
      reason: `event ${c.placed.event.id} reuses the id of another event with other content; the copy in ${ownerLabel(winner.source)} is kept`,
    });
  }
  return winner;
}

/** Every copy of every id, in the order the sources come. */
function copiesById(sources: readonly LogSource[]): Map<string, Copy[]> {
  const byId = new Map<string, Copy[]>();
  for (const source of sources) {
    for (const placed of placedIn(source.events)) {
      const copy = { placed, source, trusted: isTrusted(source, placed.event) };
      const known = byId.get(placed.event.id);
      if (known) known.push(copy);
      else byId.set(placed.event.id, [copy]);
    }
  }
  return byId;
}

/**
 * The sources' events in causal order, each id once, the unverified ones
 * marked; and the copies left out because their id was reused. The own log
 * alone comes back as it is.
 */
export function mergeLogs(sources: readonly LogSource[]): {
  events: OncallEvent[];
  reused: Reused[];
} {
  const nonEmpty = sources.filter((s) => s.events.length > 0);
  const only = nonEmpty[0];
  if (nonEmpty.length === 1 && only && !only.owner) return { events: [...only.events], reused: [] };
  const reused: Reused[] = [];
  const kept: Placed[] = [];
  for (const copies of copiesById(nonEmpty).values()) {
    const winner = copies.length === 1 ? (copies[0] as Copy) : settle(copies, reused);
    if (!winner.trusted) markUnverified(winner.placed.event, whyUnverified(winner));
    kept.push(winner.placed);
  }
  return { events: sortPlaced(kept).map((p) => p.event), reused };
}
