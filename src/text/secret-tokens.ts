// Secrets that give themselves away without a key name: tokens with a
// vendor's prefix, webhook URLs, bearer tokens, private key blocks, and the
// data of a Kubernetes Secret (`kubectl get secret -o yaml` is a classic paste).
// A small, high-confidence set: it also runs on `oncall note`, where the
// full gitleaks rule set would cost more than the note itself.
import type { Span } from './spans.js';

const TOKENS = new RegExp(
  [
    String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`,
    String.raw`\bgh[pousr]_[A-Za-z0-9]{30,255}\b`,
    String.raw`\bgithub_pat_\w{22,255}`,
    String.raw`\bgl(?:pat|dt|rt|ptt|cbt|ft|oas|soat)-[\w-]{20,}`,
    String.raw`\bxox[abposre]-[A-Za-z0-9-]{10,}`,
    String.raw`\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}\b`,
    String.raw`\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}`,
    String.raw`\bsk-ant-[a-z]+\d+-[A-Za-z0-9_-]{40,}`,
    String.raw`\bsk-[A-Za-z0-9]{32,}\b`,
    String.raw`\bAIza[0-9A-Za-z_-]{35}`,
    String.raw`\bnpm_[A-Za-z0-9]{36}\b`,
    String.raw`\bpypi-AgE[A-Za-z0-9_-]{50,}`,
    String.raw`\bhv[sbr]\.[A-Za-z0-9_-]{24,}`,
    String.raw`\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}`,
    String.raw`\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
  ].join('|'),
  'g',
);

/** Only the secret part of these (the first group that matched, hence the `d` flag). */
const WITH_CONTEXT: RegExp[] = [
  /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/_-]{8,})/dg,
  /\bdiscord(?:app)?\.com\/api\/webhooks\/\d+\/([\w-]{20,})/dg,
  /\bBearer[ \t]+((?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,})/dgi,
  // The body only; a tail cut mid-key has no END line, so the body runs to the end.
  /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)/dg,
  // `kubectl create secret generic x --from-literal=ANY_NAME=value`: the value, whatever its name.
  /--from-literal[= ]"[^=\s"]+=([^"\n]+)"/dg,
  /--from-literal[= ]'[^=\s']+=([^'\n]+)'/dg,
  /--from-literal[= ][^=\s'"]+=(?:"([^"\n]+)"|'([^'\n]+)'|([^\s'"]+))/dg,
];

function groupSpans(text: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const group = m.indices?.slice(1).find((g) => g && g[1] > g[0]);
    if (group) spans.push([group[0], group[1]]);
    if (m[0] === '') pattern.lastIndex++;
  }
  return spans;
}

/** Tokens, webhook paths, bearer tokens, key bodies and --from-literal values. */
export function tokenSpans(text: string): Span[] {
  const spans: Span[] = [];
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(text); m !== null; m = TOKENS.exec(text)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  for (const pattern of WITH_CONTEXT) spans.push(...groupSpans(text, pattern));
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
  if (/\bkind:[ \t]*["']?Secret\b/.test(text)) spans.push(...yamlSecretData(text));
  if (/"kind"\s*:\s*"Secret"/.test(text)) spans.push(...jsonSecretData(text));
  return spans;
}
