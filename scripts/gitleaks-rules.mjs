// Converts the vendored gitleaks rule set (vendor/gitleaks/gitleaks.toml, Go
// RE2 syntax) into src/domain/redact/gitleaks-rules.ts, data that JavaScript can run.
// Why a script and not a hand copy: the rules are maintained upstream; when
// the vendored file is refreshed, `npm run rules:gitleaks` redoes the
// conversion and says what it had to drop or adapt.
//
// What RE2 has that JavaScript (Node 20, no `u` flag) lacks, and what we do:
//   (?i) at the very start, nothing else      -> the `i` flag
//   (?i) elsewhere, (?i:...), (?-i:...)       -> letters spelled in both cases ([aA], [a-zA-Z])
//   (?s:...)                                  -> `.` becomes [\s\S] inside
//   (?P<name>...)                             -> a plain capturing group (numbering kept)
//   \z, \A                                    -> $, ^ (no `m` flag, so the same meaning)
//   \p{..}, \x{..} beyond U+FFFF, (?m), (?U)  -> unsupported: the rule is dropped and counted
// Every converted pattern is compiled here; one that does not compile is dropped and counted.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SOURCE = join(root, 'vendor', 'gitleaks', 'gitleaks.toml');
const OUT = join(root, 'src', 'domain', 'redact', 'gitleaks-rules.ts');

/** Rules we leave out, and why (shown in the generated header). */
const DROP = {
  'pkcs12-file': 'matches file paths only, never text',
  'kubernetes-secret-yaml':
    'its secret group is a whole `key: value` line of the first data entry; a form of our own redacts every value of a Secret',
  'curl-auth-user':
    'its secret group holds the user name and the quotes; our curl -u form redacts only the password',
};

/** Rules whose secret group would take more (or less) than the secret: adapted, and why. */
const ADAPT = {
  'slack-webhook-url': {
    why: 'secret group around the path, so the host stays readable',
    regex: '(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56})',
  },
  'microsoft-teams-webhook': {
    why: 'its groups were repetitions ([a-z0-9]{4}-); one secret group around the path instead',
    regex:
      'https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/([a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}@[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12})',
  },
  'hashicorp-tf-password': {
    why: 'quotes moved out of the secret group, so they stay',
    from: '("[a-z0-9=_\\-]{8,20}")',
    to: '"([a-z0-9=_\\-]{8,20})"',
  },
  'gitlab-session-cookie': {
    why: 'secret group around the value, so the cookie name stays',
    from: '=[0-9a-z]{32}',
    to: '=([0-9a-z]{32})',
  },
  'private-key': {
    why: 'secret group around the key body, so the BEGIN/END lines stay',
    regex:
      '(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([\\s\\S-]{64,}?)-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----',
  },
};

class Unsupported extends Error {}

const isLetter = (c) => /[A-Za-z]/.test(c);
const bothCases = (c) => (isLetter(c) ? `${c.toLowerCase()}${c.toUpperCase()}` : c);

const POSIX = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\t\\n\\v\\f\\r ',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

/** One escape sequence at src[i] (a backslash): [JavaScript text, length consumed]. */
function escapeAt(src, i, inClass) {
  const next = src[i + 1];
  if (next === undefined) throw new Unsupported('trailing backslash');
  if (!inClass && next === 'z') return ['$', 2];
  if (!inClass && next === 'A') return ['^', 2];
  if (next === 'p' || next === 'P') throw new Unsupported('\\p{…} needs the u flag');
  if (next === 'Q') {
    const end = src.indexOf('\\E', i + 2);
    const literal = src.slice(i + 2, end < 0 ? src.length : end);
    return [
      literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'),
      literal.length + 2 + (end < 0 ? 0 : 2),
    ];
  }
  if (next === 'x' && src[i + 2] === '{') {
    const end = src.indexOf('}', i);
    const code = Number.parseInt(src.slice(i + 3, end), 16);
    if (!(code <= 0xffff)) throw new Unsupported('\\x{…} beyond U+FFFF');
    return [`\\u${code.toString(16).padStart(4, '0')}`, end - i + 1];
  }
  if (next === 'x') return [src.slice(i, i + 4), 4];
  return [src.slice(i, i + 2), 2];
}

