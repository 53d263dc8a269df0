// Step and runbook ids: what a valid one looks like and how a taken one is
// numbered (the id a heading gives is text/slug.ts headingSlug). Ids are what a resume finds its place by, so the
// rules live in one place for the frontmatter, the annotations and `runbook new`.

/** An id as written in frontmatter `id:` or an annotation's `step:`. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * `id`, or `id-2`, `id-3`... when it is already taken: two "## Mitigation"
 * sections in a plain file get distinct ids instead of failing.
 */
export function uniqueId(id: string, taken: ReadonlySet<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  return candidate;
}
