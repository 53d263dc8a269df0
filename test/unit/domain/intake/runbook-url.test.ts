// An alert's runbook_url as a runbook (contracts A4): which of the team's
// files a prefix maps it to (any host case, query and fragment left out, a
// path boundary kept, nothing outside the folder), which Markdown source a
// rendered page stands for, and whether an answer is Markdown at all.
import { describe, expect, it } from 'vitest';
import {
  isMarkdownAnswer,
  knownMarkdownSource,
  mappedRunbook,
  markdownSourceInHtml,
} from '../../../../src/domain/intake/runbook-url.js';

const PO = { prefix: 'https://runbooks.prometheus-operator.dev/runbooks/', path: '/team/po' };
const WIKI = { prefix: 'https://wiki.example.com/runbooks', path: '/team/wiki' };
const WIKI_DB = { prefix: 'https://wiki.example.com/runbooks/db/', path: '/team/db' };
const MAPPINGS = [PO, WIKI, WIKI_DB];

const restOf = (url: string) => {
  const m = mappedRunbook(url, MAPPINGS);
  return m && 'rest' in m ? [m.dir, m.rest] : m;
};

describe('runbookUrls', () => {
  it.each([
    [
      'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready',
      ['/team/po', 'kubernetes/kubepodnotready'],
    ],
    [
      'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready/',
      ['/team/po', 'kubernetes/kubepodnotready'],
    ],
    [
      'https://RUNBOOKS.prometheus-operator.dev/runbooks/general/watchdog.md#summary',
      ['/team/po', 'general/watchdog'],
    ],
    [
      'https://wiki.example.com/runbooks/high-error-rate?version=3',
      ['/team/wiki', 'high-error-rate'],
    ],
    ['https://wiki.example.com/runbooks/db/replication%20lag', ['/team/db', 'replication lag']],
  ])('%s', (url, expected) => {
    expect(restOf(url)).toEqual(expected);
  });

  it('a prefix without its slash still ends at a path segment; other hosts are not mapped', () => {
    expect(restOf('https://wiki.example.com/runbooks-old/high-error-rate')).toBeUndefined();
    expect(restOf('https://elsewhere.example.com/runbooks/x')).toBeUndefined();
  });

  it('names nothing outside the folder, nor the folder itself', () => {
    for (const url of [
      'https://wiki.example.com/runbooks/%2e%2e/%2e%2e/etc/passwd',
      'https://wiki.example.com/runbooks/',
      'https://wiki.example.com/runbooks/%E0%A4%A',
    ]) {
      expect(mappedRunbook(url, MAPPINGS)).toHaveProperty('problem');
    }
    // Dot segments inside the folder are resolved as a browser resolves them.
    expect(restOf('https://wiki.example.com/runbooks/a/%2E%2E/b')).toEqual(['/team/wiki', 'b']);
  });
});

describe('a rendered page and its Markdown source', () => {
  it('a GitHub page names its raw file; prometheus-operator runbooks their CamelCase file', () => {
    expect(
      knownMarkdownSource('https://github.com/acme/ops/blob/main/runbooks/api.md?plain=1'),
    ).toBe('https://raw.githubusercontent.com/acme/ops/main/runbooks/api.md');
    expect(
      knownMarkdownSource(
        'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodnotready/',
        'KubePodNotReady',
      ),
    ).toBe(
      'https://raw.githubusercontent.com/prometheus-operator/runbooks/main/content/runbooks/kubernetes/KubePodNotReady.md',
    );
    expect(knownMarkdownSource('https://wiki.example.com/runbooks/api')).toBeUndefined();
  });

  it("an HTML page's markdown alternate, else its GitHub edit link, else nothing", () => {
    const page = 'https://docs.example.com/runbooks/api/';
    expect(
      markdownSourceInHtml('<link rel="alternate" type="text/markdown" href="index.md">', page),
    ).toBe('https://docs.example.com/runbooks/api/index.md');
    expect(
      markdownSourceInHtml(
        '<a href="https://github.com/acme/docs/edit/main/content/api.md">Edit this page</a>',
        page,
      ),
    ).toBe('https://raw.githubusercontent.com/acme/docs/main/content/api.md');
    expect(markdownSourceInHtml('<html><body>Runbook</body></html>', page)).toBeUndefined();
  });

  it('Markdown by its type, its name or its first bytes; HTML is not', () => {
    expect(isMarkdownAnswer('text/markdown; charset=utf-8', 'https://x/a', '# A')).toBe(true);
    expect(isMarkdownAnswer('text/html', 'https://x/a.md', '<html>')).toBe(false);
    expect(isMarkdownAnswer(undefined, 'https://x/a.md', '# A')).toBe(true);
    expect(isMarkdownAnswer('application/octet-stream', 'https://x/a', '<!DOCTYPE html>')).toBe(
      false,
    );
  });
});
