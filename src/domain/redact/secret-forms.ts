// The shapes in which people paste secrets at 2am, found by hand-written
// finders: keyed assignments (JSON, YAML, env, ini, query strings), flags that
// carry a secret (only where the flag is known to), HTTP auth and cookie
// headers, credentials in URLs, Kubernetes Secret data, and tokens whose
// prefix gives them away. Each finder returns the span of the secret value
// alone, so the key, the quotes and a following `;` or `&&` stay as they were.
// Cheap enough for `oncall note`; the gitleaks rules add the long tail.
import { isAsciiLetter, isDigit, isWordChar } from '../text/char-codes.js';
import { matchesAnchored } from './anchored.js';
import { isPlausibleSecret, isSecretName, MAYBE_SECRET } from './secret-names.js';
import { addSpans, type Span } from './spans.js';
import { type WordFinder, wordFinder } from './words-present.js';

/** Characters an unquoted value stops at: whitespace, quotes and shell or JSON structure. */
const TOKEN = /[^\s'"`;&|<>(){}[\],]+/y;

/** The value starting at `at`: quoted (without its quotes) or a bare token. */
function valueAt(text: string, at: number, toLineEnd = false): Span | undefined {
  if (text.startsWith('\\"', at)) {
    // Like the other quotes, it ends at the line's end when it is not closed there.
    const eol = text.indexOf('\n', at);
    const lineEnd = eol < 0 ? text.length : eol;
    const close = text.indexOf('\\"', at + 2);
    const end = close < 0 || close > lineEnd ? lineEnd : close;
    return end > at + 2 ? [at + 2, end] : undefined;
  }
  const quote = text[at];
  if (quote === '"' || quote === "'" || quote === '`') {
    let end = at + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') {
      // An escape skips the next character, but never the line's end.
      end += quote === '"' && text[end] === '\\' && text[end + 1] !== '\n' ? 2 : 1;
    }
    return end > at + 1 ? [at + 1, Math.min(end, text.length)] : undefined;
  }
  if (toLineEnd) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol);
    // Trimmed first: a CRLF line's \r stopped `.*$` short, and the comment was taken
    // for the value. The comment's blanks are matched from the first of their run
    // only (the lookbehind): tried at every blank, a long run cost its square.
    const value = line.trimEnd().replace(/(?<!\s)\s+#.*$/, '');
    return value ? [at, at + value.length] : undefined;
  }
  TOKEN.lastIndex = at;
  const m = TOKEN.exec(text);
  return m ? [at, at + m[0].length] : undefined;
}

const plausible = (text: string, span: Span | undefined, name: string): span is Span =>
  span !== undefined && isPlausibleSecret(text.slice(span[0], span[1]), name);

/** Headers with finders of their own (the scheme or the cookie names stay). */
const OWN_FINDER = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * A bare YAML key or header at the start of a line: its value runs to the end of
 * the line, unless that reads like more pairs (`auth: ok, db: ok`) or a block.
 */
