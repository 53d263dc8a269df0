// The YAML frontmatter of a runbook: what finds it (id, title, services, alerts,
// severity, contacts) and the file:line of anything wrong in it. Its own module
// because it is plain YAML + a schema, nothing to do with the Markdown steps.
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import * as z from 'zod/mini';
import { severitySchema } from '../incident/events.js';
import { ID_PATTERN } from './ids.js';
import type { ProblemCollector } from './problems.js';

// zod/mini, as the events are: `oncall status` reads a runbook, and the whole of zod costs it tens of milliseconds to load.
const aName = z.string().check(z.minLength(1));
const listOf = z.pipe(
  z.union([aName, z.array(aName)]),
  z.transform((v: string | string[]) => (typeof v === 'string' ? [v] : v)),
);
const frontmatterSchema = z.object({
  id: z.optional(
    z.string().check(z.regex(ID_PATTERN, 'use letters, digits, dots, dashes, underscores')),
  ),
  title: z.optional(aName),
  services: z.optional(listOf),
  alerts: z.optional(listOf),
  severity: z.optional(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((s: string) => s.toUpperCase()),
      ),
      severitySchema(),
    ),
  ),
  contacts: z.optional(listOf),
});
const FRONTMATTER_KEYS = new Set(Object.keys(frontmatterSchema.shape));
const FRONTMATTER_HINTS: Record<string, string> = {
  id: 'use letters, digits, dots, dashes, underscores (e.g. site-down)',
  title: 'one line of text',
  services: 'a name or a list of names, e.g. [web, api]',
  alerts: 'an alert name or a list of them, e.g. [HighErrorRate, SiteDown]',
  severity: 'use SEV1, SEV2, SEV3 or SEV4',
  contacts: 'a contact key or a list of them, e.g. [alice, web-lead]',
};

type FrontmatterData = z.infer<typeof frontmatterSchema>;

interface Frontmatter {
  data: FrontmatterData;
  present: boolean;
  /** Number of lines it occupies (0 when absent). */
  lines: number;
}

/** yaml's first message line, without its own (YAML-relative) position: ours is the file's. */
function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
}

/** The frontmatter between the opening `---` and its closing `---` (or `...`) line. */
export function readFrontmatter(lines: string[], out: ProblemCollector): Frontmatter {
  if (lines[0]?.trimEnd() !== '---') return { data: {}, present: false, lines: 0 };
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close < 0) {
    out.error(
      1,
      'frontmatter starts with --- but has no closing --- line; add one after the last key',
    );
    return { data: {}, present: false, lines: 0 };
  }
  const lineCounter = new LineCounter();
  // A key written twice is a slip (site generators keep the last value): warned, not refused.
  const doc = parseDocument(lines.slice(1, close).join('\n'), { lineCounter, uniqueKeys: false });
  // Line n of the YAML text is line n+1 of the file (the opening ---).
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line + 1;
  warnRepeatedKeys(doc, lineAt, out);
  const raw = yamlObject(doc, lineAt, out);
  const data = raw ? validate(raw, (key) => lineAt(keyOffset(doc, key)), out) : {};
  return { data, present: true, lines: close + 1 };
}

/** Each top-level key written again after its first line: the last value is the one used. */
function warnRepeatedKeys(
  doc: Document,
  lineAt: (offset: number | undefined) => number,
  out: ProblemCollector,
): void {
  if (!isMap(doc.contents)) return;
  const first = new Map<string, number>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const line = lineAt(pair.key.range?.[0]);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, line);
    else
      out.warn(
        line,
        `frontmatter key "${key}" is written twice (first at line ${seen}); the last value is used`,
      );
  }
}

/** The YAML as a plain object, or undefined (and the reason reported) when it is not one. */
function yamlObject(
  doc: Document,
  lineAt: (offset: number | undefined) => number,
  out: ProblemCollector,
): Record<string, unknown> | undefined {
  if (doc.errors.length) {
    for (const e of doc.errors) {
      out.error(lineAt(e.pos[0]), `frontmatter is not valid YAML: ${yamlReason(e.message)}`);
    }
    return undefined;
  }
  let raw: unknown;
  try {
    raw = doc.toJS() ?? {};
  } catch (error) {
    // yaml refuses alias bombs and the like here, after a clean parse.
    out.error(2, `frontmatter cannot be read: ${yamlReason((error as Error).message)}`);
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    out.error(
      2,
      'frontmatter must be key: value lines (id, title, services, alerts, severity, contacts)',
    );
    return undefined;
  }
  return raw as Record<string, unknown>;
}

/** Where the key itself starts in the YAML text (a block value starts on the line after it); the last one when written twice. */
function keyOffset(doc: Document, key: string): number | undefined {
  const pair = isMap(doc.contents)
    ? doc.contents.items.filter((p) => isScalar(p.key) && String(p.key.value) === key).at(-1)
    : undefined;
  const node = isScalar(pair?.key) ? pair.key : undefined;
  return node?.range?.[0];
}

/** The keys that pass the schema; every unknown or bad key reported at its own line. */
function validate(
  raw: Record<string, unknown>,
  keyLine: (key: string) => number,
  out: ProblemCollector,
): FrontmatterData {
  for (const key of Object.keys(raw)) {
    if (!FRONTMATTER_KEYS.has(key)) {
      out.warn(
        keyLine(key),
        `unknown frontmatter key "${key}" is ignored (known: ${[...FRONTMATTER_KEYS].join(', ')})`,
      );
    }
  }
  const parsed = frontmatterSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Keep the keys that are fine (a bad severity should not also lose the id).
  const good = Object.fromEntries(
    Object.entries(raw).filter(([k]) => !parsed.error.issues.some((i) => i.path[0] === k)),
  );
  const partial = frontmatterSchema.safeParse(good);
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    out.error(keyLine(key), `frontmatter ${key}: ${FRONTMATTER_HINTS[key] ?? issue.message}`);
  }
  return partial.success ? partial.data : {};
}

/**
 * Says that a file without frontmatter is walked as plain Markdown (not when it
 * has an unclosed one: that is already an error). Called by the reader after
 * the Markdown's own warnings, so problems on line 1 keep their order.
 */
export function warnIfNoFrontmatter(fm: Frontmatter, lines: string[], out: ProblemCollector): void {
  const unclosedFrontmatter = lines[0]?.trimEnd() === '---' && !fm.present;
  if (!fm.present && !unclosedFrontmatter) {
    out.warn(
      1,
      'no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
    );
  }
}
