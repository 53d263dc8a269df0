// One phone screen: what the woken person reads first, 20 lines of 40
// columns. The short escalation is fitted to it line by line, measured as a
// phone shows the Markdown (no markers, wrapped between words): the fixed lines
// (title, ask, impact, next update) first, then each ranked list's first fact
// (changed, found, did not work, open, ruled out: a command that changed
// something before a note, the newest first), then the room left by rank. A
// list cut short says how many facts it left out. No word is longer than a
// phone line, so nothing breaks mid-word.
import { ellipsized } from '../text/graphemes.js';
import { markdownForTerminal } from '../text/markdown-terminal.js';
import { truncate } from '../text/wrap.js';
import type { Fact } from './ranked.js';

export const PHONE = { rows: 20, columns: 40 };

/** The longest word a phone line takes after a list mark, with room to spare. */
const LONGEST_WORD = PHONE.columns - 6;
/** A fact takes at most two phone lines, after its `- HH:MM `. */
const FACT_CHARS = 2 * PHONE.columns - 8;

/** Rows a Markdown line takes on the phone: as a terminal of its size renders it. */
export function phoneRows(markdown: string): number {
  return markdownForTerminal(markdown, PHONE.columns).length;
}

/** `text` with no word longer than a phone line: a long one keeps its start and an ellipsis. */
export function phoneWords(text: string): string {
  return text
    .split(' ')
    .map((w) => ellipsized(w, LONGEST_WORD))
    .join(' ');
}

/**
 * `text` cut at a word, with an ellipsis, so that `line(text)` (the Markdown
 * line it goes in) takes at most `rows` phone lines: a long title, ask or
 * impact leaves room on the one screen for what was changed and found.
 */
export function phoneCapped(text: string, rows: number, line: (text: string) => string): string {
  if (phoneRows(line(text)) <= rows) return text;
  const words = text.split(' ');
  let kept = words.length - 1;
  // Whole words off the end until it fits; at least the first word stays.
  while (kept > 1 && phoneRows(line(`${words.slice(0, kept).join(' ')}…`)) > rows) kept--;
  return `${words
    .slice(0, kept)
    .join(' ')
    .replace(/[\s,;:\u00B7]+$/, '')}\u2026`;
}

const backticks = (text: string) => text.match(/`/g)?.length ?? 0;

/**
 * A fact's phone text: short words, at most two lines, a code span the cut
 * broke closed again (a stray backtick the responder typed is theirs: kept as
 * it is, and escaped where it is written).
 */
function phoneFact(text: string): string {
  const cut = truncate(phoneWords(text), FACT_CHARS);
  const broke = backticks(cut) % 2 === 1 && backticks(text) % 2 === 0;
  return broke ? `${cut}\``.replace(/\u2026`$/, '`\u2026') : cut;
}

/** A ranked list as the short form shows it: the facts that fit, and how many it left out. */
export interface PhoneList {
  title: string;
  items: { at: string; text: string }[];
  more: number;
}

interface Candidate {
  title: string;
  facts: readonly Fact[];
  /** One line of items joined by `; ` (open hypotheses), else a bulleted list. */
  inline: boolean;
}

/** The list's lines as the template renders them (the template and this must agree). */
function listLines(list: PhoneList, inline: boolean): string[] {
  if (!list.items.length) return [];
  const more = list.more ? ` (+${list.more} more)` : '';
  if (inline) return [`**${list.title}:** ${list.items.map((i) => i.text).join('; ')}${more}`];
  return [`**${list.title}:**${more}`, ...list.items.map((i) => `- ${i.at} ${i.text}`)];
}

const rowsOf = (lines: readonly string[]) => lines.reduce((n, l) => n + phoneRows(l), 0);

/** The order a phone takes a list's facts in: those marked `first`, newest first, then the rest. */
function* takingOrder(facts: readonly Fact[]): Generator<Fact> {
  for (let i = facts.length - 1; i >= 0; i--) if (facts[i]?.first) yield facts[i] as Fact;
  for (let i = facts.length - 1; i >= 0; i--) if (!facts[i]?.first) yield facts[i] as Fact;
}

const byTs = (a: Fact, b: Fact) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/**
 * The lists fitted under `fixed` (the lines that are always there) within one
 * phone screen: first each list's first fact (see takingOrder), in rank
 * order, so every kind of fact is there; then the room left goes by rank, each
 * list taking its next facts while they fit. Items come back in time order.
 */
export function fitPhone(fixed: readonly string[], candidates: readonly Candidate[]): PhoneList[] {
  let used = rowsOf(fixed);
  const taken = candidates.map(() => [] as Fact[]);
  // A line the screen already shows is not shown twice (two lists, or two facts alike).
  const shown = new Set<string>();
  const itemOf = (f: Fact) => `${f.at} ${phoneFact(f.phone)}`;
  const order = candidates.map((c) => takingOrder(c.facts));
  const done = candidates.map(() => false);
  const linesOf = (i: number, facts: Fact[]) => {
    const c = candidates[i] as Candidate;
    const items = facts.sort(byTs).map((f) => ({ at: f.at, text: phoneFact(f.phone) }));
    return listLines({ title: c.title, items, more: c.facts.length - facts.length }, c.inline);
  };
  /** Takes list i's next fact if it fits; false when it does not (or none is left). */
  const takeNext = (i: number): boolean => {
    const next = done[i] ? undefined : (order[i] as Generator<Fact>).next().value;
    if (!next) {
      done[i] = true;
      return false;
    }
    if (shown.has(itemOf(next))) return true;
    const mine = taken[i] as Fact[];
    const before = rowsOf(linesOf(i, mine));
    const after = rowsOf(linesOf(i, [next, ...mine]));
    if (used - before + after > PHONE.rows) {
      done[i] = true;
      return false;
    }
    used += after - before;
    mine.push(next);
    shown.add(itemOf(next));
    return true;
  };
  for (let i = 0; i < candidates.length; i++) takeNext(i);
  for (let i = 0; i < candidates.length; i++) while (takeNext(i));
  return candidates.map((c, i) => {
    const facts = (taken[i] as Fact[]).sort(byTs);
    return {
      title: c.title,
      items: facts.map((f) => ({ at: f.at, text: phoneFact(f.phone) })),
      more: c.facts.length - facts.length,
    };
  });
}
