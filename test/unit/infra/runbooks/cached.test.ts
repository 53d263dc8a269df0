// A runbook's parse is kept by the file's path and bytes and oncall's version:
// the kept copy must be the runbook itself, used only for those very bytes.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbookCached } from '../../../../src/infra/runbooks/cached.js';
import { loadRunbook } from '../../../../src/infra/runbooks/load.js';
import { ROOT } from '../../../helpers/paths.js';

const examples = join(ROOT, 'examples/runbooks');
const fixtures = join(ROOT, 'test/fixtures/runbooks');
const runbookFiles = [
  ...readdirSync(examples)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => join(examples, f)),
  join(fixtures, 'good.md'),
  join(fixtures, 'plain.md'),
  join(fixtures, 'web-errors.md'),
  ...readdirSync(join(fixtures, 'plain-shapes'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(fixtures, 'plain-shapes', f)),
];

function setUp(source = join(examples, 'api-latency.md')) {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-cache-'));
  const file = join(dir, 'runbook.md');
  copyFileSync(source, file);
  return { file, cache: { dir: join(dir, 'cache'), version: '1.2.3' } };
}

const keptFiles = (dir: string) => readdirSync(dir).map((f) => join(dir, f));

describe('loadRunbookCached', () => {
  it.each(runbookFiles)('gives what the parser gives, parsed or kept (%s)', async (source) => {
    const { file, cache } = setUp(source);
    const parsed = loadRunbook(file);
    expect(await loadRunbookCached(file, cache)).toEqual(parsed);
    expect(keptFiles(cache.dir)).toHaveLength(1);
    expect(await loadRunbookCached(file, cache)).toEqual(parsed);
  });

  it('uses the kept parse for the same bytes, and parses again when they change', async () => {
    const { file, cache } = setUp();
    await loadRunbookCached(file, cache);
    // Mark the kept copy: a hit returns the mark, proving the parser was not run.
    const [kept] = keptFiles(cache.dir);
    const marked = JSON.parse(readFileSync(kept as string, 'utf8'));
    writeFileSync(kept as string, JSON.stringify({ ...marked, title: 'from the cache' }));
    expect((await loadRunbookCached(file, cache)).title).toBe('from the cache');

    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Edited'));
    expect((await loadRunbookCached(file, cache)).title).toBe('Edited');
    // Another version of oncall parses for itself.
    expect((await loadRunbookCached(file, { ...cache, version: '1.2.4' })).title).toBe('Edited');
    expect(keptFiles(cache.dir)).toHaveLength(3);
  });

  it('parses again over a damaged kept copy, and works where nothing can be kept', async () => {
    const { file, cache } = setUp();
    const parsed = loadRunbook(file);
    await loadRunbookCached(file, cache);
    const [kept] = keptFiles(cache.dir);
    writeFileSync(kept as string, '{"title": "cut sho');
    expect(await loadRunbookCached(file, cache)).toEqual(parsed);

    // Nothing can be kept where a file stands in the folder's place (as on a broken home).
    const blocked = { ...cache, dir: join(file, 'cache') };
    expect(await loadRunbookCached(file, blocked)).toEqual(parsed);
    expect(await loadRunbookCached(file, blocked)).toEqual(parsed);
  });

  it('says what the parser says of a missing or broken runbook, and keeps nothing', async () => {
    const { file, cache } = setUp(join(fixtures, 'malformed.md'));
    await expect(loadRunbookCached(file, cache)).rejects.toThrow(/runbook\.md:\d+: /);
    await expect(loadRunbookCached(`${file}.gone`, cache)).rejects.toThrow(
      /cannot read the runbook \(ENOENT\)/,
    );
    expect(() => readdirSync(cache.dir)).toThrow();
  });
});
