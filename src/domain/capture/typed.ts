// From the hooks' records to the log's events: which typed commands are
// recorded at all, and the command.started / command.finished pair each one
// becomes, at the times the shell saw. Used alike by the recorder of a
// terminal (`oncall capture on`) and by `oncall shell`.
import type { EventInput } from '../incident/events.js';
import type { ShellRecord } from './record.js';

/**
 * `oncall …` typed alone on a line records itself (a note, a run): it is not
 * recorded again as a typed command. A line that does more (`oncall note x &&
 * kubectl delete pod y`) is recorded.
 */
export function recordsItself(line: string): boolean {
  return /^\s*(?:command\s+|exec\s+|npx\s+)?(?:[^\s;&|]*\/)?oncall(?:[ \t][^;&|\n]*)?$/.test(line);
}

/** `exit` or `logout`: the end of the shell, not a command of the incident. */
const LEAVES = /^(?:exit|logout)(?:\s+\d+)?\s*$/;

/**
 * Whether a typed line may be recorded: not empty, not started with a space
 * (the HISTCONTROL=ignorespace convention: "keep this one to myself"), not
 * oncall's own, not the shell's end.
 */
export function mayRecord(line: string): boolean {
  return line.trim() !== '' && !/^\s/.test(line) && !recordsItself(line) && !LEAVES.test(line);
}

/** An event and the instant it happened (the shell's, not the recorder's). */
export interface TimedInput {
  input: EventInput;
  at: Date;
}

/** What only `oncall shell` knows of a finished command: its output and place in the recording. */
interface FinishedExtras {
  outputTail?: string;
  castRange?: { file: string; start: number; end: number };
}

/**
 * One terminal's typed commands, record by record. A command becomes
 * command.started when its S comes (or with its F, when the shell sends none:
 * bash) and command.finished with its F. fish numbers nothing: its S opens the
 * session's next run and the F that follows closes it.
 */
export class TypedCommands {
  private readonly runIds = new Map<number, string>();
  private lastSeq = 0;
  private openSeq: number | undefined;

  constructor(private readonly newRunId: () => string) {}

  /** The events one record says; none for a line that is not recorded. */
  take(record: ShellRecord, extras: FinishedExtras = {}): TimedInput[] {
    const seq = this.numbered(record);
    if (record.kind === 'X' || seq === undefined || !mayRecord(record.command)) return [];
    const out: TimedInput[] = [];
    let runId = this.runIds.get(seq);
    if (runId === undefined) {
      runId = this.newRunId();
      this.runIds.set(seq, runId);
      out.push({ input: startedInput(record, runId), at: new Date(startOf(record)) });
    }
    if (record.kind === 'F') {
      this.runIds.delete(seq);
      out.push({
        input: finishedInput(record, runId, extras),
        at: new Date(record.endMs ?? record.arrivedAtMs),
      });
    }
    return out;
  }

  /** The record's number in its session: its own, or (fish) the one its S opened. */
  private numbered(record: ShellRecord): number | undefined {
    if (record.kind === 'S') {
      const seq = record.seq ?? this.lastSeq + 1;
      this.openSeq = seq;
      return seq;
    }
    if (record.kind !== 'F') return undefined;
    const seq = record.seq ?? this.openSeq ?? this.lastSeq + 1;
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.openSeq = undefined;
    return seq;
  }
}

const startOf = (record: ShellRecord) => record.startMs ?? record.arrivedAtMs;

function startedInput(record: ShellRecord, runId: string): EventInput<'command.started'> {
  return {
    type: 'command.started',
    runId,
    argv: [record.command],
    shell: record.shell,
    via: 'shell',
    cwd: record.cwd,
  };
}

function finishedInput(
  record: ShellRecord,
  runId: string,
  extras: FinishedExtras,
): EventInput<'command.finished'> {
  return {
    type: 'command.finished',
    runId,
    exitCode: record.exitCode ?? null,
    durationMs: Math.max(0, Math.round(record.durationMs ?? 0)),
    outputTail: extras.outputTail ?? '',
    ...(record.pipestatus ? { pipestatus: record.pipestatus } : {}),
    ...(extras.castRange ? { castRange: extras.castRange } : {}),
  };
}