function lineValue(text: string, keyAt: number, valueStart: number): boolean {
  let i = keyAt - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
    i--;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  }
  if (i >= 0 && text[i] !== '\n') return false;
  const eol = text.indexOf('\n', valueStart);
  const rest = text.slice(valueStart, eol < 0 ? text.length : eol);
  return !/^[[{|>]/.test(rest) && !/,\s*[\w-]+:\s/.test(rest);
}

const KEYED = /(?<![\w$.\-\\])(\\?["'`]?)([A-Za-z_][\w.-]{0,80})\1[ \t]*(:=|=>|=|:)[ \t]*/g;

/** Texts at least this long are searched only on the lines that could name a secret. */
const LONG_TEXT = 4096;
const MAYBE_SECRET_ANYWHERE = new RegExp(MAYBE_SECRET.source, 'gi');

/**
 * `find` run on each line of `text` that contains a word every secret name
 * contains, its spans put back in place: the same spans `find(text)` gives,
 * for a finder that looks at one line at a time and reports only names
 * `isSecretName` accepts. Over a long postmortem most lines name no secret,
 * and the keyed pattern is tried at every word of every line.
 */
function onSecretNamingLines(text: string, find: (text: string) => Span[]): Span[] {
  if (text.length < LONG_TEXT) return find(text);
  const spans: Span[] = [];
  for (const [from, to] of secretNamingLines(text)) {
    for (const [s, e] of find(text.slice(from, to))) spans.push([s + from, e + from]);
  }
  return spans;
}

/** The last text's secret-naming lines: the keyed and the flag finders ask for the same text in turn. */
let lastLines: { text: string; lines: Span[] } | undefined;

/** [start, end) of each line of `text` holding a word every secret name contains. */
function secretNamingLines(text: string): Span[] {
  if (lastLines?.text === text) return lastLines.lines;
  const lines: Span[] = [];
  const word = MAYBE_SECRET_ANYWHERE;
  word.lastIndex = 0;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    const from = text.lastIndexOf('\n', m.index) + 1;
    const eol = text.indexOf('\n', m.index);
    const to = eol < 0 ? text.length : eol;
    lines.push([from, to]);
    word.lastIndex = to;
  }
  lastLines = { text, lines };
  return lines;
}

/** `"password": "x"`, `password: x`, `DB_PASS=x`, `export X_KEY="x"`, `?token=x&`. */
export function keyedSpans(text: string): Span[] {
  return onSecretNamingLines(text, keyedSpansOf);
}

function keyedSpansOf(text: string): Span[] {
  const spans: Span[] = [];
  KEYED.lastIndex = 0;
  for (let m = KEYED.exec(text); m !== null; m = KEYED.exec(text)) {
    const [whole, quote, key = '', op] = m;
    const at = m.index + whole.length;
    if (!isSecretName(key) || OWN_FINDER.has(key.toLowerCase())) continue;
    // `https://x-access-token:<secret>@host` is a URL's user and password: urlSpans' part.
    if (text.endsWith('//', m.index)) continue;
    // `a == b` compares; `scheme://` and `a::b` are no assignment.
    if (
      (op === '=' && text[at] === '=') ||
      (op === ':' && (text[at] === ':' || text[at] === '/'))
    ) {
      continue;
    }
    const span = valueAt(text, at, op === ':' && !quote && lineValue(text, m.index, at));
    if (plausible(text, span, key)) {
      spans.push(span);
      KEYED.lastIndex = Math.max(KEYED.lastIndex, span[1]); // a value is not searched for keys
    }
  }
  return spans;
}

const FLAG = /(?<![\w-])(--?)([A-Za-z][\w-]{1,63})(=|[ \t]+)/g;

/** `--password x`, `--api-key=x`, `-storepass x`, `-passin pass:x`. */
export function flagSpans(text: string): Span[] {
  return onSecretNamingLines(text, flagSpansOf);
}

function flagSpansOf(text: string): Span[] {
  const spans: Span[] = [];
  FLAG.lastIndex = 0;
  for (let m = FLAG.exec(text); m !== null; m = FLAG.exec(text)) {
    const [whole, dashes, name = '', separator] = m;
    if (dashes === '-' && name.length < 4) continue;
    if (!isSecretName(name)) continue;
    let at = m.index + whole.length;
    if (separator !== '=' && text[at] === '-') continue;
    // openssl: pass:<secret> holds it; env:, file: and fd: only say where it is.
    if (text.startsWith('pass:', at)) at += 5;
    const span = valueAt(text, at);
    if (plausible(text, span, name)) {
      spans.push(span);
      FLAG.lastIndex = span[1];
    }
  }
  return spans;
}

type Part = 'whole' | 'after-colon' | 'after-percent';

/** Short flags that carry a secret only for these programs (`-p` is a port elsewhere). */
/** [program names, pattern, part]: a pattern runs only when one of its programs is named. */
const PROGRAM_FLAGS: [readonly string[], RegExp, Part][] = [
  [['redis-cli'], /\bredis-cli\b[^\n;&|]*?[ \t]-a[ \t]*(?=\S)/g, 'whole'],
  [
    ['mysql', 'mariadb'],
    /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mariadb)\b[^\n;&|]*?[ \t]-p(?=[^\s-])/g,
    'whole',
  ],
  [['sshpass'], /\bsshpass\b[^\n;&|]*?[ \t]-p[ \t]*(?=\S)/g, 'whole'],
  [
    ['mongo'],
    /\b(?:mongo|mongosh|mongodump|mongorestore)\b[^\n;&|]*?[ \t]-p[ \t]+(?=[^\s-])/g,
    'whole',
  ],
  [
    ['ldap'],
    /\bldap(?:search|modify|add|delete|whoami|passwd|compare)\b[^\n;&|]*?[ \t]-w[ \t]*(?=\S)/g,
    'whole',
  ],
  [['sqlcmd'], /\bsqlcmd\b[^\n;&|]*?[ \t]-P[ \t]*(?=\S)/g, 'whole'],
  [
    ['login'],
    /\b(?:docker|podman|nerdctl|buildah|skopeo|helm|oras|crane|az)\b[^\n;&|]*?\blogin\b[^\n;&|]*?[ \t]-p[ \t]*(?=\S)/g,
    'whole',
  ],
  [
    ['curl', 'wget'],
    /\b(?:curl|wget)\b[^\n;&|]*?[ \t](?:-u|--user|-U|--proxy-user)(?:=|[ \t]*)(?=\S)/g,
    'after-colon',
  ],
  [
    ['http', 'xh'],
    /\b(?:http|https|xh)\b[^\n;&|]*?[ \t](?:-a|--auth)(?:=|[ \t]+)(?=\S)/g,
    'after-colon',
  ],
  [
    ['smbclient', 'rpcclient'],
    /\b(?:smbclient|rpcclient)\b[^\n;&|]*?[ \t](?:-U|--user)(?:=|[ \t]*)(?=\S)/g,
    'after-percent',
  ],
];

/** From a program's name to its flag: anything but what ends the shell command. */
const COMMAND_GAP = '[^\\n;&|]*?';
const COMMAND_END = /[\n;&|]/;

/** Matches of a `program … flag` pattern, a long command not scanned again for each later name (anchored.ts). */
function commandMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  return matchesAnchored(text, pattern, COMMAND_GAP, COMMAND_END);
}