/** A bracket class at src[i]: [JavaScript text, length consumed]. */
function charClass(src, i, caseless) {
  let j = i + 1;
  let out = '[';
  if (src[j] === '^') {
    out += '^';
    j++;
  }
  const extra = [];
  let first = true;
  while (j < src.length && (src[j] !== ']' || first)) {
    first = false;
    if (src.startsWith('[:', j)) {
      const end = src.indexOf(':]', j);
      const name = src.slice(j + 2, end);
      if (!POSIX[name]) throw new Unsupported(`[:${name}:]`);
      out += POSIX[name];
      j = end + 2;
      continue;
    }
    let atom;
    let length;
    if (src[j] === '\\') [atom, length] = escapeAt(src, j, true);
    else if (src[j] === ']') [atom, length] = ['\\]', 1];
    else [atom, length] = [src[j], 1];
    j += length;
    // A range a-z (both ends plain characters): widen it when case does not matter.
    if (src[j] === '-' && src[j + 1] !== ']' && src[j + 1] !== '\\' && length === 1) {
      const to = src[j + 1];
      out += `${atom}-${to}`;
      if (caseless && /[a-z]/.test(atom) && /[a-z]/.test(to))
        extra.push(`${atom.toUpperCase()}-${to.toUpperCase()}`);
      if (caseless && /[A-Z]/.test(atom) && /[A-Z]/.test(to))
        extra.push(`${atom.toLowerCase()}-${to.toLowerCase()}`);
      j += 2;
      continue;
    }
    out += atom;
    if (caseless && length === 1 && isLetter(atom)) extra.push(bothCases(atom).replace(atom, ''));
  }
  if (src[j] !== ']') throw new Unsupported('unterminated class');
  return [`${out}${extra.join('')}]`, j - i + 1];
}

