import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  logPath,
  oncall,
  readEvents,
  startIncident,
  wordsIncident,
  wordsSandbox,
} from '../../../helpers/in-process.js';
import { expectUsageError } from '../../../helpers/words.js';

describe('oncall postmortem', () => {
  it('writes a blameless draft into the incident folder and prints its path', async () => {
    const box = wordsSandbox();
    const id = await startIncident(box, [
      '--detected-at',
      '1m ago',
      '--impact',
      'About 20% of checkouts fail',
    ]);
    await oncall(box, ['note', '--ruled-out', 'DNS']);
    await oncall(box, ['run', '--', process.execPath, '-e', 'process.exit(3)']);
    await oncall(box, ['escalate', '--to', 'bob', '--ask', 'Check db-1']);
    const r = await oncall(box, ['postmortem']);
    expect(r.code, r.stderr).toBe(0);
    const file = join(box.home, 'incidents', id, 'postmortem.md');
    expect(r.stdout).toBe(`${file}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600); // names people and systems, like the log
    const draft = readFileSync(file, 'utf8');
    for (const section of [
      '# Postmortem: Checkout returns 500',
      '## Summary',
      '## Impact',
      '## Responders and roles',
      '## Key timestamps and durations',
      '## Timeline',
      '## Trigger and leadup',
      '## What happened',
      '## Detection',
      '## Response',
      '## Recovery',
      '## Contributing factors',
      '## Lessons learned',
      '## Action items',
      '## Supporting information',
    ]) {
      expect(draft).toContain(section);
    }
    expect(draft).toContain('| Status | **Draft** (incident active) |');
    expect(draft).toContain('⚠ no mitigation time recorded');
    expect(draft).toContain(
      '> _Prompt: what made this possible? Systems and decisions, not people._',
    );
    expect(draft).toMatch(
      /\| 2026-03-12 02:10 UTC \| still \(\d+\w* so far\) \| About 20% of checkouts fail \|/,
    );
    expect(draft).toContain('ruled out: DNS');
    // Recorded, not sent: no channel reaches Bob in this config.
    expect(draft).toContain(
      '- Escalation 2026-03-12 02:10 UTC to Bob Stone (recorded, not sent): Check db-1',
    );
    expect(draft).toMatch(
      /\| `\S+ -e 'process.exit\(3\)'` \| failed, exit 3 \(\d+s\) \| Alice Chen \|/,
    );
  });

  it('regenerates its own draft, but never overwrites one a person edited without --force', async () => {
    const box = wordsSandbox();
    const id = await startIncident(box);
    const file = join(box.home, 'incidents', id, 'postmortem.md');
    expect((await oncall(box, ['postmortem'])).code).toBe(0);
    await oncall(box, ['mitigate', 'rolled back']);
    expect((await oncall(box, ['postmortem'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('mitigated: rolled back');

    const edited = `${readFileSync(file, 'utf8')}\nOur notes from the review.\n`;
    writeFileSync(file, edited);
    expectUsageError(
      await oncall(box, ['postmortem']),
      'postmortem.md was edited',
      '--force',
      '--out',
    );
    expect(readFileSync(file, 'utf8')).toBe(edited);

    const other = await oncall(box, ['postmortem', '--out', 'draft-2.md']);
    expect(other.code, other.stderr).toBe(0);
    expect(readFileSync(join(box.cwd, 'draft-2.md'), 'utf8')).toContain(
      '# Postmortem: Checkout returns 500',
    );

    expect((await oncall(box, ['postmortem', '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Our notes from the review.');
  });

  it('a broken --template: exit 2 with file and line, no draft written', async () => {
    const box = await wordsIncident();
    mkdirSync(join(box.cwd, 't'));
    const template = join(box.cwd, 't', 'pm.hbs');
    writeFileSync(template, '# {{title}}\n\n## Impact\n{{#each stamps}}\n{{label}\n{{/each}}\n');
    expectUsageError(
      await oncall(box, ['postmortem', '--template', template, '--out', 'pm.md']),
      `${template}:5: broken template`,
    );
  });

  it('a team template from --template is used', async () => {
    const box = await wordsIncident();
    const template = join(box.cwd, 'pm.hbs');
    writeFileSync(template, 'PM {{title}} peak {{peakSeverity}}\n');
    const r = await oncall(box, ['postmortem', '--template', template, '--out', 'pm.md']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(box.cwd, 'pm.md'), 'utf8')).toBe(
      'PM Checkout returns 500 peak SEV2\n',
    );
  });
});

describe('oncall postmortem of a long night', () => {
  /** Notes written straight into the log, as a peer's or an older version's would be: never redacted. */
  function appendRawNotes(box: ReturnType<typeof wordsSandbox>, id: string, texts: string[]): void {
    const opened = readEvents(box, id)[0] as { ts: string };
    const t0 = Date.parse(opened.ts);
    const lines = texts.map((text, i) =>
      JSON.stringify({
        v: 1,
        id: randomUUID(),
        incident: id,
        ts: new Date(t0 + (i + 1) * 1000).toISOString(),
        actor: i % 2 ? 'bob@desk' : 'alice@laptop',
        type: 'note',
        kind: i % 3 ? 'note' : 'hypothesis',
        text,
      }),
    );
    appendFileSync(logPath(box, id), `${lines.join('\n')}\n`);
  }

  it('redacts a secret a raw log line carries, in the long timeline and every other list', async () => {
    const box = wordsSandbox();
    const id = await startIncident(box);
    const texts = Array.from({ length: 900 }, (_, i) => `routine check ${i}: all pods Running`);
    texts[300] = 'export DB_PASS=hunter2x9; psql -h db-1';
    texts[301] = 'token ghp_16C7e42F292c6912E7710c838347Ae178B4a seen in the job log';
    texts[600] = 'curl -u deploy:s3cr3tPa55 https://ci.example.com/api';
    appendRawNotes(box, id, texts);
    for (const args of [['postmortem'], ['postmortem', '--template', teamTemplate(box)]]) {
      const r = await oncall(box, [...args, '--force', '--out', join(box.home, 'pm.md')]);
      expect(r.code, r.stderr).toBe(0);
      const draft = readFileSync(join(box.home, 'pm.md'), 'utf8');
      for (const secret of ['hunter2x9', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 's3cr3tPa55'])
        expect(draft, String(args)).not.toContain(secret);
      expect(draft).toContain('export DB_PASS=[REDACTED]; psql -h db-1');
      expect(draft).toContain('routine check 899: all pods Running');
    }
  });

  /** A team's template that shows the timeline and, beside each row, a field of the incident. */
  function teamTemplate(box: ReturnType<typeof wordsSandbox>): string {
    const file = join(box.home, 'team-pm.md.hbs');
    writeFileSync(
      file,
      '# {{title}}\n{{#each timeline}}\n- {{utc}} {{text}} ({{who}}) in {{../title}}\n{{/each}}\n',
    );
    return file;
  }
});