let programFinder: WordFinder | undefined;

/** `redis-cli -a x`, `mysql -px`, `curl -u user:x`, `docker login -p x`, `smbclient -U user%x`. */
export function programFlagSpans(text: string): Span[] {
  const spans: Span[] = [];
  programFinder ??= wordFinder(PROGRAM_FLAGS.flatMap(([programs]) => programs));
  const named = programFinder.in(text);
  for (const [programs, pattern, part] of PROGRAM_FLAGS) {
    if (!programs.some((program) => named.has(program))) continue;
    for (const m of commandMatches(text, pattern)) {
      const span = valueAt(text, m.index + m[0].length);
      if (!span) continue;
      const value = text.slice(span[0], span[1]);
      const cut = part === 'whole' ? -1 : value.indexOf(part === 'after-colon' ? ':' : '%');
      if (part !== 'whole' && cut < 0) continue; // `curl -u alice`: curl will ask for the password
      const start = span[0] + cut + 1;
      if (start < span[1] && isPlausibleSecret(text.slice(start, span[1])))
        spans.push([start, span[1]]);
    }
  }
  return spans;
}

const AUTH_SCHEMES =
  'Basic|Bearer|Token|Digest|Negotiate|NTLM|ApiKey|Api-Key|Key|SSWS|GenieKey|Splunk|OAuth|JWT|Hawk|DPoP';
const AUTH_HEADER = new RegExp(
  String.raw`\b(?:Proxy-)?Authorization[ \t]*[:=][ \t]*(?:(${AUTH_SCHEMES})[ \t]+)?([^\s'"\x60,]+)`,
  'gi',
);

/** `Authorization: Basic x`: the scheme stays, the credentials go. */
export function authHeaderSpans(text: string): Span[] {
  const spans: Span[] = [];
  AUTH_HEADER.lastIndex = 0;
  for (let m = AUTH_HEADER.exec(text); m !== null; m = AUTH_HEADER.exec(text)) {
    const [whole, scheme, credential = ''] = m;
    // Without a known scheme, only what looks like a credential: not `Authorization: failed`.
    if (!scheme && !(credential.length >= 8 && /\d/.test(credential))) continue;
    const end = m.index + whole.length;
    spans.push([end - credential.length, end]);
  }
  return spans;
}

