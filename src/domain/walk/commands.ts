// Where a walk stands inside a step of several commands (a plain runbook's
// section), from the log like the step itself: which commands ran and how,
// which the responder skipped, which failed as expected (a finding). The step
// offers the first command not dealt with, so a resume, or "Back to this step"
// after a failure, returns to the command where the walk stopped. A step done
// or skipped closes its pass: entered again, it starts at its first command.
import type { OncallEvent } from '../incident/events.js';

/** What became of one of a step's commands in this pass through the step. */
export interface CommandMark {
  outcome: 'ran' | 'failed' | 'skipped' | 'finding';
  exitCode?: number | null;
}

/** Dealt with: it ran, was skipped, or its failure was the finding. A failed one is where the walk stopped. */
export const isDealtWith = (mark: CommandMark | undefined) =>
  mark !== undefined && mark.outcome !== 'failed';

export class StepCommands {
  /** Per step, per command (from 0). */
  readonly marks = new Map<string, Map<number, CommandMark>>();
  /** The walk's runs: which step's command each was. */
  private readonly runs = new Map<string, { stepId: string; index: number }>();

  private mark(stepId: string, index: number, mark: CommandMark): void {
    let step = this.marks.get(stepId);
    if (!step) {
      step = new Map();
      this.marks.set(stepId, step);
    }
    step.set(index, mark);
  }

  add(e: OncallEvent): void {
    switch (e.type) {
      case 'runbook.attached':
        this.marks.clear();
        this.runs.clear();
        return;
      case 'command.started':
        if (e.stepId !== undefined && e.command !== undefined) {
          this.runs.set(e.runId, { stepId: e.stepId, index: e.command - 1 });
        }
        return;
      case 'command.finished': {
        const run = this.runs.get(e.runId);
        const ok = e.exitCode === 0 && !e.interrupted;
        if (run)
          this.mark(run.stepId, run.index, {
            outcome: ok ? 'ran' : 'failed',
            exitCode: e.exitCode,
          });
        return;
      }
      case 'command.skipped':
        this.mark(e.stepId, e.command - 1, { outcome: 'skipped' });
        return;
      case 'note': {
        const run = e.runId ? this.runs.get(e.runId) : undefined;
        if (run) this.mark(run.stepId, run.index, { outcome: 'finding' });
        return;
      }
      case 'step.completed':
      case 'step.skipped':
        this.marks.delete(e.stepId);
        return;
      default:
        return;
    }
  }
}
