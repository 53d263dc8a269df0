// `oncall runbook suggest [--write]`: what the night taught the runbook.
import type { Context } from '../../context.js';
import type { SuggestionGroup } from '../../domain/capture/suggest.js';
import { safeBlock, safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { printJson, println } from '../../infra/console/output.js';
import { askConfirm } from '../../terminal/ui/prompts.js';
import {
  planSuggestions,
  type SuggestPlan,
  writeSuggestions,
} from '../../use-cases/capture/suggest.js';
import type { OptionsOf } from '../definition/program.js';
import type { runbookSuggestCommand } from './definition.js';

type SuggestOptions = OptionsOf<typeof runbookSuggestCommand>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function leftOutLine(plan: SuggestPlan): string | undefined {
  const { secret, notFound, inRunbook } = plan.hand.leftOut;
  const parts = [
    ...(inRunbook ? [`${inRunbook} the runbook has`] : []),
    ...(secret ? [`${secret} holding a secret ([REDACTED] in the log)`] : []),
    ...(notFound ? [`${notFound} not found (exit 127)`] : []),
  ];
  return parts.length ? `Left out: ${parts.join(', ')}.` : undefined;
}

function groupHeading(plan: SuggestPlan, group: SuggestionGroup): string {
  const step = plan.runbook.steps.find((s) => s.id === group.stepId);
  return step
    ? `After step "${step.title}" (${step.id}), typed while it was on the walk's screen:`
    : 'At the end: typed outside the runbook walk:';
}

function printPlan(ctx: Context, plan: SuggestPlan): void {
  const { added } = plan.edit;
  println(
    ctx,
    safeLine(
      `${plural(added, 'command')} typed by hand during ${plan.incident} that ${plan.runbook.title} does not have, as its steps:`,
    ),
  );
  plan.groups.forEach((group, i) => {
    println(ctx);
    println(ctx, safeLine(groupHeading(plan, group)));
    println(ctx, safeBlock(plan.edit.insertions[i]?.lines.join('\n').replace(/^\n/, '') ?? ''));
  });
  println(ctx);
  println(
    ctx,
    safeLine(
      `\`oncall runbook suggest --write\` adds them to ${plan.runbook.file}, after showing the diff.`,
    ),
  );
}

function asJson(plan: SuggestPlan) {
  return {
    incident: plan.incident,
    runbook: { id: plan.runbook.id, file: plan.runbook.file },
    suggestions: plan.groups.flatMap((group) =>
      group.suggestions.map((s) => ({
        stepId: group.stepId ?? null,
        kind: s.kind,
        command: s.text,
        recorded: s.recorded,
        how: s.how,
        uses: s.uses,
        lastExit: s.lastExit,
        needsShell: s.needsShell,
      })),
    ),
    leftOut: plan.hand.leftOut,
  };
}

async function write(ctx: Context, plan: SuggestPlan, options: SuggestOptions): Promise<void> {
  ctx.stdout.write(safeBlock(plan.diff));
  if (!options.yes) {
    if (!ctx.interactive) {
      throw new UsageError(
        '--write without a terminal needs --yes: the diff above is what would be written.',
      );
    }
    const n = plural(plan.edit.added, 'step');
    const go = await askConfirm(ctx, {
      flag: '--yes',
      message: `Add these ${n} to ${plan.runbook.file}?`,
    });
    if (!go) {
      println(ctx, 'Nothing written.');
      return;
    }
  }
  writeSuggestions(plan);
  const warnings = plan.newProblems.length;
  println(
    ctx,
    safeLine(
      `Added ${plural(plan.edit.added, 'step')} to ${plan.runbook.file}. \`oncall runbook lint\`: no new errors${warnings ? `, ${plural(warnings, 'new warning')}` : ''}.`,
    ),
  );
}

export async function runbookSuggest(ctx: Context, options: SuggestOptions): Promise<void> {
  const plan = await planSuggestions(ctx, options);
  if (options.json) {
    printJson(ctx, asJson(plan));
    return;
  }
  const left = leftOutLine(plan);
  if (!plan.edit.added) {
    println(
      ctx,
      safeLine(
        `Nothing to suggest: ${plan.runbook.title} has every command typed by hand during ${plan.incident}.`,
      ),
    );
    if (left) println(ctx, left);
    return;
  }
  if (options.write) await write(ctx, plan, options);
  else printPlan(ctx, plan);
  if (left) println(ctx, left);
}
