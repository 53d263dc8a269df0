// An alert's runbook_url, read as a runbook. Three ways, in order:
//  1. config `runbookUrls` maps a URL prefix to the team's own folder; the
//     rest of the URL names the file (with or without .md);
//  2. a page whose Markdown source can be named without asking anyone: a
//     GitHub blob (→ raw.githubusercontent.com), a runbooks.prometheus-operator.dev
//     page (→ the prometheus-operator/runbooks repository's
//     content/runbooks/<group>/<AlertName>.md: the URL is lower case, the
//     file is named exactly like the alert; contracts A4);
//  3. anything else is fetched as it is: Markdown is walked; an HTML page is
//     read from the Markdown source it links to ("edit this page" on GitHub),
//     else refused with the reason.
// Pure: which file or URL, never the reading of it.
import type { RunbookUrlMapping } from '../config/intake.js';

/** A URL without its query and fragment (GitHub's `?plain=1`, a `#mitigation` anchor). */
function bare(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    return parsed;
  } catch {
    return undefined;
  }
}

interface MappedRunbook {
  /** The team's folder (absolute). */
  dir: string;
  /** The rest of the URL: the file's path under it, without .md, as written. */
  rest: string;
  mapping: RunbookUrlMapping;
}

/** A prefix as a URL writes it (host in lower case, spaces encoded); as given when it is none. */
function normalPrefix(prefix: string): string {
  try {
    return new URL(prefix).toString();
  } catch {
    return prefix;
  }
}

/**
 * What follows `prefix` in `url`, when the prefix ends where a path segment
 * does (`…/runbooks` stands for `…/runbooks/x`, not `…/runbooks-old/x`).
 */
function after(url: string, prefix: string): string | undefined {
  if (!url.startsWith(prefix)) return undefined;
  const rest = url.slice(prefix.length);
  return prefix.endsWith('/') || rest === '' || /^[/?#]/.test(rest) ? rest : undefined;
}

/**
 * The team's folder and the file under it a runbook_url stands for, by the
 * longest prefix that matches (the host in any case, the query and fragment
 * left out). A rest that would climb out of the folder (`..`) names nothing.
 */
export function mappedRunbook(
  url: string,
  mappings: readonly RunbookUrlMapping[],
): MappedRunbook | { problem: string } | undefined {
  const plain = bare(url)?.toString() ?? url;
  const matches = mappings
    .map((mapping) => ({
      mapping,
      tail: after(plain, normalPrefix(mapping.prefix)) ?? after(url, mapping.prefix),
    }))
    .filter((m): m is { mapping: RunbookUrlMapping; tail: string } => m.tail !== undefined)
    .sort((a, b) => b.mapping.prefix.length - a.mapping.prefix.length);
  const best = matches[0];
  if (!best) return undefined;
  const { mapping } = best;
  let rest: string;
  try {
    rest = decodeURIComponent(best.tail.replace(/[?#].*$/, ''))
      .replace(/^\/+|\/+$/g, '')
      .replace(/\.md$/i, '');
  } catch {
    return { problem: `${url}: its path is not valid URL encoding` };
  }
  const parts = rest.split('/');
  if (!rest || parts.some((p) => p === '..' || p === '.' || p === '')) {
    return {
      problem: `${url}: names no file under ${mapping.path} (the part after ${mapping.prefix})`,
    };
  }
  return { dir: mapping.path, rest, mapping };
}

/** github.com/<o>/<r>/blob|raw|edit/<ref>/<path> → raw.githubusercontent.com/<o>/<r>/<ref>/<path>. */
function githubRaw(url: URL): string | undefined {
  if (url.hostname === 'raw.githubusercontent.com') return url.toString();
  if (url.hostname !== 'github.com' && url.hostname !== 'www.github.com') return undefined;
  const match = /^\/([^/]+)\/([^/]+)\/(?:blob|raw|edit)\/(.+)$/.exec(url.pathname);
  if (!match) return undefined;
  return `https://raw.githubusercontent.com/${match[1]}/${match[2]}/${match[3]}`;
}

const PROMETHEUS_OPERATOR_RAW =
  'https://raw.githubusercontent.com/prometheus-operator/runbooks/main/content/runbooks';

/**
 * runbooks.prometheus-operator.dev/runbooks/<group>/<alertname lower-cased>: the
 * file is named exactly like the alert, so the alert's own name (same letters,
 * any case) names it; without it, the name as the URL has it.
 */
function prometheusOperatorRaw(url: URL, alertname: string | undefined): string | undefined {
  if (url.hostname !== 'runbooks.prometheus-operator.dev') return undefined;
  const match = /^\/runbooks\/([^/]+)\/([^/]+?)\/?$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  const name =
    alertname && alertname.toLowerCase() === match[2].toLowerCase() ? alertname : match[2];
  return `${PROMETHEUS_OPERATOR_RAW}/${match[1]}/${name}.md`;
}

/** The Markdown source of a rendered page, when its address alone says where it is. */
export function knownMarkdownSource(url: string, alertname?: string): string | undefined {
  const parsed = bare(url);
  if (!parsed) return undefined;
  return githubRaw(parsed) ?? prometheusOperatorRaw(parsed, alertname);
}

/**
 * The Markdown source an HTML page says it was rendered from: a
 * `<link rel="alternate" type="text/markdown">`, or a GitHub link to a .md
 * file (the "edit this page" link of Hugo, MkDocs, Docusaurus sites).
 */
export function markdownSourceInHtml(html: string, pageUrl: string): string | undefined {
  const alternate =
    /<link\b[^>]*\btype=["']text\/(?:x-)?markdown["'][^>]*>/i.exec(html)?.[0] ?? undefined;
  const href = alternate ? /\bhref=["']([^"']+)["']/i.exec(alternate)?.[1] : undefined;
  if (href) {
    try {
      const absolute = new URL(href, pageUrl).toString();
      return knownMarkdownSource(absolute) ?? absolute;
    } catch {
      // a broken href: look for a GitHub link instead
    }
  }
  for (const match of html.matchAll(
    /\bhref=["'](https:\/\/github\.com\/[^"'\s]+?\.md)(?:[?#][^"']*)?["']/gi,
  )) {
    const raw = match[1] ? knownMarkdownSource(match[1]) : undefined;
    if (raw) return raw;
  }
  return undefined;
}

/** Does this answer hold Markdown (or plain text) rather than a rendered page? */
export function isMarkdownAnswer(
  contentType: string | undefined,
  url: string,
  body: string,
): boolean {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('markdown') || type.startsWith('text/plain')) return true;
  if (type.includes('html')) return false;
  if (/\.(md|markdown)$/i.test(bare(url)?.pathname ?? '')) return true;
  return !/^\s*(<!doctype html|<html)/i.test(body);
}
