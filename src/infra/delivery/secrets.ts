// Secrets (a routing key, a webhook URL, a header value) live in the
// environment only: `NAME`, or `NAME_FILE` naming a file that holds it (as
// Docker and systemd credentials do). They are read when a request is sent and
// never written anywhere: not to the log, the outbox, the output or an error.
import { readFileSync } from 'node:fs';

interface SecretRead {
  value?: string;
  /** Why there is no value, naming the variable, never a value. */
  problem?: string;
}

export function readSecret(env: NodeJS.ProcessEnv, name: string): SecretRead {
  const direct = env[name]?.trim();
  if (direct) return { value: direct };
  const file = env[`${name}_FILE`]?.trim();
  if (!file) return { problem: `${name} is not set (nor ${name}_FILE)` };
  try {
    const value = readFileSync(file, 'utf8').trim();
    return value ? { value } : { problem: `${name}_FILE names an empty file (${file})` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `${name}_FILE: cannot read ${file} (${code})` };
  }
}

/** What a delivery secret (a key, a webhook URL's path) is shown as in previews and errors. */
export const DELIVERY_SECRET_MASK = '***';

/** A URL as it may be shown: scheme and host; a path or query (where webhook secrets live) masked. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hasMore = parsed.pathname.length > 1 || parsed.search !== '' || parsed.username !== '';
    return `${parsed.protocol}//${parsed.host}${hasMore ? `/${DELIVERY_SECRET_MASK}` : '/'}`;
  } catch {
    return DELIVERY_SECRET_MASK;
  }
}

/** Replaces every secret (and a URL's path, which is the secret of a webhook) in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  const pieces = new Set<string>();
  for (const secret of secrets) {
    if (secret.length >= 4) pieces.add(secret);
    try {
      const { pathname, search } = new URL(secret);
      if (pathname.length > 4) pieces.add(pathname);
      if (search.length > 4) pieces.add(search);
    } catch {
      // not a URL
    }
  }
  // Longest first: a URL before its own path.
  for (const piece of [...pieces].sort((a, b) => b.length - a.length)) {
    out = out.split(piece).join(DELIVERY_SECRET_MASK);
  }
  return out;
}
