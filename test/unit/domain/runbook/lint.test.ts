// Lint as users see it: the bundled examples and the `runbook new` starter are
// clean, and each problem formats as file:line: severity: message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterRunbook } from '../../../../src/commands/runbook/runbook.js';
import { countProblems, formatProblem, lintRunbook } from '../../../../src/domain/runbook/lint.js';
import { parseRunbook } from '../../../../src/domain/runbook/parse.js';
import { ROOT } from '../../../helpers/paths.js';

const EXAMPLES = join(ROOT, 'examples', 'runbooks');

describe('lint', () => {
  it.each(['site-down-after-deploy.md', 'api-latency.md'])('finds nothing wrong in %s', (name) => {
    const file = join(EXAMPLES, name);
    expect(lintRunbook(readFileSync(file, 'utf8'), file)).toEqual([]);
  });

  it('only notes the missing frontmatter of the plain team runbook', () => {
    const file = join(EXAMPLES, 'disk-full.md');
    const problems = lintRunbook(readFileSync(file, 'utf8'), file);
    expect(problems.map((p) => formatProblem(p, 'disk-full.md'))).toEqual([
      'disk-full.md:1: warning: no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
    ]);
  });

  it('the starter from `runbook new` is clean and shows every step kind once', () => {
    const text = starterRunbook('queue-backlog');
    const { runbook, problems } = parseRunbook(text, '/x/queue-backlog.md');
    expect(problems).toEqual([]);
    expect(runbook.id).toBe('queue-backlog');
    expect(new Set(runbook.steps.map((s) => s.kind))).toEqual(
      new Set(['manual', 'check', 'run', 'ask', 'wait', 'decide', 'escalate']),
    );
  });

  it('counts errors and warnings', () => {
    const problems = lintRunbook('# T\n\n## A\n<!-- step: a kind: nope -->\nx\n', '/x/t.md');
    expect(problems.map((p) => formatProblem(p))).toEqual([
      '/x/t.md:1: warning: no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
      '/x/t.md:4: error: unknown step kind "nope"; use one of manual, check, run, ask, wait, decide, escalate',
    ]);
    expect(countProblems(problems)).toEqual({ errors: 1, warnings: 1 });
  });
});
