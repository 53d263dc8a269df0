// A parsed runbook: what the parser produces and the walker consumes.
// Every step has a stable id (so editing a runbook never breaks a resume) and one kind.
import type { Severity } from '../incident/events.js';

export type StepKind = 'manual' | 'check' | 'run' | 'ask' | 'wait' | 'decide' | 'escalate';

/** What to offer when a command step fails; `ask` (the default) offers all of them. */
export type OnFailure = 'ask' | 'retry' | 'skip' | 'shell' | 'escalate' | 'abort';

export interface CommandSpec {
  /** Argument vector; `{{var}}` placeholders are replaced per argument, never re-split. */
  argv: string[];
  /** Set only when the step declares a shell: then argv is [script] and values are shell-quoted. */
  shell?: string;
  /** The command as written in the runbook, for showing to the responder. */
  source: string;
}

interface StepBase {
  id: string;
  kind: StepKind;
  title: string;
  /** The instruction text under the step heading (Markdown, commands excluded). */
  body: string;
  /** 1-based line of the step heading in the runbook file. */
  line: number;
  /** Where to go after this step; default: the next step in the file. */
  next?: string;
}

export interface ManualStep extends StepBase {
  kind: 'manual';
  /** Code blocks found in a plain-Markdown section: offered to run, shown in full, confirmed first. */
  commands: CommandSpec[];
}
export interface CheckStep extends StepBase {
  kind: 'check';
  command: CommandSpec;
  onFailure: OnFailure;
}
export interface RunStep extends StepBase {
  kind: 'run';
  command: CommandSpec;
  onFailure: OnFailure;
}
export interface AskStep extends StepBase {
  kind: 'ask';
  variable: string;
  prompt: string;
  secret: boolean;
}
export interface WaitStep extends StepBase {
  kind: 'wait';
  /** Countdown length, or the poll timeout when `until` is set. */
  seconds: number;
  /** Poll this read-only command until it exits 0, or until `seconds` pass. */
  until?: CommandSpec;
  intervalSeconds?: number;
}
export interface DecideStep extends StepBase {
  kind: 'decide';
  choices: { label: string; goto: string }[];
}
export interface EscalateStep extends StepBase {
  kind: 'escalate';
  /** Contact key from config or the runbook's contacts. */
  to: string;
  ask?: string;
}

export type Step =
  | ManualStep
  | CheckStep
  | RunStep
  | AskStep
  | WaitStep
  | DecideStep
  | EscalateStep;

export interface Runbook {
  id: string;
  title: string;
  services: string[];
  alerts: string[];
  severity?: Severity;
  /** Contact keys named by the runbook. */
  contacts: string[];
  /** Absolute path of the source file. */
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
  /** False for plain team Markdown walked as-is (sections become manual steps). */
  annotated: boolean;
  steps: Step[];
}
