// Hypotheses and what became of them: open until ruled out or confirmed. A
// ruled-out note closes the hypotheses of the same text; a confirmed one
// closes the hypothesis it names by id (`oncall note --confirmed` links the
// open hypothesis its text is closest to), else one of the same text. Each
// note in constant time: hypotheses are indexed by idea and by id. Pure.
import type { EventOf, NoteKind } from './events.js';

export interface NoteEntry {
  id: string;
  ts: string;
  actor: string;
  kind: NoteKind;
  text: string;
}

/** A cause confirmed (`oncall note --confirmed`), and the hypothesis it confirms when one was open. */
export interface ConfirmedCause extends NoteEntry {
  hypothesis?: NoteEntry;
}

/** What the ideas add to the incident's state. */
export interface IdeasState {
  notes: NoteEntry[];
  /** Hypotheses neither ruled out nor confirmed (yet). */
  openHypotheses: NoteEntry[];
  ruledOut: NoteEntry[];
  /** Causes confirmed, in the order they were noted: the postmortem's contributing factors. */
  confirmed: ConfirmedCause[];
}

/**
 * The key a ruled-out note and the hypothesis it closes share: the text, trimmed,
 * case-insensitive, runs of blanks as one space.
 */
export function ideaOf(text: string): string {
  const lower = text.toLowerCase();
  // Most notes are already trimmed and single-spaced: the replace is the costly part.
  if (!blanksToFold(lower)) return lower;
  // Often only a blank at an end (" A db config drift"): trimmed, with no replace.
  const trimmed = lower.trim();
  return BLANKS_WITHIN.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Two blanks in a row, or one that is not a plain space. */
const BLANKS_WITHIN = /\s\s|[^\S ]/;

/**
 * A blank at either end, two in a row, or one that is not a plain space
 * (`/^\s|\s$|\s\s|[^\S ]/`, looked at a character at a time: a night's
 * notes are tens of thousands, and the regex tried four ways at each place).
 */
export function blanksToFold(text: string): boolean {
  let previous = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0xa0) {
      previous = false;
      continue;
    }
    const blank = isBlank(c);
    if (blank && (c !== 0x20 || previous || i === 0 || i === text.length - 1)) return true;
    previous = blank;
  }
  return false;
}

