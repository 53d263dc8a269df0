// Where a request may be redirected: the one rule for every call that leaves
// the machine (deliveries and reads alike). Node's fetch drops Authorization
// on a redirect to another origin, but not a header of ours (a proxy's auth,
// an API key) nor a token in the URL: followed, those would go to an address
// nobody configured. Pure.

/**
 * never: a write (a POST followed becomes a GET of wherever it points, and its
 * body and secrets go with it); same-origin: a read carrying a secret;
 * any: a read carrying nothing of ours (a public runbook).
 */
export type RedirectRule = 'never' | 'same-origin' | 'any';

export function redirectRule(method: string, carriesSecret: boolean): RedirectRule {
  if (method.toUpperCase() !== 'GET') return 'never';
  return carriesSecret ? 'same-origin' : 'any';
}

/** Where a redirect's Location points, resolved against the URL that answered it. */
export function redirectTarget(from: string, location: string): URL | undefined {
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

/** Scheme, host and port: a different one is another origin, as browsers and fetch count it. */
export const sameOrigin = (from: string, to: URL): boolean => new URL(from).origin === to.origin;

/** The address as it may be said: no user, password or query (either may hold a token). */
export const shownAddress = (url: URL): string => `${url.origin}${url.pathname}`;