/** Every `name=value` value in a cookie string (only the first for Set-Cookie: the rest are attributes). */
function cookieValues(text: string, start: number, end: number, firstOnly: boolean): Span[] {
  const spans: Span[] = [];
  let at = start;
  while (at < end) {
    const semi = text.indexOf(';', at);
    const stop = semi < 0 || semi > end ? end : semi;
    const eq = text.indexOf('=', at);
    if (eq >= 0 && eq < stop) {
      const value = text.slice(eq + 1, stop).trimEnd();
      if (value.trim())
        spans.push([eq + 1 + (value.length - value.trimStart().length), eq + 1 + value.length]);
    }
    if (firstOnly) break;
    at = stop + 1;
  }
  return spans;
}

const COOKIE_HEADER = /\b(Set-Cookie|Cookie)[ \t]*:[ \t]*([^\r\n'"`]*)/gi;
const CURL_COOKIE = /\bcurl\b[^\n;&|]*?[ \t](?:-b|--cookie)(?:=|[ \t]+)(?=\S)/g;

/** `Cookie: a=x; b=y`, `Set-Cookie: session=x; Path=/`, `curl -b 'session=x'`. */
export function cookieSpans(text: string): Span[] {
  const spans: Span[] = [];
  COOKIE_HEADER.lastIndex = 0;
  for (let m = COOKIE_HEADER.exec(text); m !== null; m = COOKIE_HEADER.exec(text)) {
    const [whole, name = '', value = ''] = m;
    const end = m.index + whole.length;
    addSpans(
      spans,
      cookieValues(text, end - value.length, end, name.toLowerCase() === 'set-cookie'),
    );
  }
  for (const m of commandMatches(text, CURL_COOKIE)) {
    // Unquoted, a cookie string cannot hold a `;` (the shell would end the command there).
    const span = valueAt(text, m.index + m[0].length);
    if (span && text.slice(span[0], span[1]).includes('=')) {
      addSpans(spans, cookieValues(text, span[0], span[1], false));
    }
  }
  return spans;
}

/** What a URL's credentials look like after the scheme: `://user:password@`. */
const URL_CREDENTIALS_AFTER_SCHEME = /:\/\/[^\s:/@'"?#]*:([^\s/'"?#]+)@/g;

/** `[a-zA-Z0-9+.-]`: what a scheme is made of. */
const isSchemeChar = (c: number) =>
  isAsciiLetter(c) || isDigit(c) || c === 43 || c === 46 || c === 45;

/**
 * Where the scheme before `://` at `at` starts, as `\b[a-zA-Z][a-zA-Z0-9+.-]*`
 * would begin it, never before `from`; undefined when there is no scheme.
 * A regex starting with the scheme tries it at every word of a long text
 * (most of a postmortem's URL cost); found from the `://` back, it is the
 * same leftmost match.
 */
function schemeStart(text: string, at: number, from: number): number | undefined {
  let run = at;
  while (run > from && isSchemeChar(text.charCodeAt(run - 1))) run--;
  for (let s = run; s < at; s++) {
    const boundary = s === 0 || !isWordChar(text.charCodeAt(s - 1));
    if (boundary && isAsciiLetter(text.charCodeAt(s))) return s;
  }
  return undefined;
}

/** `postgres://user:x@host`: the user and host stay. */
export function urlSpans(text: string): Span[] {
  const spans: Span[] = [];
  const after = URL_CREDENTIALS_AFTER_SCHEME;
  let from = 0;
  after.lastIndex = 0;
  for (let m = after.exec(text); m !== null; m = after.exec(text)) {
    if (schemeStart(text, m.index, from) === undefined) {
      after.lastIndex = m.index + 1;
      continue;
    }
    const end = m.index + m[0].length - 1;
    spans.push([end - (m[1] ?? '').length, end]);
    from = after.lastIndex;
  }
  return spans;
}
