// The shapes of placeholder teams write, found in a command's text before the
// shell parser sees it (placeholders.ts masks each with a plain word of the same
// length, then places it: bare, in quotes, in a comment…). Each rule below is
// written so that what a shell means stays a shell's: `[ -f x ]`, `[[ … ]]`,
// globs (`app[0-9].log`), arrays (`${a[@]}`), `$(…)`, `${X:-d}`, awk's `$1`,
// `{}` and `{a,b}` are never placeholders.
//   <node-name>  <end time: like 2026-01-01T00:00Z>  <<APP_NAME>>   angle
//   {{name}}  {service-plan}  ${db-name}                            braces
//   [db-host]  govuk-[env]-admin                                    square
//   YOUR_CLUSTER  your-registry  CHANGEME  ip-XX-XX-XX-XX  "XXXXXXXX" marker
import { placeholderName } from './placeholder-name.js';
import type { Placeholder } from './types.js';

export interface Candidate {
  start: number;
  end: number;
  text: string;
  kind: Placeholder['kind'];
  name: string;
  variable?: string;
  example?: string;
  /** Bash reads it otherwise (`${db-name}` is `$db` or "name"): lint says so. */
  note?: string;
}

/** The variable a value is assigned to (`TOKEN="…`), the long option it follows (`--name …`), or kubectl's `-n`. */
function contextName(script: string, start: number): string | undefined {
  const before = script.slice(0, start).replace(/["']$/, '');
  // `kubectl -n kafka-prod`: a namespace, the name an alert's label has too.
  const namespace = KUBERNETES_CLI.test(before) && /\s-n[ =]$/.test(before);
  return (
    /([A-Za-z_]\w*)=$/.exec(before)?.[1] ??
    /--([A-Za-z][\w-]*)[ =]$/.exec(before)?.[1] ??
    (namespace ? 'namespace' : undefined)
  );
}

/** Programs whose `-n` is a Kubernetes namespace. */
const KUBERNETES_CLI =
  /(?:^|[\s;|&(])(?:kubectl|oc|k|helm|virtctl|velero|istioctl|linkerd|argocd|tkn)\s[^\n;|&]*$/;

const EXAMPLE =
  /^(?:like|e\.g\.?|eg|i\.e\.?|for example|such as|default(?:s to)?|example)[:,]?\s+/i;

interface Found {
  index: number;
  text: string;
  kind: Placeholder['kind'];
  name: string;
  example?: string;
  note?: string;
}

/** `<text with: punctuation, like x>`: named by its words before the first `:` `,` `(`. */
function freeText(m: RegExpMatchArray, script: string): Found | undefined {
  const inner = m[1] ?? '';
  const stripped = inner.replace(/^["']|["']$/g, '');
  const lead = EXAMPLE.exec(stripped);
  const [head = '', ...rest] = lead ? ['', stripped] : stripped.split(/[:,(;]|\s[-\u2013]\s/);
  const tail = rest.join(':').trim();
  const example = lead
    ? stripped.slice(lead[0].length).trim()
    : EXAMPLE.test(tail)
      ? tail.replace(EXAMPLE, '').replace(/\)$/, '').trim()
      : undefined;
  const name =
    placeholderName(head.replace(/["']/g, '')) ||
    placeholderName(contextName(script, m.index ?? 0) ?? '') ||
    'value';
  return { index: m.index ?? 0, text: m[0], kind: 'angle', name, ...(example ? { example } : {}) };
}

const FINDERS: [RegExp, (m: RegExpMatchArray, script: string) => Found | undefined][] = [
  // {{name}}: oncall's own variables (and, in quotes, someone's template: placeholders.ts).
  [/\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g, (m) => found(m, 'braces', m[1])],
  // <<APP_NAME>> with no line closing it as a here-document.
  [
    /<<([A-Za-z_][\w-]*)>>/g,
    (m, script) =>
      script.split('\n').some((l) => l.trim() === m[1]) ? undefined : found(m, 'angle', m[1]),
  ],
  // <end time: like 2026-01-01T00:00Z>, <"Used By:" field from above>: free text.
  [
    /<(?!<)(["'A-Za-z][^<>\n|;&`$]{0,80}[^<>\s\n|;&`$])>/g,
    (m, script) =>
      /\s/.test(m[1] ?? '') && !/="/.test(m[1] ?? '') ? freeText(m, script) : undefined,
  ],
  // <node-name>, <mount point>: one word, or a few without punctuation.
  [/<([A-Za-z][\w.:/-]*(?: [\w.:/-]+){0,6})>/g, (m) => found(m, 'angle', m[1])],
  // ${db-name}: bash reads `$db`, or "name" when unset.
  [
    /\$\{([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\}/g,
    (m) => ({
      ...found(m, 'braces', m[1]),
      note: `bash reads ${m[0]} as \${${(m[1] ?? '').split('-')[0]}} (or the text after the first - when that is unset)`,
    }),
  ],
  // {service-plan}, {GUID}: single braces around a name (not {}, {a,b}, {1..3}, {.x}).
  [/(?<![{$\w])\{([A-Za-z][\w-]{2,40})\}(?!\})/g, (m) => found(m, 'braces', m[1])],
  // [db-host], [PROJECT-ID], govuk-[env]-admin (not tests, globs, indexes).
  [
    /(?<![[$\]{}).\w])\[([A-Za-z][\w .:/-]{1,40})\](?!\])/g,
    (m) =>
      isGlobClass(m[1] ?? '') || (m[1] ?? '').endsWith(' ') ? undefined : found(m, 'square', m[1]),
  ],
  // YOUR_CLUSTER, your-registry, YOUR-ORG, CHANGEME.
  [
    /(?<![$\w{-])(?:(?:YOUR|[Yy]our)[-_][A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*|CHANGE_?ME|REPLACE_?ME)\b/g,
    (m) => found(m, 'marker', m[0]),
  ],
  // Fillers: ip-XX-XX-XX-XX, ingester-XXX, "XXXXXXXX", cert-xxxxx: the whole word is the slot.
  [
    /(?<![\w.-])[\w.-]*?(?<![A-Za-z0-9])(?:X{3,}|x{3,}|X{2,}(?:[.-]X{2,})+|x{2,}(?:[.-]x{2,})+)(?![A-Za-z0-9])[\w.-]*/g,
    (m, script) => {
      const lead = /^([A-Za-z][\w-]*?)[-.]?(?=X|x{2})/.exec(m[0])?.[1];
      const prefix = lead && !/^[xX]+$/.test(lead) ? lead : undefined;
      const name =
        contextName(script, m.index ?? 0) ?? prefix ?? wordBefore(script, m.index ?? 0) ?? 'value';
      return {
        index: m.index ?? 0,
        text: m[0],
        kind: 'marker',
        name: placeholderName(name) || 'value',
      };
    },
  ],
];

/** `user@xx.xx.xx.xx` is a host; `Bearer XXXXXXXX` a bearer token: what the word before says. */
function wordBefore(script: string, start: number): string | undefined {
  const before = script.slice(0, start);
  if (before.endsWith('@')) return 'host';
  return /\bBearer\s+$/i.test(before) ? 'token' : undefined;
}

/** `[a-z]`, `[A-Z0-9]`: a glob's class of characters, not a name. */
function isGlobClass(content: string): boolean {
  return /^[!^]?(?:[A-Za-z0-9]-[A-Za-z0-9]|[0-9_])+$/.test(content);
}

function found(m: RegExpMatchArray, kind: Placeholder['kind'], name = ''): Found {
  return { index: m.index ?? 0, text: m[0], kind, name: placeholderName(name) };
}

/** Where the step's text gives `value` as an example and the command holds it as written. */
function exampleFinder(value: string): [RegExp, (m: RegExpMatchArray, script: string) => Found] {
  const escaped = value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return [
    new RegExp(`(?<![\\w.-])${escaped}(?![\\w-]|\\.\\w)`, 'g'),
    (m, script) => {
      const prefix = /^([A-Za-z][A-Za-z-]*?)-?\d/.exec(value)?.[1];
      const name = contextName(script, m.index ?? 0) ?? prefix ?? 'value';
      return { ...found(m, 'example', name), example: value };
    },
  ];
}

/**
 * Every placeholder-shaped text of a script, first come first kept (no
 * overlaps); `examples`: the values the step's text calls examples.
 */
export function shapesIn(script: string, examples: readonly string[] = []): Candidate[] {
  const out: Candidate[] = [];
  for (const [pattern, make] of [...FINDERS, ...examples.map(exampleFinder)]) {
    for (const m of script.matchAll(pattern)) {
      const f = make(m, script);
      if (!f?.name) continue;
      const start = f.index;
      const end = start + f.text.length;
      if (out.some((c) => start < c.end && c.start < end)) continue;
      out.push({
        start,
        end,
        text: f.text,
        kind: f.kind,
        name: f.name,
        ...(f.example ? { example: f.example } : {}),
        ...(f.note ? { note: f.note } : {}),
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
