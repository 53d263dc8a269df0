// Secrets that give themselves away without a key name: tokens with a
// vendor's prefix, webhook URLs, bearer tokens, private key blocks, and the
// data of a Kubernetes Secret (`kubectl get secret -o yaml` is a classic paste).
// A small, high-confidence set: it also runs on `oncall note`, where the
// full gitleaks rule set would cost more than the note itself.
import { matchesAnchored } from './anchored.js';
import { addSpans, type Span } from './spans.js';
import { type WordFinder, wordFinder } from './words-present.js';

/**
 * A JSON Web Token's first part runs to its dot. The attempt at an `eyJ` whose
 * run has no dot after it fails at every later `eyJ` of that run too, so the
 * next attempt starts past the run (anchored.ts): a 100 KB run holding `eyJ`
 * 25,000 times took 4.8 s, tried at each.
 */
const RUN_TO_DOT = { gap: '[A-Za-z0-9_-]{8,}', end: /[^A-Za-z0-9_-]/ };

/**
 * [hints, pattern, run?]: a pattern runs only when one of its hints is in the
 * text, so a note with nothing suspicious compiles and runs none of them. The
 * secret is the first group that matched (hence the `d` flag), else the whole
 * match. `run` marks a pattern scanned as anchored.ts does.
 */
const TOKENS: [readonly string[], RegExp, typeof RUN_TO_DOT?][] = [
  [['AKIA', 'ASIA', 'ABIA', 'ACCA'], /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/dg],
  [['gh'], /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/dg],
  [['github_pat_'], /\bgithub_pat_\w{22,255}/dg],
  [['gl'], /\bgl(?:pat|dt|rt|ptt|cbt|ft|oas|soat)-[\w-]{20,}/dg],
  [['xox'], /\bxox[abposre]-[A-Za-z0-9-]{10,}/dg],
  [['_live_', '_test_', '_prod_'], /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}\b/dg],
  [
    ['sk-'],
    /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|ant-[a-z]+\d+-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{32,}\b)/dg,
  ],
  [['AIza'], /\bAIza[0-9A-Za-z_-]{35}/dg],
  [['npm_'], /\bnpm_[A-Za-z0-9]{36}\b/dg],
  [['pypi-'], /\bpypi-AgE[A-Za-z0-9_-]{50,}/dg],
  [['hvs.', 'hvb.', 'hvr.'], /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/dg],
  [['SG.'], /\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/dg],
  [['eyJ'], /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/dg, RUN_TO_DOT],
  // The path only: the host says what it was.
  [
    ['hooks.slack.com'],
    /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/_-]{8,})/dg,
  ],
  [['discord'], /\bdiscord(?:app)?\.com\/api\/webhooks\/\d+\/([\w-]{20,})/dg],
  [
    ['Bearer', 'bearer', 'BEARER'],
    /\bBearer[ \t]+((?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,})/dgi,
  ],
  // The body only; a tail cut mid-key has no END line, so the body runs to the end.
  [
    ['PRIVATE KEY'],
    /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)/dg,
  ],
  // `kubectl create secret generic x --from-literal=ANY_NAME=value`: the value, whatever its name.
  [['--from-literal'], /--from-literal[= ]"[^=\s"]+=([^"\n]+)"/dg],
  [['--from-literal'], /--from-literal[= ]'[^=\s']+=([^'\n]+)'/dg],
  [['--from-literal'], /--from-literal[= ][^=\s'"]+=(?:"([^"\n]+)"|'([^'\n]+)'|([^\s'"]+))/dg],
];

let hintFinder: WordFinder | undefined;

/** Matches of a pattern run as a global regex, in order. */
function* globalMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    yield m;
    if (m[0] === '') pattern.lastIndex++;
  }
}

function groupSpans(text: string, pattern: RegExp, run?: typeof RUN_TO_DOT): Span[] {
  const spans: Span[] = [];
  const matches = run
    ? matchesAnchored(text, pattern, run.gap, run.end)
    : globalMatches(text, pattern);
  for (const m of matches) {
    const indices = m.indices ?? [];
    const group = indices.slice(1).find((g) => g && g[1] > g[0]) ?? indices[0];
    if (group) spans.push([group[0], group[1]]);
  }
  return spans;
}

/** Tokens, webhook paths, bearer tokens, key bodies and --from-literal values. */
export function tokenSpans(text: string): Span[] {
  const spans: Span[] = [];
  hintFinder ??= wordFinder(TOKENS.flatMap(([hints]) => hints));
  const present = hintFinder.in(text);
  for (const [hints, pattern, run] of TOKENS) {
    if (hints.some((hint) => present.has(hint))) addSpans(spans, groupSpans(text, pattern, run));
  }
  return spans;
}

/** Values under `data:` / `stringData:` of a YAML Secret, each line by line. */
function yamlSecretData(text: string): Span[] {
  const spans: Span[] = [];
  const block = /^([ \t]*)(?:data|stringData):[ \t]*$/gm;
  for (let m = block.exec(text); m !== null; m = block.exec(text)) {
    const indent = (m[1] ?? '').length;
    let at = m.index + m[0].length + 1;
    while (at < text.length) {
      const eol = text.indexOf('\n', at);
      const line = text.slice(at, eol < 0 ? text.length : eol);
      const entry = /^([ \t]+)[\w.-]+:[ \t]*(["']?)(.*?)\2[ \t\r]*$/.exec(line);
      if (!entry || (entry[1] ?? '').length <= indent) break;
      const value = entry[3] ?? '';
      if (value && !/^[|>]/.test(value)) {
        const start = at + line.lastIndexOf(value);
        spans.push([start, start + value.length]);
      }
      if (eol < 0) break;
      at = eol + 1;
    }
  }
  return spans;
}

/** Values inside `"data": { ... }` of a JSON Secret. */
function jsonSecretData(text: string): Span[] {
  const spans: Span[] = [];
  const block = /"(?:data|stringData)"\s*:\s*\{([^{}]*)\}/g;
  for (let m = block.exec(text); m !== null; m = block.exec(text)) {
    const body = m[1] ?? '';
    const bodyAt = m.index + m[0].indexOf('{') + 1;
    for (const entry of body.matchAll(/"[^"]*"\s*:\s*"([^"]*)"/g)) {
      const value = entry[1] ?? '';
      if (!value) continue;
      const start = bodyAt + (entry.index ?? 0) + entry[0].length - 1 - value.length;
      spans.push([start, start + value.length]);
    }
  }
  return spans;
}

/** The data of a Kubernetes Secret: every value, whatever its key is called. */
export function kubeSecretSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!text.includes('Secret')) return spans;
  if (/\bkind:[ \t]*["']?Secret\b/.test(text)) addSpans(spans, yamlSecretData(text));
  if (/"kind"\s*:\s*"Secret"/.test(text)) addSpans(spans, jsonSecretData(text));
  return spans;
}
