// The step annotation: an HTML comment under a heading (invisible on GitHub)
// with `key: value` pairs, e.g. `<!-- step: check-health kind: check -->`.
// A value runs until the next known key; quote it to contain one. Which keys
// exist, and which kind of step understands which, is decided here only.

import type { ProblemCollector } from './problems.js';
import type { Token } from './sections.js';
import type { StepKind } from './types.js';
import { splitWords } from './words.js';

const STEP_KINDS: readonly StepKind[] = [
  'manual',
  'check',
  'run',
  'ask',
  'wait',
  'decide',
  'escalate',
];

// Which annotation keys each kind understands (others are reported, not guessed at).
const KEYS_FOR: Record<StepKind, readonly string[]> = {
  manual: ['shell'],
  check: ['on-failure', 'shell'],
  run: ['on-failure', 'shell'],
  ask: ['var', 'prompt', 'secret'],
  wait: ['seconds', 'interval', 'until', 'shell'],
  decide: [],
  escalate: ['to', 'ask'],
};
const COMMON_KEYS = ['step', 'kind', 'next'];
const ALIASES: Record<string, string> = { variable: 'var', timeout: 'seconds', id: 'step' };
const ALL_KEYS = new Set([
  ...COMMON_KEYS,
  ...Object.values(KEYS_FOR).flat(),
  ...Object.keys(ALIASES),
]);

/** key -> value, keys lower-cased and aliases resolved (`id:` is `step:`). */
export type Annotation = Map<string, string>;
const IGNORED = '\0ignored';

export function isAnnotation(t: Token): boolean {
  return t.type === 'html_block' && /^<!--\s*step\s*:/i.test(t.content.trim());
}

/** The key: value pairs of one annotation; what cannot be read is reported at its line. */
export function readAnnotation(t: Token, out: ProblemCollector): Annotation {
  const line = (t.map?.[0] ?? 0) + 1;
  const body = t.content
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->[\s\S]*$/, '')
    .replace(/\s+/g, ' ');
  const { words, error, quoted } = splitWords(body, { comments: false, marks: true });
  const result: Annotation = new Map();
  if (error) out.error(line, `step annotation: ${error}`);
  let key: string | undefined;
  let value: string[] = [];
  const flush = () => {
    if (key !== undefined && key !== IGNORED) {
      if (result.has(key)) out.error(line, `step annotation has "${key}:" twice`);
      result.set(key, value.join(' '));
    }
    value = [];
  };
  for (const [i, word] of words.entries()) {
    const m = quoted?.[i] ? null : /^([a-z][a-z-]*):(.*)$/i.exec(word);
    if (m && ALL_KEYS.has((m[1] ?? '').toLowerCase())) {
      flush();
      const name = (m[1] ?? '').toLowerCase();
      key = ALIASES[name] ?? name;
      if (m[2]) value.push(m[2]);
    } else if (m && !m[2] && /^[a-z-]+$/.test(m[1] ?? '')) {
      out.error(
        line,
        `unknown annotation key "${m[1]}:" (quote the value if it is text; keys: ${[...ALL_KEYS].join(', ')})`,
      );
      flush();
      key = IGNORED; // its value goes with it, reported once
    } else if (key === undefined) {
      out.error(line, `"${word}" in the step annotation belongs to no key; write key: value pairs`);
    } else value.push(word);
  }
  flush();
  return result;
}

/** The annotation's `kind:` (manual when absent); an unknown kind is an error and reads as manual. */
export function kindOf(notes: Annotation, line: number, out: ProblemCollector): StepKind {
  const rawKind = (notes.get('kind') || 'manual').toLowerCase();
  if ((STEP_KINDS as readonly string[]).includes(rawKind)) return rawKind as StepKind;
  out.error(line, `unknown step kind "${rawKind}"; use one of ${STEP_KINDS.join(', ')}`);
  return 'manual';
}

/** Keys this kind of step does not understand are ignored, and said to be. */
export function warnIgnoredKeys(
  notes: Annotation,
  kind: StepKind,
  line: number,
  out: ProblemCollector,
): void {
  for (const key of notes.keys()) {
    if (!COMMON_KEYS.includes(key) && !KEYS_FOR[kind].includes(key)) {
      out.warn(line, `"${key}:" means nothing for a ${kind} step and is ignored`);
    }
  }
}
