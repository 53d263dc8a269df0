// `oncall runbook list|show|lint|new`: the tooling around runbook files.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Context } from '../../context.js';
import { formatWait } from '../../domain/incident/time.js';
import {
  countProblems,
  formatProblem,
  type LintProblem,
  lintRunbook,
} from '../../domain/runbook/lint.js';
import { ID_PATTERN } from '../../domain/runbook/parse.js';
import type { CommandSpec, Runbook, Step } from '../../domain/runbook/types.js';
import { safeBlock, safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { printJson, println } from '../../infra/console/output.js';
import {
  discoverRunbooks,
  findRunbook,
  listRunbooks,
  runbookFilesIn,
} from '../../infra/runbooks/find.js';
import { diskError, isDiskTrouble, isErrno } from '../../infra/store/disk-error.js';
import type { OptionsOf } from '../definition/program.js';
import type {
  runbookLintCommand,
  runbookListCommand,
  runbookNewCommand,
  runbookShowCommand,
} from './definition.js';

/** Paths under the working directory read shorter; others stay absolute. */
function shown(ctx: Context, file: string): string {
  const rel = relative(ctx.cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export async function runbookList(
  ctx: Context,
  options: OptionsOf<typeof runbookListCommand>,
): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const entries = listRunbooks(config);
  if (options.json) {
    printJson(ctx, entries);
    return;
  }
  if (!entries.length) {
    println(ctx, 'No runbooks found. Write one with `oncall runbook new <name>`.');
    return;
  }
  const width = Math.max(...entries.map((e) => e.id.length));
  for (const e of entries) {
    const tag = `${e.source === 'bundled' ? ' (example)' : ''}${
      e.errors ? ` (${e.errors} error${e.errors === 1 ? '' : 's'}: oncall runbook lint)` : ''
    }`;
    println(ctx, safeLine(`${e.id.padEnd(width)}  ${e.title}${tag}`));
    println(ctx, safeLine(`${''.padEnd(width)}  ${shown(ctx, e.file)}`));
  }
}

function commandLines(spec: CommandSpec): string[] {
  const lines = spec.source.split('\n');
  const head = [
    ...(spec.shell ? [`(${spec.shell} script)`] : []),
    ...(spec.inline ? ['(from the text)'] : []),
    ...(spec.prompt ? [`(typed at ${spec.prompt})`] : []),
  ];
  const asked = (spec.placeholders ?? []).map(
    (p) => `${p.text}${p.example !== undefined ? ` (e.g. ${p.example})` : ''}`,
  );
  const marks = [
    ...(spec.changesState
      ? [
          `changes state: type ${spec.verb && spec.verb !== 'yes' ? `"${spec.verb}"` : 'yes'} to run it`,
        ]
      : []),
    ...(asked.length ? [`asks first: ${asked.join(', ')}`] : []),
  ];
  const output = spec.expectedOutput
    ? ['expected output (never run):', ...spec.expectedOutput.split('\n').map((l) => `| ${l}`)]
    : [];
  const inside = spec.inside
    ? [
        'then, inside it (typed by you, never run):',
        ...spec.inside.split('\n').map((l) => `| ${l}`),
      ]
    : [];
  return [...head, ...lines.map((l) => `$ ${l}`), ...marks, ...output, ...inside];
}

/** A plain section's commands keep the text before each: shown in place, not after the body. */
function inPlace(step: Step): boolean {
  return (
    step.kind === 'manual' && (step.closing !== undefined || step.commands.some((c) => c.intro))
  );
}

function detailsOf(step: Step): string[] {
  switch (step.kind) {
    case 'check':
    case 'run':
      return [...commandLines(step.command), `on failure: ${step.onFailure}`];
    case 'manual':
      // Plain Markdown: each command in its place, after the text that leads to it.
      return inPlace(step)
        ? [
            ...step.commands.flatMap((spec) => [
              ...(spec.intro?.split('\n') ?? []),
              ...commandLines(spec),
            ]),
            ...(step.closing?.split('\n') ?? []),
          ]
        : step.commands.flatMap(commandLines);
    case 'ask':
      return [`asks: ${step.prompt} -> {{${step.variable}}}${step.secret ? ' (secret)' : ''}`];
    case 'wait':
      return step.until
        ? [
            `polls every ${formatWait(step.intervalSeconds ?? 10)}, up to ${formatWait(step.seconds)}, until this passes:`,
            ...commandLines(step.until),
          ]
        : [`counts down ${formatWait(step.seconds)}`];
    case 'decide':
      return step.choices.map((c) => `- ${c.label} -> ${c.goto}`);
    case 'escalate':
      return [`escalate to ${step.to}${step.ask ? `: ${step.ask}` : ''}`];
  }
}

/** A runbook as text to read: steps numbered, each with its kind, body and commands. */
function renderRunbook(runbook: Runbook, file: string): string {
  const out: string[] = [`${runbook.title}  (${runbook.id})`, `file: ${file}`];
  const facts = [
    runbook.services.length ? `services: ${runbook.services.join(', ')}` : '',
    runbook.alerts.length ? `alerts: ${runbook.alerts.join(', ')}` : '',
    runbook.severity ? `severity: ${runbook.severity}` : '',
    runbook.contacts.length ? `contacts: ${runbook.contacts.join(', ')}` : '',
  ].filter(Boolean);
  if (facts.length) out.push(facts.join(' · '));
  if (!runbook.annotated) out.push('plain Markdown: each section is a manual step');
  const width = String(runbook.steps.length).length;
  runbook.steps.forEach((step, i) => {
    out.push('');
    const next = step.next ? `, then ${step.next}` : '';
    out.push(`${String(i + 1).padStart(width)}. [${step.kind}] ${step.title}  (${step.id}${next})`);
    const indent = ' '.repeat(width + 2);
    for (const line of step.body && !inPlace(step) ? step.body.split('\n') : [])
      out.push(`${indent}${line}`.trimEnd());
    for (const line of detailsOf(step)) out.push(`${indent}${line}`);
  });
  return out.join('\n');
}

export async function runbookShow(
  ctx: Context,
  options: OptionsOf<typeof runbookShowCommand>,
): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const runbook = findRunbook(config, options.name, ctx.cwd);
  if (options.json) {
    const { runbookJson } = await import('../../domain/runbook/json.js');
    printJson(ctx, runbookJson(runbook));
    return;
  }
  // Runbook text, shown as written but safe: lines kept, control characters as codes.
  println(ctx, safeBlock(renderRunbook(runbook, shown(ctx, runbook.file))));
}

/** Named files (a folder stands for its .md files), resolved from the working directory. */
function namedFiles(ctx: Context, files: string[]): string[] {
  return files.flatMap((f) => {
    const path = resolve(ctx.cwd, f);
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ? runbookFilesIn(path) : [path];
  });
}

export async function runbookLint(
  ctx: Context,
  options: OptionsOf<typeof runbookLintCommand>,
): Promise<void> {
  const problems: LintProblem[] = [];
  let files: string[];
  if (options.files.length) {
    // Linting named files needs no config, so a broken config cannot block it.
    files = namedFiles(ctx, options.files);
  } else {
    const { entries, shadowed } = discoverRunbooks(await loadConfig(ctx.cwd, ctx.env));
    files = entries.map((e) => e.file);
    for (const { entry, by } of shadowed.filter((s) => s.entry.source === 'config')) {
      files.push(entry.file);
      problems.push({
        file: entry.file,
        line: 1,
        severity: 'warning',
        message: `id "${entry.id}" is also the id of ${shown(ctx, by.file)}, which is found first; this runbook is never picked by id`,
      });
    }
  }
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push({
        file,
        line: 1,
        severity: 'error',
        message: `cannot read the file (${code})`,
      });
      continue;
    }
    problems.push(...lintRunbook(text, file));
  }
  const order = new Map(files.map((f, i) => [f, i]));
  problems.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
  for (const p of problems) println(ctx, safeLine(formatProblem(p, shown(ctx, p.file))));
  const { errors, warnings } = countProblems(problems);
  const summary = `${files.length} runbook${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (errors) throw new OncallError(`${summary}; fix the errors above`, 2);
  println(ctx, summary);
}

export async function runbookNew(
  ctx: Context,
  options: OptionsOf<typeof runbookNewCommand>,
): Promise<void> {
  const name = options.name.replace(/\.md$/i, '');
  if (!ID_PATTERN.test(name)) {
    throw new UsageError(
      `"${options.name}" is not a runbook name; use letters, digits, dots, dashes (e.g. queue-backlog)`,
    );
  }
  const config = await loadConfig(ctx.cwd, ctx.env);
  const dir = config.runbookDirs[0] ?? ctx.cwd;
  const file = join(dir, `${name}.md`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, starterRunbook(name), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'EEXIST') {
      throw new UsageError(`${file} already exists; edit it, or pick another name`);
    }
    // Created, then the disk said no: an empty runbook left behind would be "already exists" next time.
    rmSync(file, { force: true });
    if (isErrno(error) && isDiskTrouble(error)) throw diskError(file, error, { inDataHome: false });
    throw new OncallError(`${file}: cannot write the runbook (${code}); check the folder`);
  }
  println(ctx, `Wrote ${file}`);
  println(
    ctx,
    `Next: edit it, then \`oncall runbook lint ${shown(ctx, file)}\` and \`oncall drill ${shown(ctx, file)}\`.`,
  );
}