/** What `\s` matches. */
function isBlank(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The hypotheses being folded, indexed so that closing one is O(1). */
export class Ideas {
  /** Ideas ruled out so far: a hypothesis of one of them never opens. */
  private readonly ruledOutIdeas = new Set<string>();
  /** Hypotheses confirmed before they were folded (a backfilled hypothesis): never opened. */
  private readonly confirmedIds = new Map<string, ConfirmedCause>();
  /** Hypotheses in the order they were noted; a closed one leaves a hole. */
  private readonly opened: (NoteEntry | undefined)[] = [];
  /** The idea of each hypothesis in `opened`, at the same place: closing one does not work it out again. */
  private readonly openedIdeas: string[] = [];
  /** Where in `opened` the open hypotheses of each idea are. */
  private readonly openByIdea = new Map<string, number[]>();
  /**
   * Where in `opened` each open hypothesis is, by id: made when a confirmation
   * first names one (few nights have any), kept from then on.
   */
  private openById: Map<string, number> | undefined;
  /** A hypothesis was closed since `openHypotheses` was last written from `opened`. */
  private closed = false;

  constructor(private readonly state: IdeasState) {}

  /** Folds one note. */
  taken(e: EventOf<'note'>): void {
    const entry: NoteEntry = { id: e.id, ts: e.ts, actor: e.actor, kind: e.kind, text: e.text };
    this.state.notes.push(entry);
    if (e.kind === 'hypothesis') this.hypothesis(entry);
    if (e.kind === 'ruled-out') {
      const idea = ideaOf(e.text);
      this.state.ruledOut.push(entry);
      this.ruledOutIdeas.add(idea);
      this.closeIdea(idea);
    }
    if (e.kind === 'confirmed') this.confirmed(entry, e.hypothesis);
  }

  /** The open hypotheses as folded so far (written back to the state once something closed). */
  settle(): void {
    if (!this.closed) return;
    this.state.openHypotheses = this.opened.filter((h) => h !== undefined);
    this.closed = false;
  }

  private hypothesis(entry: NoteEntry): void {
    const idea = ideaOf(entry.text);
    // A backfilled ruled-out or confirmed note can sort before its hypothesis: it still closes it.
    if (this.ruledOutIdeas.has(idea)) return;
    const cause = this.confirmedIds.size ? this.confirmedIds.get(entry.id) : undefined;
    if (cause) {
      cause.hypothesis = entry;
      return;
    }
    const at = this.opened.push(entry) - 1;
    this.openedIdeas.push(idea);
    this.state.openHypotheses.push(entry);
    this.openById?.set(entry.id, at);
    const same = this.openByIdea.get(idea);
    if (same) same.push(at);
    else this.openByIdea.set(idea, [at]);
  }

  private confirmed(entry: NoteEntry, hypothesisId: string | undefined): void {
    const cause: ConfirmedCause = { ...entry };
    this.state.confirmed.push(cause);
    const at = hypothesisId
      ? this.byId().get(hypothesisId)
      : this.openByIdea.get(ideaOf(entry.text))?.[0];
    const hypothesis = at === undefined ? undefined : this.opened[at];
    if (at !== undefined && hypothesis) {
      cause.hypothesis = hypothesis;
      this.close(at);
    } else if (hypothesisId) this.confirmedIds.set(hypothesisId, cause);
  }

  private byId(): Map<string, number> {
    if (!this.openById) {
      this.openById = new Map();
      for (let at = 0; at < this.opened.length; at++) {
        const open = this.opened[at];
        if (open) this.openById.set(open.id, at);
      }
    }
    return this.openById;
  }

  /** Closes every open hypothesis of `idea` (it was ruled out). */
  private closeIdea(idea: string): void {
    const same = this.openByIdea.get(idea);
    if (!same) return;
    this.openByIdea.delete(idea);
    for (const at of same) {
      const entry = this.opened[at];
      if (!entry) continue;
      this.opened[at] = undefined;
      this.openById?.delete(entry.id);
    }
    this.closed = true;
  }

  private close(at: number): void {
    const entry = this.opened[at];
    if (!entry) return;
    this.opened[at] = undefined;
    this.openById?.delete(entry.id);
    const idea = this.openedIdeas[at] as string;
    const same = this.openByIdea.get(idea) ?? [];
    const where = same.indexOf(at);
    if (where >= 0) same.splice(where, 1);
    if (same.length === 0) this.openByIdea.delete(idea);
    this.closed = true;
  }
}

/** Words that say nothing of what a hypothesis is about. */
const FILLER = new Set(
  'the and was were are for not but with from that this its into out off too has had have been being all any our now then than there they them what when which who why how yes'.split(
    ' ',
  ),
);

/** The words of a text that carry its meaning: lower case, plural `s` dropped, short and filler words left out. */
function wordsOf(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}._/-]*/gu) ?? [];
  return new Set(
    words
      .map((w) => w.replace(/[._/-]+$/, ''))
      .filter((w) => (w.length >= 3 && !FILLER.has(w)) || /\d/.test(w))
      .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)),
  );
}

/**
 * The open hypothesis a confirmation is about: the one whose words it shares
 * most (at least half of the shorter text's), the latest of equals; none when
 * it shares too little with every one.
 */
export function closestHypothesis(text: string, open: readonly NoteEntry[]): NoteEntry | undefined {
  const idea = ideaOf(text);
  const same = open.findLast((h) => ideaOf(h.text) === idea);
  if (same) return same;
  const words = wordsOf(text);
  let best: { entry: NoteEntry; score: number } | undefined;
  for (const entry of open) {
    const theirs = wordsOf(entry.text);
    const shared = [...theirs].filter((w) => words.has(w)).length;
    const score = shared / Math.max(1, Math.min(theirs.size, words.size));
    if (shared > 0 && score >= 0.5 && score >= (best?.score ?? 0)) best = { entry, score };
  }
  return best?.entry;
}
