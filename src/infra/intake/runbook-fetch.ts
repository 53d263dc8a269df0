// A runbook_url no prefix of `runbookUrls` maps: its Markdown fetched over
// HTTP(S), kept under the data folder (cache/runbook-urls/<key>/) with its
// ETag, and walked like a local file. Asked again with If-None-Match, a 304
// keeps the copy; offline, the copy is used and said so. A rendered HTML page
// is read from the Markdown source it names (domain/intake/runbook-url.ts),
// else refused with the reason. Nothing of it runs without the walk's own
// confirmations: it is a runbook like any other, from a place the team chose.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localClock } from '../../domain/incident/time.js';
import {
  isMarkdownAnswer,
  knownMarkdownSource,
  markdownSourceInHtml,
} from '../../domain/intake/runbook-url.js';
import { sha256Hex } from '../../domain/text/hash.js';
import { writeFileAtomic } from '../store/atomic.js';
import { type Answered, call, type Failed } from './http.js';

/** A runbook is text; anything this large is not one. */
const MAX_BYTES = 1_000_000;

interface FetchedRunbook {
  file: string;
  /** One line: where it came from, and whether it is a fresh copy. */
  note: string;
}

interface Kept {
  url: string;
  source: string;
  etag?: string;
  fetchedAt: string;
  name: string;
}

interface FetchOptions {
  /** The data folder (ONCALL_HOME). */
  home: string;
  timeoutMs: number;
  /** The alert's name: the file's name on runbooks.prometheus-operator.dev. */
  alertname?: string;
  now: Date;
  tz?: string;
}

const keyOf = (url: string) => sha256Hex(url).slice(0, 16);

/** The file's name as the runbook's id: the URL's last segment, letters, digits, dots, dashes. */
function nameOf(source: string): string {
  const last = new URL(source).pathname.split('/').filter(Boolean).at(-1) ?? 'runbook';
  const name = decodeURIComponent(last)
    .replace(/\.(md|markdown)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return name.replace(/^[.-]+/, '') || 'runbook';
}

function readKept(dir: string): Kept | undefined {
  try {
    const kept = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Kept;
    readFileSync(join(dir, `${kept.name}.md`));
    return kept;
  } catch {
    return undefined;
  }
}

function keep(dir: string, kept: Kept, text: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${kept.name}.md`);
  writeFileAtomic(file, text, 0o600);
  writeFileAtomic(join(dir, 'meta.json'), `${JSON.stringify(kept, null, 2)}\n`, 0o600);
  return file;
}

const get = (url: string, timeoutMs: number, etag?: string) =>
  call(url, {
    headers: {
      Accept: 'text/markdown, text/plain;q=0.9, text/html;q=0.5, */*;q=0.1',
      ...(etag ? { 'If-None-Match': etag } : {}),
    },
    timeoutMs,
    service: new URL(url).host,
  });

/** Markdown from `answer`, or (an HTML page) from the source it names, or why not. */
async function markdownOf(
  url: string,
  answer: Answered,
  timeoutMs: number,
): Promise<{ text: string; source: string; etag?: string } | { problem: string }> {
  if (isMarkdownAnswer(answer.contentType, url, answer.text)) {
    return { text: answer.text, source: url, ...(answer.etag ? { etag: answer.etag } : {}) };
  }
  const source = markdownSourceInHtml(answer.text, url);
  if (!source) {
    return {
      problem: `${url} is a rendered page that does not say where its Markdown is; map it with runbookUrls in config, or give --runbook`,
    };
  }
  const again = await get(source, timeoutMs);
  if (!again.ok) return { problem: `its Markdown source ${source}: ${again.problem}` };
  if (!isMarkdownAnswer(again.contentType, source, again.text)) {
    return { problem: `${url}: its source ${source} is not Markdown either` };
  }
  return { text: again.text, source, ...(again.etag ? { etag: again.etag } : {}) };
}

/** Offline or refused: the kept copy, said so; else the problem. */
function fallBack(
  dir: string,
  kept: Kept | undefined,
  failed: Failed,
  options: FetchOptions,
): FetchedRunbook | { problem: string } {
  if (kept && failed.status !== 404 && failed.status !== 410) {
    return {
      file: join(dir, `${kept.name}.md`),
      note: `Runbook from ${kept.url}: ${failed.problem}; using the copy kept at ${localClock(kept.fetchedAt, options.tz)}.`,
    };
  }
  return { problem: failed.problem };
}

export async function fetchRunbook(
  url: string,
  options: FetchOptions,
): Promise<FetchedRunbook | { problem: string }> {
  const dir = join(options.home, 'cache', 'runbook-urls', keyOf(url));
  const kept = readKept(dir);
  const first = kept?.source ?? knownMarkdownSource(url, options.alertname) ?? url;
  const answer = await get(first, options.timeoutMs, kept?.etag);
  if (!answer.ok && answer.status === 304 && kept) {
    return {
      file: join(dir, `${kept.name}.md`),
      note: `Runbook from ${kept.source} (unchanged since ${localClock(kept.fetchedAt, options.tz)}).`,
    };
  }
  if (!answer.ok) return fallBack(dir, kept, answer, options);
  if (Buffer.byteLength(answer.text) > MAX_BYTES) {
    return { problem: `${first} is over ${MAX_BYTES / 1_000_000} MB: not a runbook` };
  }
  const markdown = await markdownOf(first, answer, options.timeoutMs);
  if ('problem' in markdown) return markdown;
  const entry: Kept = {
    url,
    source: markdown.source,
    ...(markdown.etag ? { etag: markdown.etag } : {}),
    fetchedAt: options.now.toISOString(),
    name: nameOf(markdown.source),
  };
  try {
    const file = keep(dir, entry, markdown.text);
    return { file, note: `Runbook from ${markdown.source}, fetched just now.` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `cannot keep the runbook from ${markdown.source} under ${dir} (${code})` };
  }
}