/** Go RE2 source -> JavaScript source, expanding case-insensitivity by hand where it is local. */
function transpile(src, startCaseless) {
  let out = '';
  let i = 0;
  let caseless = startCaseless;
  let dotAll = false;
  const saved = [];
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const [text, length] = escapeAt(src, i, false);
      out +=
        caseless && length === 2 && isLetter(text[1]) && !/[dDwWsSbBnrtfv]/.test(text[1])
          ? `[${bothCases(text[1])}]`
          : text;
      i += length;
    } else if (c === '[') {
      const [text, length] = charClass(src, i, caseless);
      out += text;
      i += length;
    } else if (c === '(') {
      const rest = src.slice(i);
      const named = /^\(\?P?<[A-Za-z_]\w*>/.exec(rest);
      const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
      if (named) {
        saved.push([caseless, dotAll]);
        out += '(';
        i += named[0].length;
      } else if (flags) {
        const [all, on, off = '', end] = flags;
        let nextCaseless = caseless;
        let nextDotAll = dotAll;
        for (const [set, value] of [
          [on, true],
          [off, false],
        ]) {
          for (const f of set) {
            if (f === 'i') nextCaseless = value;
            else if (f === 's') nextDotAll = value;
            else throw new Unsupported(`(?${f})`);
          }
        }
        if (end === ')') {
          // Flags for the rest of the enclosing group.
          caseless = nextCaseless;
          dotAll = nextDotAll;
        } else {
          saved.push([caseless, dotAll]);
          caseless = nextCaseless;
          dotAll = nextDotAll;
          out += '(?:';
        }
        i += all.length;
      } else if (rest.startsWith('(?')) {
        throw new Unsupported(rest.slice(0, 4));
      } else {
        saved.push([caseless, dotAll]);
        out += '(';
        i++;
      }
    } else if (c === ')') {
      [caseless, dotAll] = saved.pop() ?? [caseless, dotAll];
      out += ')';
      i++;
    } else if (c === '.') {
      out += dotAll ? '[\\s\\S]' : '.';
      i++;
    } else if (caseless && isLetter(c)) {
      out += `[${bothCases(c)}]`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** [source, flags] for JavaScript, or throws Unsupported. */
export function convert(goSource) {
  const rest = goSource.startsWith('(?i)') ? goSource.slice(4) : undefined;
  // Only `(?:` and named groups after a leading (?i): the whole pattern ignores case, so use the flag.
  const simple = rest !== undefined && !/\(\?(?!:|P<|<)/.test(rest);
  const source = simple ? transpile(rest, false) : transpile(goSource, false);
  const flags = simple ? 'i' : '';
  new RegExp(source, `${flags}d`); // throws SyntaxError when JavaScript cannot compile it
  return [source, flags];
}

function adapted(rule) {
  const adapt = ADAPT[rule.id];
  if (!adapt) return rule.regex;
  if (adapt.regex) return adapt.regex;
  if (!rule.regex.includes(adapt.from)) throw new Error(`${rule.id}: adaptation no longer applies`);
  return rule.regex.replace(adapt.from, adapt.to);
}

/** An allowlist as data, or null when it can never apply to text (paths or commits only, or AND with them). */
function allowlist(list, counts) {
  const needsPath = (list.paths?.length ?? 0) > 0 || (list.commits?.length ?? 0) > 0;
  if (needsPath && list.condition === 'AND') return null;
  const regexes = [];
  for (const re of list.regexes ?? []) {
    try {
      regexes.push(convert(re));
    } catch {
      counts.allowRegexDropped++;
    }
  }
  const stopwords = list.stopwords ?? [];
  if (regexes.length === 0 && stopwords.length === 0) return null;
  return { target: list.regexTarget ?? 'secret', regexes, stopwords };
}

/** The TypeScript module for a gitleaks.toml, and a one-line summary. */
export function generate(text) {
  const header = /^# (source|upstream|license): .*$/gm;
  const provenance = text.match(header) ?? [];
  const config = parse(text);
  const counts = {
    total: config.rules.length,
    flag: 0,
    expanded: 0,
    adapted: 0,
    allowRegexDropped: 0,
  };
  const dropped = [];
  const rules = [];
  for (const rule of config.rules) {
    if (DROP[rule.id]) {
      dropped.push(`${rule.id}: ${DROP[rule.id]}`);
      continue;
    }
    let converted;
    try {
      converted = convert(adapted(rule));
    } catch (error) {
      dropped.push(`${rule.id}: does not convert (${error.message})`);
      continue;
    }
    if (ADAPT[rule.id]) counts.adapted++;
    if (converted[1] === 'i') counts.flag++;
    else if (/\(\?-?i/.test(rule.regex)) counts.expanded++;
    const allow = (rule.allowlists ?? []).map((l) => allowlist(l, counts)).filter(Boolean);
    rules.push({
      id: rule.id,
      source: converted[0],
      flags: converted[1],
      keywords: (rule.keywords ?? []).map((k) => k.toLowerCase()),
      ...(rule.entropy ? { entropy: rule.entropy } : {}),
      ...(allow.length ? { allow } : {}),
    });
  }
  const global = allowlist(
    { regexes: config.allowlist?.regexes, stopwords: config.allowlist?.stopwords },
    counts,
  );
  const lines = [
    '// biome-ignore-all format: generated, one rule a line',
    '// biome-ignore-all lint/suspicious/noTemplateCurlyInString: regular expressions, not templates',
    '// GENERATED by scripts/gitleaks-rules.mjs from vendor/gitleaks/gitleaks.toml: do not edit by hand.',
    '// Rules from gitleaks (https://github.com/gitleaks/gitleaks), MIT License, Copyright (c) 2019 Zachary Rice;',
    '// see vendor/gitleaks/LICENSE. Where the vendored copy came from:',
    ...provenance.map((l) => `//   ${l.slice(2)}`),
    `// ${counts.total} rules in the source; ${rules.length} converted (${counts.flag} with the i flag, ${counts.expanded} with case spelled out by hand, ${counts.adapted} adapted), ${dropped.length} dropped:`,
    ...dropped.map((d) => `//   - ${d}`),
    ...Object.entries(ADAPT).map(([id, a]) => `// adapted ${id}: ${a.why}`),
    `// Allowlist patterns that did not convert and were left out: ${counts.allowRegexDropped}.`,
    "import type { GitleaksAllow, GitleaksRule } from './gitleaks-types.js';",
    '',
    `export const GITLEAKS_GLOBAL_ALLOW: GitleaksAllow = ${JSON.stringify(global)};`,
    '',
    'export const GITLEAKS_RULES: readonly GitleaksRule[] = [',
    ...rules.map((r) => `  ${JSON.stringify(r)},`),
    '];',
    '',
  ];
  const summary = `${rules.length} of ${counts.total} rules, ${dropped.length} dropped, ${counts.adapted} adapted`;
  return { module: lines.join('\n'), summary };
}

/** Where the vendored rules are read from and the module is written to. */
export const PATHS = { source: SOURCE, out: OUT };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { module, summary } = generate(readFileSync(SOURCE, 'utf8'));
  writeFileSync(OUT, module);
  console.log(`${OUT}: ${summary}`);
}
