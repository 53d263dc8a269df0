// The parser on good, malformed and plain runbooks: steps, commands and the
// exact file:line of every problem.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../src/domain/runbook/parse.js';
import type { Step } from '../../../../src/domain/runbook/types.js';
import { UsageError } from '../../../../src/errors.js';
import { loadRunbook } from '../../../../src/infra/runbooks/load.js';
import { FIXTURES as ALL_FIXTURES, ROOT } from '../../../helpers/paths.js';

const FIXTURES = join(ALL_FIXTURES, 'runbooks');
const fixture = (name: string) => {
  const file = join(FIXTURES, name);
  return { file, text: readFileSync(file, 'utf8') };
};
const parse = (text: string, file = '/rb/test.md') => parseRunbook(text, file);
const brief = (problems: { line: number; severity: string }[]) =>
  problems.map((p) => `${p.line} ${p.severity}`);
function stepOf<K extends Step['kind']>(
  steps: Step[],
  id: string,
  kind: K,
): Extract<Step, { kind: K }> {
  const step = steps.find((s) => s.id === id);
  expect(step?.kind).toBe(kind);
  return step as Extract<Step, { kind: K }>;
}

describe('an annotated runbook', () => {
  const { file, text } = fixture('good.md');
  const { runbook, problems } = parseRunbook(text, file);

  it('has no problems and reads the frontmatter', () => {
    expect(problems).toEqual([]);
    expect(runbook).toMatchObject({
      id: 'good',
      title: 'A good runbook',
      services: ['web', 'api'],
      alerts: ['HighErrorRate'],
      severity: 'SEV2',
      contacts: ['alice'],
      file,
      annotated: true,
    });
    expect(runbook.hash).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('makes one step per ## heading, with its id, kind and heading line', () => {
    expect(runbook.steps.map((s) => `${s.line} ${s.kind} ${s.id}`)).toEqual([
      '14 manual ack',
      '19 ask version',
      '22 ask token',
      '25 check health',
      '32 run rollback',
      '39 run scripted',
      '46 wait breathe',
      '49 wait until-healthy',
      '56 decide choose',
      '64 escalate page-alice',
    ]);
  });

  it('splits a command into words, honouring quotes, without a shell', () => {
    const health = stepOf(runbook.steps, 'health', 'check');
    expect(health.command.argv).toEqual([
      'curl',
      '-fsS',
      'http://localhost:8080/health?deep=1',
      '--header',
      'X-Why: oncall test',
    ]);
    expect(health.command.shell).toBeUndefined();
    expect(health.onFailure).toBe('retry');
    const rollback = stepOf(runbook.steps, 'rollback', 'run');
    expect(rollback.command.argv).toEqual(['deploy', '--to={{version}}', 'web']);
    expect(rollback.onFailure).toBe('escalate');
  });

  it('keeps a shell step as one script for the declared shell', () => {
    const scripted = stepOf(runbook.steps, 'scripted', 'run');
    expect(scripted.command).toEqual({
      argv: ['echo {{version}} | tee /tmp/x'],
      shell: 'bash',
      source: 'echo {{version}} | tee /tmp/x',
      changesState: true,
      verb: 'tee',
    });
    expect(scripted.onFailure).toBe('ask');
  });

  it('reads ask, wait, decide and escalate settings', () => {
    expect(stepOf(runbook.steps, 'version', 'ask')).toMatchObject({
      variable: 'version',
      prompt: 'Last good version?',
      secret: false,
    });
    expect(stepOf(runbook.steps, 'token', 'ask')).toMatchObject({
      prompt: 'Which token?',
      secret: true,
    });
    const breathe = stepOf(runbook.steps, 'breathe', 'wait');
    expect(breathe.seconds).toBe(90);
    expect(breathe.until).toBeUndefined();
    const until = stepOf(runbook.steps, 'until-healthy', 'wait');
    expect(until).toMatchObject({ seconds: 300, intervalSeconds: 15 });
    expect(until.until?.argv).toEqual(['curl', '-fsS', 'http://localhost:8080/health']);
    expect(stepOf(runbook.steps, 'choose', 'decide').choices).toEqual([
      { label: 'Roll back again', goto: 'rollback' },
      { label: 'Escalate', goto: 'page-alice' },
    ]);
    expect(stepOf(runbook.steps, 'page-alice', 'escalate')).toMatchObject({
      to: 'alice',
      ask: 'Please join the bridge for {{incident}}',
      next: 'ack',
    });
  });

  it('keeps the instruction text as the body, without annotation, commands or choices', () => {
    expect(runbook.steps[0]?.body).toBe('Say you are on it.');
    expect(stepOf(runbook.steps, 'choose', 'decide').body).toBe('Pick one.');
    expect(stepOf(runbook.steps, 'health', 'check').body).toBe('');
  });
});

describe('a malformed runbook', () => {
  const { file, text } = fixture('malformed.md');
  const { runbook, problems } = parseRunbook(text, file);

  it('reports every problem at its line, in line order', () => {
    expect(problems.every((p) => p.file === file)).toBe(true);
    expect(brief(problems)).toEqual([
      '4 error', // severity: SEV9
      '5 warning', // unknown frontmatter key
      '13 error', // {{url}} before the ask step
      '21 error', // kind: dance
      '26 error', // duplicate id
      '26 error', // next: nowhere
      '33 error', // choice to a missing step
      '39 error', // a pipe without shell:
      '46 error', // undefined variable
      '50 warning', // empty section
      '51 error', // unknown annotation key
      '54 error', // escalate without to:
    ]);
  });

  it('says what is wrong and how to fix it', () => {
    const at = (line: number) =>
      problems
        .filter((p) => p.line === line)
        .map((p) => p.message)
        .join(' | ');
    expect(at(4)).toContain('use SEV1, SEV2, SEV3 or SEV4');
    expect(at(5)).toContain('unknown frontmatter key "owner"');
    expect(at(13)).toContain('{{url}} is used before the ask step that sets it (line 17)');
    expect(at(21)).toContain('unknown step kind "dance"');
    expect(at(26)).toContain('duplicate step id "first" (first at line 10)');
    expect(at(26)).toContain('next: goes to "nowhere"');
    expect(at(33)).toContain('choice "Go left" goes to "left"');
    expect(at(39)).toContain('shell syntax (|); add `shell: bash`');
    expect(at(46)).toContain('{{undefined_thing}} is not defined');
    expect(at(50)).toContain('section "Empty" has no text and no commands');
    expect(at(51)).toContain('unknown annotation key "typo-key:"');
    expect(at(54)).toContain('needs to: <contact key>');
  });

  it('still returns what it could read, keeping the good frontmatter keys', () => {
    expect(runbook.id).toBe('broken');
    expect(runbook.severity).toBeUndefined();
    expect(runbook.steps).toHaveLength(9);
  });

  it('is refused by loadRunbook with the first file:line and how many more', () => {
    expect(() => loadRunbook(file)).toThrow(UsageError);
    expect(() => loadRunbook(file)).toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4: frontmatter severity: .*\\(and 9 more`,
      ),
    );
  });
});

describe('plain team Markdown', () => {
  const { file, text } = fixture('plain.md');
  const { runbook, problems } = parseRunbook(text, file);

  it('is walkable: each section a manual step, id from the heading, runbook id from the file', () => {
    expect(runbook).toMatchObject({ id: 'plain', title: 'Queue backlog', annotated: false });
    expect(runbook.steps.map((s) => `${s.line} ${s.kind} ${s.id}`)).toEqual([
      '3 manual meaning',
      '7 manual diagnosis',
      '17 manual mitigation',
      '19 manual notes',
    ]);
  });

  it('offers code blocks as commands: argv when plain, sh when it needs a shell', () => {
    const diagnosis = stepOf(runbook.steps, 'diagnosis', 'manual');
    expect(diagnosis.commands).toMatchObject([
      {
        argv: ['rabbitmqctl', 'list_queues', 'name', 'messages'],
        source: 'rabbitmqctl list_queues name messages',
      },
      {
        argv: ['rabbitmqctl list_consumers | grep orders'],
        shell: 'sh',
        source: 'rabbitmqctl list_consumers | grep orders',
      },
    ]);
  });

  it('warns about what is missing or odd, never errors', () => {
    expect(brief(problems)).toEqual(['1 warning', '17 warning', '21 warning']);
    expect(problems[0]?.message).toContain('no frontmatter');
    expect(problems[2]?.message).toContain('never closed');
  });

  it('walks the bundled disk-full runbook, including code blocks inside list items', () => {
    const disk = loadRunbook(join(ROOT, 'examples/runbooks/disk-full.md'));
    expect(disk.steps.map((s) => s.id)).toEqual(['meaning', 'impact', 'diagnosis', 'mitigation']);
    const mitigation = stepOf(disk.steps, 'mitigation', 'manual');
    expect(mitigation.commands.map((c) => c.argv)).toEqual([
      ['sudo', 'journalctl', '--vacuum-size=500M'],
      ['docker', 'image', 'prune', '--all', '--filter', 'until=72h'],
    ]);
  });
});

describe('edge cases', () => {
  it('reports invalid YAML at its line in the file', () => {
    const { file, text } = fixture('bad-yaml.md');
    const { problems, runbook } = parseRunbook(text, file);
    expect(brief(problems)).toEqual(['3 error']);
    expect(problems[0]?.message).toMatch(/^frontmatter is not valid YAML: /);
    expect(runbook.steps[0]).toMatchObject({ id: 'step', line: 6 });
  });

  it('reports a frontmatter value of the wrong shape at its key, with an example', () => {
    const { problems, runbook } = parse(
      '---\nid: ok\ntitle: T\n\nservices:\n  web: true\n---\n## A\nx\n',
    );
    expect(problems.map((p) => `${p.line} ${p.severity} ${p.message}`)).toEqual([
      '5 error frontmatter services: a name or a list of names, e.g. [web, api]',
    ]);
    expect(runbook).toMatchObject({ id: 'ok', title: 'T', services: [] });
  });

  it('reports frontmatter that is never closed', () => {
    const { problems } = parse('---\nid: x\n\n## Step\n\nText.\n');
    expect(brief(problems)).toEqual(['1 error']);
    expect(problems[0]?.message).toContain('no closing ---');
  });

  it('counts lines the same with CRLF line endings', () => {
    const { runbook, problems } = parse(
      '---\r\nid: crlf\r\n---\r\n\r\n## One\r\n<!-- step: one kind: check -->\r\n\r\n```sh\r\nuptime\r\n```\r\n',
    );
    expect(problems).toEqual([]);
    expect(runbook.steps[0]).toMatchObject({ id: 'one', line: 5, command: { argv: ['uptime'] } });
  });

  it('requires a code block for check/run, seconds or a block for wait, var for ask, choices for decide', () => {
    const { problems } = parse(
      [
        '---', // 1
        'id: t', // 2
        '---', // 3
        '## A', // 4
        '<!-- step: a kind: check -->', // 5
        '## B', // 6
        '<!-- step: b kind: wait -->', // 7
        '## C', // 8
        '<!-- step: c kind: ask -->', // 9
        '## D', // 10
        '<!-- step: d kind: decide on-failure: retry -->', // 11
        'No list.', // 12
        '## E', // 13
        '<!-- step: e kind: run on-failure: panic -->', // 14
        '```sh', // 15
        'true', // 16
        '```', // 17
      ].join('\n'),
    );
    expect(problems.map((p) => `${p.line} ${p.severity} ${p.message.slice(0, 30)}`)).toEqual([
      '4 error check step "a" has no code blo',
      '7 error wait step "b" needs seconds: <',
      '9 error ask step "c" needs var: <name>',
      '10 error decide step "d" has no choices',
      '11 warning "on-failure:" means nothing fo',
      '14 error on-failure: "panic"; use one o',
    ]);
  });

  it('refuses several commands in an annotated step without a shell, and a second annotation', () => {
    const { problems } = parse(
      [
        '---',
        'id: t',
        '---',
        '## A', // 4
        '<!-- step: a kind: run -->', // 5
        '```sh', // 6
        'systemctl stop web',
        'systemctl start web',
        '```',
        '<!-- step: again -->', // 10
      ].join('\n'),
    );
    expect(brief(problems)).toEqual(['6 error', '10 error']);
    expect(problems[0]?.message).toContain('2 commands but a step runs one');
    expect(problems[1]?.message).toContain('a second step annotation');
  });

  it('strips $ prompts, skips comments and output, and leaves non-shell blocks in the text', () => {
    const { runbook, problems } = parse(
      [
        '## Look',
        '',
        '```console',
        '$ kubectl get pods',
        'NAME   READY',
        '```',
        '',
        '```yaml',
        'replicas: 3',
        '```',
        '',
        '```sh',
        '# the disk',
        'df -h \\',
        '  /var',
        '```',
      ].join('\n'),
    );
    expect(brief(problems)).toEqual(['1 warning']);
    const step = stepOf(runbook.steps, 'look', 'manual');
    expect(step.commands.map((c) => c.argv)).toEqual([
      ['kubectl', 'get', 'pods'],
      ['df', '-h', '/var'],
    ]);
    expect(step.body).toContain('replicas: 3');
  });

  it('uses # sections when a plain file has no ## headings, and numbers repeated headings', () => {
    const { runbook } = parse('# Check\n\nLook.\n\n# Fix\n\nDo.\n\n# Fix\n\nAgain.\n', '/x/one.md');
    expect(runbook.title).toBe('one');
    expect(runbook.steps.map((s) => s.id)).toEqual(['check', 'fix', 'fix-2']);
  });

  it('warns about an annotation before the first step; an empty plain file is one empty step', () => {
    const { runbook, problems } = parse('---\nid: t\n---\n<!-- step: lost kind: manual -->\n');
    expect(brief(problems)).toEqual(['4 warning', '4 warning', '4 warning']);
    expect(problems.map((p) => p.message).join('\n')).toContain('has no text and no commands');
    expect(runbook.steps.map((s) => s.id)).toEqual(['test']);
  });

  it('accepts a step id defined after a jump to it, and predefined variables', () => {
    const { problems } = parse(
      [
        '---',
        'id: t',
        '---',
        '## A',
        '<!-- step: a kind: check next: c -->',
        '```sh',
        'echo {{incident}} {{service}} {{severity}} {{title}} {{alert}}',
        '```',
        '## C',
        '<!-- step: c -->',
        'Done.',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });
});

describe('annotations', () => {
  it('may span lines, and a quoted value may contain a colon or a key word', () => {
    const { runbook, problems } = parse(
      [
        '---',
        'id: t',
        '---',
        '## Who', // 4
        '<!--', // 5
        '  step: who',
        '  kind: ask',
        '  var: who',
        '  prompt: "Name: first kind: then last"',
        '-->',
        '## Page', // 11
        '<!-- step: page kind: escalate to: bob ask: Please look at {{who}} now -->',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(runbook.steps[0]).toMatchObject({
      id: 'who',
      line: 4,
      prompt: 'Name: first kind: then last',
    });
    expect(runbook.steps[1]).toMatchObject({
      kind: 'escalate',
      to: 'bob',
      ask: 'Please look at {{who}} now',
    });
  });

  it('checks the variables of an escalation ask', () => {
    const { problems } = parse(
      '---\nid: t\n---\n## Page\n<!-- step: page kind: escalate to: bob ask: "Look at {{nope}}" -->\n',
    );
    expect(problems.map((p) => `${p.line} ${p.severity} ${p.message.slice(0, 30)}`)).toEqual([
      '5 error {{nope}} is not defined; add a',
    ]);
  });

  it('warns when a step among annotated ones takes its id from the heading', () => {
    const { runbook, problems } = parse(
      [
        '---',
        'id: t',
        '---',
        '## One', // 4
        '<!-- step: one -->',
        'Do it.',
        '## Two things', // 7
        'Do more.',
        '## Three', // 9
        '<!-- kind: check -->', // not an annotation: it does not start with step:
        '<!-- step: kind: manual -->', // 11
        'Last.',
      ].join('\n'),
    );
    expect(runbook.steps.map((s) => s.id)).toEqual(['one', 'two-things', 'three']);
    expect(problems.map((p) => `${p.line} ${p.severity}`)).toEqual(['7 warning', '11 warning']);
    expect(problems[0]?.message).toContain('add <!-- step: two-things -->');
    expect(problems[1]?.message).toContain('without step: <id>; using "three"');
  });
});

describe('loadRunbook', () => {
  it('reads a good file', () => {
    const { file } = fixture('good.md');
    expect(loadRunbook(file).id).toBe('good');
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadRunbook('/nonexistent/x.md')).toThrow(
      /^\/nonexistent\/x\.md: cannot read the runbook \(ENOENT\)/,
    );
  });
});

describe('team Markdown with frontmatter but no annotations', () => {
  it('is still plain: sections offer their blocks, through sh when they need a shell', () => {
    const { runbook, problems } = parse(
      '---\ntitle: Kube pod crash looping\nweight: 20\n---\n## Diagnosis\n\n```shell\nkubectl get pods -A | grep CrashLoop\n```\n',
      '/rb/kube-pod-crash-looping.md',
    );
    expect(problems.map((p) => `${p.line} ${p.severity} ${p.message.slice(0, 32)}`)).toEqual([
      '3 warning unknown frontmatter key "weight"',
    ]);
    expect(runbook).toMatchObject({ id: 'kube-pod-crash-looping', annotated: false });
    expect(stepOf(runbook.steps, 'diagnosis', 'manual').commands[0]).toMatchObject({ shell: 'sh' });
  });
});

describe('never throws for bad content', () => {
  it('parses every prefix of every fixture and example without throwing', () => {
    const files = ['good.md', 'malformed.md', 'plain.md', 'bad-yaml.md'].map((n) =>
      join(FIXTURES, n),
    );
    files.push(join(ROOT, 'examples/runbooks/site-down-after-deploy.md'));
    let parsed = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (let end = 0; end <= text.length; end += 7) {
        const { runbook, problems } = parseRunbook(text.slice(0, end), file);
        expect(Array.isArray(runbook.steps)).toBe(true);
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
        parsed++;
      }
    }
    expect(parsed).toBeGreaterThan(300);
  });

  it('reports a YAML alias bomb instead of expanding it', () => {
    // Each key repeats the previous one nine times: 9^10 values once expanded.
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 9; i++) {
      const [prev, next] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    bomb.push('---', '## A', 'x');
    const errors = parse(bomb.join('\n')).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.line} ${p.message.slice(0, 27)}`)).toEqual([
      '2 frontmatter cannot be read:',
    ]);
  });
});

describe('shell steps', () => {
  const shellStep = (script: string) =>
    parse(
      `---\nid: t\n---\n## S\n<!-- step: s kind: run shell: bash -->\n\`\`\`sh\n${script}\n\`\`\`\n`,
    ).problems;

  it('warns about a placeholder inside quotes, which would be quoted twice', () => {
    expect(shellStep('echo "version {{service}}"').map((p) => `${p.line} ${p.severity}`)).toEqual([
      '6 warning',
    ]);
    expect(shellStep("grep '{{service}}' /var/log/app.log")).toHaveLength(1);
  });

  it('accepts bare placeholders between quoted words', () => {
    expect(shellStep("echo 'a' {{service}} 'b' | tr a b")).toEqual([]);
    expect(shellStep('echo "it\\"s" {{service}}')).toEqual([]);
  });
});

describe('wait until a check step passes', () => {
  const runbookWith = (wait: string, extra = '') =>
    parse(
      [
        '---',
        'id: t',
        '---',
        '## Health', // 4
        '<!-- step: health kind: check -->',
        '```sh',
        'curl -fsS http://localhost:8080/health',
        '```',
        '## Wait', // 9
        wait, // 10
        extra,
        '## Note', // 12
        '<!-- step: note -->',
        'Done.',
      ].join('\n'),
    );

  it("polls the named check step's command", () => {
    const { runbook, problems } = runbookWith(
      '<!-- step: w kind: wait until: health seconds: 2m -->',
    );
    expect(problems).toEqual([]);
    expect(stepOf(runbook.steps, 'w', 'wait')).toMatchObject({
      seconds: 120,
      intervalSeconds: 10,
      until: { argv: ['curl', '-fsS', 'http://localhost:8080/health'] },
    });
  });

  it('refuses a step that is not a check, and a code block as well', () => {
    expect(brief(runbookWith('<!-- step: w kind: wait until: note -->').problems)).toEqual([
      '10 error',
    ]);
    expect(runbookWith('<!-- step: w kind: wait until: nope -->').problems[0]?.message).toContain(
      'until: "nope" is no step id here',
    );
    const both = runbookWith('<!-- step: w kind: wait until: health -->', '```sh\ntrue\n```');
    expect(both.problems.map((p) => `${p.line} ${p.message.slice(0, 34)}`)).toEqual([
      '11 wait step "w" has until: and a cod',
    ]);
  });
});
