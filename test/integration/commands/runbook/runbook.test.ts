// `oncall runbook list|show|lint|new` through the commander wiring, as a user
// types them: a temporary home and config, no TTY.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, sandbox } from '../../../helpers/in-process.js';
import { FIXTURES as ALL_FIXTURES } from '../../../helpers/paths.js';

const FIXTURES = join(ALL_FIXTURES, 'runbooks');

/** A sandbox whose project config names ./runbooks as the team's folder. */
function teamSandbox() {
  const box = sandbox();
  mkdirSync(join(box.cwd, 'runbooks'));
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'runbooks: [./runbooks]\n');
  return box;
}

describe('oncall runbook list', () => {
  it('lists the bundled examples with zero config', async () => {
    const r = await oncall(sandbox(), ['runbook', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^api-latency +API latency is high \(example\)$/m);
    expect(r.stdout).toMatch(/^disk-full +Disk full \(example\)$/m);
    expect(r.stdout).toMatch(/examples\/runbooks\/site-down-after-deploy\.md$/m);
  });

  it('flags a team runbook that has errors, so nobody finds out at 2am', async () => {
    const box = teamSandbox();
    writeFileSync(
      join(box.cwd, 'runbooks', 'broken.md'),
      readFileSync(join(FIXTURES, 'malformed.md')),
    );
    const r = await oncall(box, ['runbook', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^broken +Broken on purpose \(10 errors: oncall runbook lint\)$/m);
  });

  it('--json gives id, title and source file of each', async () => {
    const r = await oncall(sandbox(), ['runbook', 'list', '--json']);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as { id: string; title: string; file: string }[];
    expect(entries.map((e) => e.id)).toEqual([
      'api-latency',
      'disk-full',
      'site-down-after-deploy',
    ]);
    for (const e of entries) expect(existsSync(e.file)).toBe(true);
    expect(entries[2]?.title).toBe('Site down right after a deploy');
  });
});

describe('oncall runbook show', () => {
  it('numbers the steps with their kind and exact commands', async () => {
    const r = await oncall(sandbox(), ['runbook', 'show', 'site-down-after-deploy']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Site down right after a deploy  (site-down-after-deploy)');
    expect(r.stdout).toMatch(/^ 3\. \[check\] Check the health endpoint {2}\(check-health\)$/m);
    expect(r.stdout).toMatch(/^ 7\. \[run\] Roll back to the last good release {2}\(rollback\)$/m);
    expect(r.stdout).toContain(
      '$ kubectl --namespace web set image deployment/web web=registry.example.com/web:{{previous_version}}',
    );
    expect(r.stdout).toContain('- The errors started right after a deploy -> previous-version');
  });

  it('shows a file by path, and a plain Markdown one as manual steps', async () => {
    const box = sandbox();
    const r = await oncall(box, ['runbook', 'show', join(FIXTURES, 'plain.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plain Markdown: each section is a manual step');
    expect(r.stdout).toMatch(/^2\. \[manual\] Diagnosis {2}\(diagnosis\)$/m);
    expect(r.stdout).toContain('$ rabbitmqctl list_consumers | grep orders');
  });

  it('an unknown name exits 2 with the closest id and no stack', async () => {
    const r = await oncall(sandbox(), ['runbook', 'show', 'site-down']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'oncall: no runbook "site-down". Did you mean "site-down-after-deploy"? Known: api-latency, disk-full, site-down-after-deploy. A file path works too; `oncall runbook list` shows them all.\n',
    );
  });

  it('a runbook with errors exits 2 naming file:line', async () => {
    const file = join(FIXTURES, 'malformed.md');
    const r = await oncall(sandbox(), ['runbook', 'show', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^oncall: ${file}:4: frontmatter severity: `));
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('oncall runbook lint', () => {
  it('passes every discovered runbook, warnings only, exit 0', async () => {
    const r = await oncall(sandbox(), ['runbook', 'lint']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/disk-full\.md:1: warning: no frontmatter/);
    expect(r.stdout).toContain('3 runbooks checked: 0 errors, 1 warning');
  });

  it('reports file:line: severity: message for each problem and exits 2 on errors', async () => {
    const box = sandbox();
    const r = await oncall(box, [
      'runbook',
      'lint',
      join(FIXTURES, 'malformed.md'),
      join(FIXTURES, 'plain.md'),
    ]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe(
      `${join(FIXTURES, 'malformed.md')}:4: error: frontmatter severity: use SEV1, SEV2, SEV3 or SEV4`,
    );
    expect(lines).toContain(
      `${join(FIXTURES, 'malformed.md')}:33: error: choice "Go left" goes to "left", which is no step id here (ids: first, ask-url, dance, choose, piped, never, empty, esc)`,
    );
    expect(lines.at(-1)).toBe(
      `${join(FIXTURES, 'plain.md')}:21: warning: code block opened with \`\`\` is never closed; it runs to the end of the file`,
    );
    expect(r.stderr).toBe(
      'oncall: 2 runbooks checked: 10 errors, 5 warnings; fix the errors above\n',
    );
  });

  it('exits 0 when there are only warnings, and names an unreadable file', async () => {
    const box = sandbox();
    const ok = await oncall(box, ['runbook', 'lint', join(FIXTURES, 'plain.md')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 runbook checked: 0 errors, 3 warnings');
    const missing = await oncall(box, ['runbook', 'lint', 'nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe(
      `${join(box.cwd, 'nope.md')}:1: error: cannot read the file (ENOENT)\n`.replace(
        `${box.cwd}/`,
        '',
      ),
    );
  });
});

describe('oncall runbook lint (discovered)', () => {
  it('lints team runbooks too, warning when one hides another by id', async () => {
    const box = teamSandbox();
    mkdirSync(join(box.cwd, 'more'));
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'runbooks: [./runbooks, ./more]\n');
    const twin = '---\nid: twin\n---\n## Look\n<!-- step: look -->\nGraphs.\n';
    writeFileSync(join(box.cwd, 'runbooks', 'twin.md'), twin);
    writeFileSync(join(box.cwd, 'more', 'twin.md'), twin);
    // Hiding a bundled example is on purpose: no warning for that.
    writeFileSync(
      join(box.cwd, 'runbooks', 'disk-full.md'),
      '---\nid: disk-full\n---\n## Df\n<!-- step: df kind: check -->\n```sh\ndf -h\n```\n',
    );
    const r = await oncall(box, ['runbook', 'lint']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'more/twin.md:1: warning: id "twin" is also the id of runbooks/twin.md, which is found first; this runbook is never picked by id',
      '5 runbooks checked: 0 errors, 1 warning',
    ]);
  });
});

describe('oncall runbook new', () => {
  it('writes a clean starter into the first configured folder, then refuses to overwrite it', async () => {
    const box = teamSandbox();
    const r = await oncall(box, ['runbook', 'new', 'queue-backlog']);
    expect(r.code).toBe(0);
    const file = join(box.cwd, 'runbooks', 'queue-backlog.md');
    expect(r.stdout.split('\n')[0]).toBe(`Wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\nid: queue-backlog\ntitle: Queue backlog\n/);

    const lint = await oncall(box, ['runbook', 'lint', 'runbooks/queue-backlog.md']);
    expect(lint.stdout).toBe('1 runbook checked: 0 errors, 0 warnings\n');
    expect(lint.code).toBe(0);

    const list = await oncall(box, ['runbook', 'list']);
    expect(list.stdout.split('\n')[0]).toMatch(/^queue-backlog +Queue backlog$/);

    const again = await oncall(box, ['runbook', 'new', 'queue-backlog']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`oncall: ${file} already exists; edit it, or pick another name\n`);
  });

  it('writes into the current folder without config, and rejects a bad name', async () => {
    const box = sandbox();
    const r = await oncall(box, ['runbook', 'new', 'cache-stampede.md']);
    expect(r.code).toBe(0);
    expect(existsSync(join(box.cwd, 'cache-stampede.md'))).toBe(true);
    const bad = await oncall(box, ['runbook', 'new', '../escape']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a runbook name');
  });
});
