// The suggested steps written in the runbook's own format, and where they go.
// An annotated runbook gets steps (`<!-- step: … kind: check -->` and a code
// block), after the step they were typed during, with an ask step first for a
// value no earlier step asks for; plain Markdown gets each command as a code
// block with a line before it, at the end of the section it was typed during.
// What was typed outside the walk goes at the end. Only lines are added:
// nothing of the runbook is changed or moved.
import { uniqueId } from '../runbook/ids.js';
import { stepIndex } from '../runbook/steps.js';
import type { Runbook } from '../runbook/types.js';
import { headingSlug } from '../text/slug.js';
import { type Suggestion, type SuggestionGroup, unsetVariables } from './suggest.js';

export interface Insertion {
  /** Index of the line the block goes before (the lines' length: at the end). */
  at: number;
  lines: string[];
}

export interface RunbookEdit {
  insertions: Insertion[];
  /** The runbook's text with the insertions made. */
  text: string;
  /** How many commands were added. */
  added: number;
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
const exitText = (code: number | null) =>
  code === null ? 'no exit code recorded' : `last exit ${code}`;

/** A fence its command cannot close. */
function fenced(text: string): string[] {
  const fence = text.includes('```') ? '~~~~' : '```';
  return [`${fence}sh`, ...text.split('\n'), fence];
}

/** The program and its first words (no options, values or placeholders): `kubectl get pods`. */
function titleWords(text: string): string {
  const words = (text.split(/[|;&\n]/)[0] ?? '')
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-') && !/[{}<>=/'"|;&$]/.test(w))
    .slice(0, 3);
  return words.join(' ') || 'command';
}

interface Context {
  incident: string;
  runbook: Runbook;
  heading: string;
  taken: Set<string>;
  asked: Set<string>;
}

function during(ctx: Context, stepId: string | undefined): string {
  const step = ctx.runbook.steps.find((s) => s.id === stepId);
  return step ? ` while at "${step.title}"` : ' outside the runbook walk';
}

function annotatedStep(ctx: Context, s: Suggestion): string[] {
  const title = titleWords(s.text);
  const id = uniqueId(headingSlug(title) || 'typed', ctx.taken);
  ctx.taken.add(id);
  const shell = s.needsShell ? ' shell: bash' : '';
  return [
    `${ctx.heading} ${title} (typed by hand)`,
    `<!-- step: ${id} kind: ${s.kind}${shell} -->`,
    '',
    `Typed by hand during ${ctx.incident}${during(ctx, s.stepId)}: ${times(s.uses)}, ${exitText(s.lastExit)}.`,
    '',
    ...fenced(s.text),
    '',
  ];
}

function askStep(ctx: Context, name: string): string[] {
  const id = uniqueId(`ask-${headingSlug(name) || 'value'}`, ctx.taken);
  ctx.taken.add(id);
  ctx.asked.add(name);
  return [
    `${ctx.heading} Value of ${name}`,
    `<!-- step: ${id} kind: ask var: ${name} prompt: "${name}" -->`,
    '',
    `The commands below were typed with the incident's ${name} (an alert label or an earlier answer).`,
    '',
  ];
}

function plainBlock(ctx: Context, s: Suggestion): string[] {
  const confirm = s.kind === 'run' ? ' It changes something: the walk asks before it runs.' : '';
  return [
    `Typed by hand during ${ctx.incident}: ${times(s.uses)}, ${exitText(s.lastExit)}.${confirm}`,
    '',
    ...fenced(s.text),
    '',
  ];
}

function groupLines(ctx: Context, group: SuggestionGroup): string[] {
  if (ctx.runbook.annotated) {
    const missing = unsetVariables(ctx.runbook, group.stepId, group.suggestions, ctx.asked);
    return [
      ...missing.flatMap((name) => askStep(ctx, name)),
      ...group.suggestions.flatMap((s) => annotatedStep(ctx, s)),
    ];
  }
  const head =
    group.stepId === undefined ? [`${ctx.heading} Typed by hand during ${ctx.incident}`, ''] : [];
  return [...head, ...group.suggestions.flatMap((s) => plainBlock(ctx, s))];
}

/** Where a group goes: after its step's section (its last line of text), or at the end. */
function insertionPoint(lines: string[], runbook: Runbook, stepId: string | undefined): number {
  const index = stepIndex(runbook, stepId);
  const next = index >= 0 ? runbook.steps[index + 1] : undefined;
  let at = next ? next.line - 1 : lines.length;
  const floor = index >= 0 ? (runbook.steps[index]?.line ?? 1) : 1;
  while (at > floor && (lines[at - 1] ?? '').trim() === '') at--;
  return at;
}

/** The runbook's text with the suggested steps added, and where each block went. */
export function suggestionEdit(
  text: string,
  runbook: Runbook,
  groups: readonly SuggestionGroup[],
  incident: string,
): RunbookEdit {
  const lines = text.split('\n');
  const first = runbook.steps[0];
  const heading = (first && /^#+/.exec(lines[first.line - 1] ?? '')?.[0]) || '##';
  const ctx: Context = {
    incident,
    runbook,
    heading,
    taken: new Set(runbook.steps.map((s) => s.id)),
    asked: new Set(),
  };
  const insertions = groups.map((group) => {
    const at = insertionPoint(lines, runbook, group.stepId);
    // A blank line before it; the blank line that followed the section still follows it.
    const block = groupLines(ctx, group);
    return { at, lines: ['', ...block.slice(0, -1)] };
  });
  const out: string[] = [];
  let from = 0;
  for (const insertion of [...insertions].sort((a, b) => a.at - b.at)) {
    out.push(...lines.slice(from, insertion.at), ...insertion.lines);
    from = insertion.at;
  }
  out.push(...lines.slice(from));
  const added = groups.reduce((n, g) => n + g.suggestions.length, 0);
  return { insertions, text: out.join('\n'), added };
}
