// Which names hold a secret (a JSON or YAML key, a flag, a header, an
// environment variable), and which values are worth hiding. Deliberately word
// by word rather than one big pattern: `password_file` and `--password-stdin`
// name no secret, `max_tokens` and `token_count` are counts, and `secretName`
// in a Kubernetes manifest is the name of a Secret, not its content.

/** A word that makes a name secret wherever it stands: DB_PASSWORD, x-auth-token, sig. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passwords',
  'pwd',
  'pass',
  'pw',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'auth',
  'authentication',
  'cookie',
  'sig',
  'signature',
  'privatekey',
  'accesskey',
  'secretkey',
  'storepass',
  'keypass',
  'srcstorepass',
  'deststorepass',
  'srckeypass',
  'destkeypass',
]);

/** Words glued into one: dbpassword, clientsecret, authtoken. */
const SECRET_ENDINGS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'passphrase',
  'credentials',
  'credential',
  'privatekey',
  'accesskey',
  'secretkey',
];

/** A name ending in one of these points at a secret, or describes one, without holding it. */
const SAFE_LAST = new Set(
  (
    'file files path paths dir directory folder sock socket name names type types id ids url uri ' +
    'endpoint host length len count size min max ttl expiry expires expiration age prefix suffix ' +
    'format enabled disabled required policy hint stdin prompt env var header field param method ' +
    'mode provider strategy scheme source backend plugin version rotation reset changed updated ' +
    'created at time timeout retries attempts algorithm alg kind label help command cmd ref arn ' +
    'store manager engine generator validator lifetime usage limit rate refresh helper'
  ).split(' '),
);

/** A name starting with one of these is a switch or a number about a secret: --no-password, max_tokens. */
const SAFE_FIRST = new Set(
  'no max min num is has use enable disable skip allow require show print ask prompt'.split(' '),
);

/** `<word>_key` that is a secret in any spelling: api_key, accessKey, X-Signing-Key. */
const KEY_QUALIFIERS = new Set(
  (
    'api access secret private signing encryption master client auth license app service ' +
    'account admin deploy webhook hmac session sas storage subscription shared consumer ' +
    'integration write enc crypt cipher aes jwt root partner merchant'
  ).split(' '),
);

/** `<word>_KEY` in an environment-style name that is no secret: PRIMARY_KEY, CACHE_KEY. */
const SAFE_KEY_QUALIFIERS = new Set(
  (
    'public primary foreign sort partition cache hash range idempotency routing object row ' +
    'lookup dedup shard group s3 redis cluster kms gpg pgp ssh hot map composite'
  ).split(' '),
);

/** A name split into lower-case words: `dbPassword` -> db, password; `X-API-Key` -> x, api, key. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every secret name contains one of these: most names are out after one test. */
export const MAYBE_SECRET = /pass|pw|secret|token|key|cred|auth|cookie|sig/i;

const decided = new Map<string, boolean>();

/** Does this key, flag, header or variable name hold a secret? */
export function isSecretName(name: string): boolean {
  if (!MAYBE_SECRET.test(name)) return false;
  let verdict = decided.get(name);
  if (verdict === undefined) {
    if (decided.size > 1000) decided.clear();
    verdict = decideSecretName(name);
    decided.set(name, verdict);
  }
  return verdict;
}

function decideSecretName(name: string): boolean {
  const words = nameWords(name);
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return false;
  if (SAFE_LAST.has(last) || (words.length > 1 && SAFE_FIRST.has(first))) return false;
  const secretWord = (w: string) =>
    SECRET_WORDS.has(w) || SECRET_ENDINGS.some((e) => w.length > e.length && w.endsWith(e));
  if (words.some(secretWord)) return true;
  const envStyle = /^[A-Z0-9_]+$/.test(name) && name.includes('_');
  for (let i = 1; i < words.length; i++) {
    if (words[i] !== 'key' && words[i] !== 'keys') continue;
    const qualifier = words[i - 1] as string;
    if (KEY_QUALIFIERS.has(qualifier)) return true;
    if (envStyle && i === words.length - 1 && !SAFE_KEY_QUALIFIERS.has(qualifier)) return true;
  }
  return false;
}

/** Values that say something about a secret without being one: `auth: ok`, `password: required`. */
const STATUS_WORDS = new Set(
  (
    'true false null none nil undefined yes no on off ok okay enabled disabled required optional ' +
    'set unset missing present valid invalid expired revoked rotated refreshed success successful ' +
    'failed failure error denied granted accepted rejected n/a na empty hidden masked redacted ' +
    'changed unchanged sensitive'
  ).split(' '),
);

/** `${VAR}`, `<your password>`, `****`; kubectl's `<set to the key 'password' in secret 'db'>  Optional: false`. */
const PLACEHOLDER =
  /^(?:\$\{?[A-Za-z_]\w*\}?|\$\(.*|%[A-Za-z_]\w*%|\{\{.*\}\}|<[^<>]*>.*|\*+|[xX]+|\.+|-+|\[REDACTED\]|REDACTED)$/;

/** A path names where a secret is kept, not the secret: /etc/app/key.pem, ~/.pgpass. */
function looksLikePath(value: string): boolean {
  if (/^(?:~|\.{1,2})\/[\w.@/-]*$/.test(value)) return true;
  return /^\/[\w.@/-]*$/.test(value) && (value.match(/\//g)?.length ?? 0) >= 2;
}

/** Is this value (of a secret-named key) worth redacting? */
export function isPlausibleSecret(value: string, name = ''): boolean {
  const v = value.trim();
  if (!v || STATUS_WORDS.has(v.toLowerCase()) || PLACEHOLDER.test(v) || looksLikePath(v)) {
    return false;
  }
  // `pass: 12` is far more often a test count than a password.
  if (/^\d+$/.test(v) && nameWords(name).includes('pass')) return false;
  return true;
}

/** Shorter secret values would redact common words and numbers everywhere they appear. */
const MIN_ENV_SECRET_LENGTH = 6;

/**
 * Values of environment variables whose names look secret (DB_PASSWORD=hunter2):
 * wherever such a value turns up in output, it is redacted.
 */
export function envSecretValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  // Names first: reading a value of process.env costs a call into Node for each.
  for (const name of Object.keys(env)) {
    if (!isSecretName(name)) continue;
    const value = env[name];
    if (value && value.length >= MIN_ENV_SECRET_LENGTH && isPlausibleSecret(value, name)) {
      values.add(value);
    }
  }
  // Longest first, so a value that contains another is redacted whole.
  return [...values].sort((a, b) => b.length - a.length);
}
