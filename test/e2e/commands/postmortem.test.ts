import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, startIncident } from '../../helpers/cli.js';
import { expectUsageError, wordsIncident, wordsSandbox } from '../../helpers/words.js';

describe('oncall postmortem (built CLI)', () => {
  it('writes a blameless draft into the incident folder and prints its path', () => {
    const box = wordsSandbox();
    const id = startIncident(box, [
      '--detected-at',
      '1m ago',
      '--impact',
      'About 20% of checkouts fail',
    ]);
    oncall(box, ['note', '--ruled-out', 'DNS']);
    oncall(box, ['run', '--', process.execPath, '-e', 'process.exit(3)']);
    oncall(box, ['escalate', '--to', 'bob', '--ask', 'Check db-1']);
    const r = oncall(box, ['postmortem']);
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
    expect(draft).toContain('- At declaration: About 20% of checkouts fail');
    expect(draft).toContain('ruled out: DNS');
    expect(draft).toContain('- Escalated');
    expect(draft).toMatch(
      /\| `\S+ -e 'process.exit\(3\)'` \| failed, exit 3 \(\d+s\) \| Alice Chen \|/,
    );
  });

  it('regenerates its own draft, but never overwrites one a person edited without --force', () => {
    const box = wordsSandbox();
    const id = startIncident(box);
    const file = join(box.home, 'incidents', id, 'postmortem.md');
    expect(oncall(box, ['postmortem']).code).toBe(0);
    oncall(box, ['mitigate', 'rolled back']);
    expect(oncall(box, ['postmortem']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('mitigated: rolled back');

    const edited = `${readFileSync(file, 'utf8')}\nOur notes from the review.\n`;
    writeFileSync(file, edited);
    expectUsageError(oncall(box, ['postmortem']), 'postmortem.md was edited', '--force', '--out');
    expect(readFileSync(file, 'utf8')).toBe(edited);

    const other = oncall(box, ['postmortem', '--out', 'draft-2.md']);
    expect(other.code, other.stderr).toBe(0);
    expect(readFileSync(join(box.cwd, 'draft-2.md'), 'utf8')).toContain(
      '# Postmortem: Checkout returns 500',
    );

    expect(oncall(box, ['postmortem', '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Our notes from the review.');
  });

  it('a broken --template: exit 2 with file and line, no draft written', () => {
    const box = wordsIncident();
    mkdirSync(join(box.cwd, 't'));
    const template = join(box.cwd, 't', 'pm.hbs');
    writeFileSync(template, '# {{title}}\n\n## Impact\n{{#each stamps}}\n{{label}\n{{/each}}\n');
    expectUsageError(
      oncall(box, ['postmortem', '--template', template, '--out', 'pm.md']),
      `${template}:5: broken template`,
    );
  });

  it('a team template from --template is used', () => {
    const box = wordsIncident();
    const template = join(box.cwd, 'pm.hbs');
    writeFileSync(template, 'PM {{title}} peak {{peakSeverity}}\n');
    const r = oncall(box, ['postmortem', '--template', template, '--out', 'pm.md']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(box.cwd, 'pm.md'), 'utf8')).toBe(
      'PM Checkout returns 500 peak SEV2\n',
    );
  });
});
