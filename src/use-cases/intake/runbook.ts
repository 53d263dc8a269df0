// The runbook an alert's runbook_url names, as a file `oncall start` can
// walk: the team's own file when `runbookUrls` maps the URL's prefix, else
// the Markdown fetched and kept under the data folder. When neither works
// (no such file, a 404, a page with no Markdown source, offline with no
// copy), one line says why and start goes on matching by the alert's name.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { mappedRunbook } from '../../domain/intake/runbook-url.js';
import { OncallError } from '../../errors.js';
import { callTimeoutMs } from '../../infra/intake/pagerduty.js';
import { fetchRunbook } from '../../infra/intake/runbook-fetch.js';
import { loadRunbook } from '../../infra/runbooks/load.js';
import { homeOf } from '../journal/load.js';

interface RunbookFromUrl {
  /** The file to walk, when one was found. */
  file?: string;
  /** What happened, in one line (where it came from, or why not). */
  line: string;
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * `<dir>/<rest>` as a file: as written, with `.md`, or (the URL lower-cased
 * what the file names in CamelCase, as runbooks.prometheus-operator.dev does)
 * the one file of that folder whose name matches in any case.
 */
function fileFor(dir: string, rest: string): string | undefined {
  const exact = join(dir, rest);
  for (const candidate of [exact, `${exact}.md`]) if (isFile(candidate)) return candidate;
  const folder = dirname(exact);
  const wanted = rest.split('/').at(-1)?.toLowerCase() ?? '';
  if (!existsSync(folder)) return undefined;
  const match = readdirSync(folder).find((name) => {
    const lower = name.toLowerCase();
    return lower === wanted || lower === `${wanted}.md`;
  });
  return match && isFile(join(folder, match)) ? join(folder, match) : undefined;
}

/** The file parses into a walkable runbook, or the line saying why not. */
function walkable(file: string): string | undefined {
  try {
    loadRunbook(file);
    return undefined;
  } catch (error) {
    if (error instanceof OncallError) return error.message;
    throw error;
  }
}

export async function runbookFromUrl(
  ctx: Context,
  config: ResolvedConfig,
  url: string,
  alertname: string | undefined,
): Promise<RunbookFromUrl> {
  const mapped = mappedRunbook(url, config.runbookUrls);
  if (mapped && 'problem' in mapped) return { line: `runbook_url ${mapped.problem}` };
  if (mapped) {
    const file = fileFor(mapped.dir, mapped.rest);
    if (!file) {
      return {
        line: `runbook_url ${url} maps to ${join(mapped.dir, mapped.rest)}(.md), which is not there`,
      };
    }
    const broken = walkable(file);
    if (broken) return { line: `the runbook for ${url} cannot be walked: ${broken}` };
    return { file, line: `Runbook from runbook_url ${url}: ${file} (runbookUrls).` };
  }
  const fetched = await fetchRunbook(url, {
    home: homeOf(ctx),
    // A runbook's web server gets the same few seconds as the services.
    timeoutMs: callTimeoutMs(undefined, ctx.delivery?.attemptMs),
    ...(alertname ? { alertname } : {}),
    now: ctx.now(),
    ...(ctx.env.TZ ? { tz: ctx.env.TZ } : {}),
  });
  if ('problem' in fetched) return { line: `runbook_url ${url}: ${fetched.problem}` };
  const broken = walkable(fetched.file);
  if (broken) return { line: `the runbook fetched from ${url} cannot be walked: ${broken}` };
  return { file: fetched.file, line: fetched.note };
}
