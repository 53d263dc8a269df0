// A manual step's commands, one at a time, in the order and place the author
// wrote them: the text before a command, the command as it will run, what it
// is expected to print (dimmed, never run), and the choices for it (run, edit,
// skip), until the responder says the step is done. Pure: what to show and offer.
import type { CommandSpec, ManualStep } from '../../domain/runbook/types.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { type CommandMark, isDealtWith } from '../../domain/walk/commands.js';
import type { Choice } from '../ui/prompts.js';

type Chalk = typeof import('chalk').default;

/** What became of a step's commands this pass, by index (domain/walk/commands.ts). */
type Marks = ReadonlyMap<number, CommandMark>;

/**
 * The first command of the step not dealt with (run, skipped, or failed as
 * expected): where the walk stopped in it, a failed one included; undefined
 * when none is left.
 */
export function nextCommand(step: ManualStep, marks: Marks | undefined): number | undefined {
  const index = step.commands.findIndex((_, i) => !isDealtWith(marks?.get(i)));
  return index < 0 ? undefined : index;
}

/** Plain Markdown keeps a command's lead-in with it; an annotated step has one body for all. */
function hasLeadIns(step: ManualStep): boolean {
  return step.closing !== undefined || step.commands.some((spec) => spec.intro !== undefined);
}

function effectLine(c: Chalk, spec: CommandSpec): string {
  if (spec.changesState) {
    const verb = spec.verb && spec.verb !== 'yes' ? `"${safeLine(spec.verb)}"` : 'yes';
    return c.yellow(`changes state: you type ${verb} to run it`);
  }
  return spec.readOnly ? c.dim('read-only: runs when you choose it') : c.dim('asks before it runs');
}

/** How text is fitted to the screen: made terminal-safe and wrapped (screen.ts decides). */
interface Fit {
  /** Runbook text, indented under the title. */
  text(text: string): string[];
  /** A command as shown: `  $ ` and its lines. */
  command(command: string): string[];
  /** One line of the walk's own words. */
  line(text: string): string[];
  /** One line on one row, cut with `…` where the screen ends. */
  cut(text: string): string;
}

/** The lines under the step's title: the body (annotated), then where the commands stand. */
export function sectionLines(
  c: Chalk,
  step: ManualStep,
  marks: Marks | undefined,
  show: (spec: CommandSpec) => string,
  fit: Fit,
): string[] {
  const position = nextCommand(step, marks);
  const lines: string[] = [];
  const text = (t: string | undefined) => {
    if (t?.trim()) lines.push(...fit.text(t));
  };
  if (!hasLeadIns(step)) text(step.body);
  const spec = position === undefined ? undefined : step.commands[position];
  if (position === undefined || !spec) {
    text(step.closing);
    const n = step.commands.length;
    const done = `  ${n === 1 ? 'Its command was' : `All ${n} commands were`} dealt with: choose Done when the step is done.`;
    lines.push(...fit.line(done).map((row) => c.dim(row)));
    return lines;
  }
  text(spec.intro);
  const failed = marks?.get(position);
  const before = failed
    ? c.red(`ran before: failed (exit ${failed.exitCode ?? '?'})`) + c.dim(' · ')
    : '';
  const at = spec.prompt ? `at ${safeLine(spec.prompt)} · ` : '';
  lines.push(
    c.dim(`  Command ${position + 1} of ${step.commands.length} · ${at}`) +
      before +
      effectLine(c, spec),
  );
  lines.push(...fit.command(show(spec)));
  if (spec.expectedOutput) {
    // Output is often a table: each line on one row, cut at the screen's edge
    // rather than wrapped into rows that scramble its columns.
    lines.push(c.dim('  expected output (shown, never run):'));
    for (const line of spec.expectedOutput.split('\n')) lines.push(c.dim(fit.cut(`  │ ${line}`)));
  }
  if (spec.inside) {
    // A dialogue with the program it opens: the responder types it, nothing runs it.
    lines.push(c.dim('  then, inside it (yours to type, never run by oncall):'));
    for (const line of spec.inside.split('\n')) {
      lines.push(...fit.line(`  │ ${line}`).map((row) => c.dim(row)));
    }
  }
  return lines;
}

/** A menu value for a section's n-th command, and reading one back. */
const ACTIONS = ['cmd', 'edit', 'skipcmd'] as const;
export type CommandAction = (typeof ACTIONS)[number];

function commandChoice(action: CommandAction, index: number): string {
  return `${action}:${index}`;
}

export function readCommandChoice(
  value: string,
): { action: CommandAction; index: number } | undefined {
  const [action, index] = value.split(':');
  const known = ACTIONS.find((a) => a === action);
  return known && index !== undefined && /^\d+$/.test(index)
    ? { action: known, index: Number(index) }
    : undefined;
}

/** What a section offers: its next command (run, edit, skip), another one, or Done. */
export function sectionChoices(
  step: ManualStep,
  position: number | undefined,
  drill: boolean,
  toGive = 0,
): Choice[] {
  // A drill executes nothing, so a section offers no commands to run.
  if (drill || !step.commands.length) return [{ value: 'do', name: 'Done' }];
  const others =
    step.commands.length > 1 || position === undefined
      ? [
          {
            value: 'pick',
            name:
              position === undefined
                ? 'Run one of its commands again…'
                : 'Another of its commands…',
          },
        ]
      : [];
  if (position === undefined) return [{ value: 'do', name: 'Done with this step' }, ...others];
  const spec = step.commands[position];
  // What choosing it will ask, in order: its values first, then the typed confirmation.
  const asks = [
    ...(toGive ? [`give ${toGive === 1 ? 'its value' : `its ${toGive} values`} first`] : []),
    ...(spec?.changesState ? ['you type to confirm'] : []),
  ];
  const run = asks.length ? `Run it (${asks.join(', then ')})` : 'Run it';
  return [
    { value: commandChoice('cmd', position), name: run },
    { value: commandChoice('edit', position), name: 'Edit it, then run' },
    { value: commandChoice('skipcmd', position), name: 'Skip this command' },
    ...others,
    { value: 'do', name: 'Done with this step' },
  ];
}
