// `oncall runbook suggest`: the incident's hand-typed commands its runbook
// lacks, proposed as steps in the runbook's own format; with --write, added to
// the runbook file (the diff shown first, written only when confirmed, and
// only when the result still lints).
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { Context } from '../../context.js';
import { insertionDiff } from '../../domain/capture/diff.js';
import { type HandTyped, handTypedCommands } from '../../domain/capture/hand-typed.js';
import { type SuggestionGroup, suggestSteps } from '../../domain/capture/suggest.js';
import { type RunbookEdit, suggestionEdit } from '../../domain/capture/suggest-markdown.js';
import { countProblems, type LintProblem, lintRunbook } from '../../domain/runbook/lint.js';
import { runbookFrom } from '../../domain/runbook/parse.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { bundledRunbookDir, findRunbook } from '../../infra/runbooks/find.js';
import { writeFileAtomic } from '../../infra/store/atomic.js';
import { type LoadedIncident, loadIncident } from '../journal/load.js';

interface SuggestOptions {
  incident?: string;
  /** `--runbook`: this one instead of the incident's. */
  runbook?: string;
}

export interface SuggestPlan {
  incident: string;
  runbook: Runbook;
  /** The runbook is one of oncall's bundled examples: not ours to write to. */
  bundled: boolean;
  hand: HandTyped;
  groups: SuggestionGroup[];
  edit: RunbookEdit;
  /** The unified diff of the edit. */
  diff: string;
  /** Problems the runbook has after the edit that it did not have before. */
  newProblems: LintProblem[];
}

/** The runbook to suggest for: `--runbook`, else the one the incident walked. */
async function runbookFor(
  ctx: Context,
  loaded: LoadedIncident,
  options: SuggestOptions,
): Promise<{ runbook: Runbook; text: string }> {
  let file: string;
  if (options.runbook) {
    file = findRunbook(await loadConfig(ctx.cwd, ctx.env), options.runbook, ctx.cwd).file;
  } else if (loaded.state.runbook) {
    file = loaded.state.runbook.file;
  } else {
    throw new UsageError(
      `${loaded.ref.id} walked no runbook; name the one to add the commands to: oncall runbook suggest --runbook <id|file>`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`${file}: cannot read the runbook (${code}); name another with --runbook`);
  }
  return { runbook: runbookFrom(text, file), text };
}

const problemKey = (p: LintProblem) => `${p.severity}: ${p.message}`;

export async function planSuggestions(ctx: Context, options: SuggestOptions): Promise<SuggestPlan> {
  const loaded = loadIncident(ctx, options);
  const { runbook, text } = await runbookFor(ctx, loaded, options);
  const hand = handTypedCommands(loaded.events, runbook, runbook.annotated ? 'braces' : 'angle');
  const groups = suggestSteps(hand.commands, runbook);
  const edit = suggestionEdit(text, runbook, groups, loaded.ref.id);
  // What lint says of the result, minus what it said before (by message: lines move).
  const before = new Set(lintRunbook(text, runbook.file).map(problemKey));
  const newProblems = lintRunbook(edit.text, runbook.file).filter(
    (p) => !before.has(problemKey(p)),
  );
  const shown = relative(ctx.cwd, runbook.file).startsWith('..')
    ? runbook.file
    : relative(ctx.cwd, runbook.file);
  return {
    incident: loaded.ref.id,
    runbook,
    bundled: !relative(bundledRunbookDir(), runbook.file).startsWith('..'),
    hand,
    groups,
    edit,
    diff: insertionDiff(shown, text.split('\n'), edit.insertions),
    newProblems,
  };
}

/** Writes the edited runbook, when it lints without a new error and is not a bundled example. */
export function writeSuggestions(plan: SuggestPlan): void {
  if (plan.bundled) {
    throw new UsageError(
      `${plan.runbook.file} is one of oncall's bundled examples: copy it into your runbooks folder (\`runbooks:\` in oncall.config.yaml), then run this again with --runbook <the copy>.`,
    );
  }
  const errors = countProblems(plan.newProblems).errors;
  if (errors) {
    const first = plan.newProblems.find((p) => p.severity === 'error');
    throw new UsageError(
      `the runbook would not lint with these steps (${first?.file}:${first?.line}: ${first?.message}); nothing was written.`,
    );
  }
  // Kept as readable as it was: a team's runbooks are often shared files.
  writeFileAtomic(plan.runbook.file, plan.edit.text, statSync(plan.runbook.file).mode & 0o777);
}
