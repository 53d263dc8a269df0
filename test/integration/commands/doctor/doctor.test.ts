// `oncall doctor`: what would break at 2am, found before the rotation.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, sandbox } from '../../../helpers/in-process.js';
import { bareRepo } from '../../../helpers/share.js';

describe('oncall doctor', () => {
  it('fails with zero config (nobody to escalate to) and passes after init', async () => {
    const box = sandbox();
    const bare = await oncall(box, ['doctor']);
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('✗ no contacts');
    expect(bare.stdout).toContain('problem(s) to fix before your rotation');

    expect((await oncall(box, ['init'])).code).toBe(0);
    const ready = await oncall(box, ['doctor']);
    expect(ready.code).toBe(0);
    expect(ready.stdout).toContain('✓ 2 contacts: alice, bob');
    expect(ready.stdout).toContain('Ready for the rotation.');
    // Example runbooks name example people: a warning, not a blocker.
    expect(ready.stdout).toMatch(/! runbook site-down-after-deploy names contact "web-lead"/);
    expect(JSON.parse((await oncall(box, ['doctor', '--json'])).stdout).ready).toBe(true);
  });

  it("names a team runbook's unknown contact, broken step and missing command", async () => {
    const box = sandbox();
    await oncall(box, ['init']);
    const runbooks = join(box.cwd, 'runbooks');
    mkdirSync(runbooks, { recursive: true });
    writeFileSync(
      join(runbooks, 'queue-backlog.md'),
      [
        '---',
        'id: queue-backlog',
        'title: Queue backlog',
        'contacts: [carol]',
        '---',
        '',
        '## Check the queue',
        '<!-- step: depth kind: check -->',
        '',
        '```sh',
        'queuectl-not-installed depth orders',
        '```',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(runbooks, 'broken.md'),
      '---\nid: broken\ntitle: Broken\n---\n\n## Step\n<!-- step: one kind: teleport -->\n',
    );
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✗ runbook queue-backlog names contact "carol", who is not in your contacts',
    );
    expect(r.stdout).toContain(
      '! `queuectl-not-installed` is not on PATH (used by queue-backlog#depth)',
    );
    expect(r.stdout).toMatch(/✗ runbook broken: 1 error\(s\), first .*broken\.md:7: /);
  });

  it("checks a team's template as a render compiles it: a helper that does not exist fails", async () => {
    const box = sandbox();
    await oncall(box, ['init']);
    const template = join(box.cwd, 'team-update.md.hbs');
    writeFileSync(template, '{{shout title}} is {{severity}}\n');
    appendFileSync(join(box.cwd, 'oncall.config.yaml'), `templates:\n  update: ${template}\n`);
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ template update: ${template}:`);
    expect(r.stdout).toContain('shout');
    writeFileSync(template, '{{title}} is {{severity}} since {{fmtTime startedAt}}\n');
    const fixed = await oncall(box, ['doctor']);
    expect(fixed.stdout).toContain(`✓ template update: ${template}`);
  });

  it('checks git, and with share.remote set, that the remote answers', async () => {
    const box = sandbox();
    await oncall(box, ['init']);
    const noShare = await oncall(box, ['doctor']);
    expect(noShare.stdout).toMatch(/✓ git \d+\.\d+.*used only to share incidents/);

    const remote = bareRepo();
    const config = join(box.cwd, 'oncall.config.yaml');
    appendFileSync(config, `share:\n  remote: ${remote}\n`);
    const reachable = await oncall(box, ['doctor']);
    expect(reachable.code, reachable.stdout).toBe(0);
    expect(reachable.stdout).toContain(`✓ share: ${remote} is reachable`);

    writeFileSync(config, readFileSync(config, 'utf8').replace(remote, `${remote}-gone`));
    const gone = await oncall(box, ['doctor']);
    // Not ready: exit 1, as every failed check (2 is bad usage).
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain(`✗ share: cannot reach ${remote}-gone: no such folder`);

    // No git on PATH: sharing cannot work, and doctor says so.
    const noGit = await oncall({ ...box, env: { ...box.env, PATH: join(box.dir, 'no-bin') } }, [
      'doctor',
    ]);
    expect(noGit.stdout).toContain('✗ git not found: share.remote is set');
  });
});