/** The `runbook new` starter: every step kind once, and the format explained where it is used. */
export function starterRunbook(name: string): string {
  const title = name.replace(/[-_.]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return `---
id: ${name}
title: ${title}
services: [my-service]
alerts: [MyServiceDown]
severity: SEV3
contacts: [team-lead]
---

# ${title}

When to use this runbook, in one or two sentences. Everything before the first
\`##\` heading is an introduction; each \`##\` heading after it is one step.

Each step has an HTML comment under its heading (invisible on GitHub):
\`<!-- step: <id> kind: <kind> key: value ... -->\`. Keep ids stable: a resumed
incident finds its place by id. Kinds: manual, check, run, ask, wait, decide,
escalate. Commands are one line, split into words; add \`shell: bash\` to run a
block as a script. \`{{name}}\` placeholders take the answer of an earlier ask
step (or incident, title, service, severity, alert) as one whole argument.

## Acknowledge and say you are on it
<!-- step: acknowledge kind: manual -->

An instruction the responder confirms. Post in #incidents:
"I'm on it, next update in 30 minutes."

## Which host?
<!-- step: host kind: ask var: host prompt: "Host name of the affected server" -->

The answer is kept as {{host}} for the steps below. Add \`secret: yes\` to mask it.

## Check the service answers
<!-- step: check-health kind: check on-failure: ask -->

A read-only command; its output is kept as evidence.

\`\`\`sh
curl -fsS --max-time 10 http://{{host}}:8080/healthz
\`\`\`

## Fix it or hand it on?
<!-- step: fix-or-escalate kind: decide -->

- The check failed and a restart is the known fix → restart
- Anything else → escalate

## Restart the service
<!-- step: restart kind: run on-failure: escalate -->

A command that changes state: it is shown in full and always confirmed first.

\`\`\`sh
ssh {{host}} sudo systemctl restart my-service
\`\`\`

## Wait until it is healthy
<!-- step: wait-healthy kind: wait seconds: 5m interval: 10s next: done -->

Polls the command until it passes, for at most five minutes. Without a code
block, \`seconds:\` is a plain countdown.

\`\`\`sh
curl -fsS --max-time 5 http://{{host}}:8080/healthz
\`\`\`

## Escalate to the team lead
<!-- step: escalate kind: escalate to: team-lead ask: "Please join: the restart did not bring ${name} back." -->

Say what you tried and what you ruled out.

## Done
<!-- step: done kind: manual -->

Record the fix with \`oncall mitigate\`, post a last update, \`oncall resolve\`.
`;
}
