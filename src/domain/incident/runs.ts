// Commands run, and waits. A wait step polls a check until it passes: nine
// failed polls are one wait that took nine tries, not nine failed commands.
// Each wait is one item here, with how many polls it ran, the last one, and
// how it ended (step.waited). The polls stay in the incident's commands, the
// full record. Pure.
import type { EventOf } from './events.js';

export interface CommandRun {
  runId: string;
  argv: string[];
  shell?: string;
  /** `shell`: typed by the responder in their own shell; argv is the line as typed. */
  via?: 'shell';
  cwd: string;
  stepId?: string;
  startedAt: string;
  actor: string;
  finishedAt?: string;
  exitCode?: number | null;
  signal?: string;
  durationMs?: number;
  outputTail?: string;
  interrupted?: boolean;
  drill?: boolean;
  /** The line (from 1) of a several-line command that failed. */
  failedLine?: number;
  /** The responder's finding when it failed as expected: its failure is no loose end. */
  finding?: string;
  /** A wait step's poll, its attempt number: the wait is the item, not each poll (state.waits). */
  poll?: number;
  /** Recorded in a file that is not its actor's (provenance.ts): `actor` says so. */
  unverified?: true;
}

type WaitOutcome = EventOf<'step.waited'>['outcome'];

export interface WaitRun {
  stepId: string;
  /** When its first poll started. */
  startedAt: string;
  /** Polls run so far. */
  attempts: number;
  /** The latest poll: its command and (once finished) its result. */
  last: CommandRun;
  /** How it ended; undefined while it still polls (or when cut off). */
  outcome?: WaitOutcome;
  endedAt?: string;
}

/** A wait that ended without its check passing: given up (timed out). */
export const waitFailed = (w: WaitRun) => w.outcome === 'timed-out';

/** The waits being folded: the one still polling, per step. */
export class Waits {
  private readonly polling = new Map<string, WaitRun>();

  constructor(private readonly waits: WaitRun[]) {}

  /** A poll started: the first opens a wait, the next ones count in it. */
  polled(run: CommandRun): void {
    const stepId = run.stepId ?? '';
    const open = this.polling.get(stepId);
    if (open && run.poll !== 1) {
      open.attempts += 1;
      open.last = run;
      return;
    }
    const wait: WaitRun = { stepId, startedAt: run.startedAt, attempts: 1, last: run };
    this.polling.set(stepId, wait);
    this.waits.push(wait);
  }

  /** The wait of that step ended (passed, timed out, stopped). */
  ended(e: EventOf<'step.waited'>): void {
    const wait = this.polling.get(e.stepId);
    if (!wait) return;
    wait.outcome = e.outcome;
    wait.endedAt = e.ts;
    this.polling.delete(e.stepId);
  }
}

/** What was run, each wait as one item: the commands that are no poll, and the waits. */
export function commandItems(state: {
  commands: readonly CommandRun[];
  waits: readonly WaitRun[];
}) {
  const commands = state.commands.filter((run) => run.poll === undefined);
  return { commands, waits: state.waits };
}
