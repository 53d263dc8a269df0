// A parsed runbook: what the parser produces and the walker consumes.
// Every step has a stable id (so editing a runbook never breaks a resume) and one kind.
import type { Severity } from '../incident/events.js';

export type StepKind = 'manual' | 'check' | 'run' | 'ask' | 'wait' | 'decide' | 'escalate';

/** What to offer when a command step fails; `ask` (the default) offers all of them. */
export type OnFailure = 'ask' | 'retry' | 'skip' | 'shell' | 'escalate' | 'abort';

/**
 * Where a placeholder sits, as the shell parser reports it: bare, inside "…",
 * inside '…', or in the body of a here-document that expands. A value is put
 * back into a script in the form that keeps it one argument in that context.
 */
export type Quoting = 'none' | 'double' | 'single' | 'heredoc';

/** A value the responder gives before a command runs. */
export interface Placeholder {
  /** The name answers are kept under: `<node-name>`, `$NODE_NAME`, `YOUR_NODE_NAME` are all `node-name`. */
  name: string;
  /** As the author wrote it (the first time): `<node-name>`, `{{ns}}`, `$NAMESPACE`, `YOUR_CLUSTER`. */
  text: string;
  /**
   * `angle` <x>, <<X>> or <free text: like x>; `braces` {{x}}, {x} or ${db-name};
   * `env` $X, ${X} or ${X?} (asked only when unset); `marker` YOUR_X, your-x,
   * CHANGEME or a filler like XXXX; `square` [x]; `example` a literal value the
   * step's text calls an example ("e.g. `web-1`"), asked with it as the default.
   */
  kind: 'angle' | 'braces' | 'env' | 'marker' | 'square' | 'example';
  /** For `env`: the variable as the shell knows it (`NAMESPACE`). */
  variable?: string;
  /**
   * A value the runbook gives as an example (`<end time: like 2026-01-01T00:00Z>`,
   * "for example `web-1`"): offered as the default, said to be the runbook's
   * example, never used without asking.
   */
  example?: string;
}

/** One occurrence of a placeholder in a command: the characters it replaces. */
export interface Slot {
  /** Index in `argv`. */
  arg: number;
  /** [start, end) in that argument. */
  start: number;
  end: number;
  /** The placeholder's `name`. */
  name: string;
  quoting: Quoting;
}

export interface CommandSpec {
  /** Argument vector, or [script] when `shell` is set. */
  argv: string[];
  /** Set when the command runs as a script: then argv is [script]. */
  shell?: string;
  /** The command as written in the runbook (prompt removed), for showing to the responder. */
  source: string;
  /** 1-based line in the runbook file where the command starts. */
  line?: number;
  /** Lines a console transcript shows after the command: shown dimmed, never run. */
  expectedOutput?: string;
  /** The text just before the command in its section ("Remove dangling images:"). */
  intro?: string;
  /**
   * The placeholders, in order of first use. Absent for annotated commands,
   * whose `{{name}}` placeholders are found per argument (command-text.ts).
   */
  placeholders?: Placeholder[];
  /** Where each placeholder occurs; absent like `placeholders`. */
  slots?: Slot[];
  /** The shell parser's words say it changes something (state.ts): confirmed by typing. */
  changesState?: boolean;
  /** The word the responder types to confirm a state-changing command (`drain`, `delete`). */
  verb?: string;
  /** The classifier knows every program in it and they only read: it runs with one key. */
  readOnly?: boolean;
  /**
   * The prompt it was typed at, when the prompt says where or how (`$mac`,
   * `(venv) $`, `admin@db1:~$`, `chef-repo $`): shown with the command, never
   * part of what runs.
   */
  prompt?: string;
  /**
   * It opens a program the responder then types into (psql, redis-cli,
   * `gpg --card-edit`, a shell in a pod): it needs the terminal.
   */
  interactive?: boolean;
  /**
   * What the runbook types inside that program, as written (its prompts, the
   * answers, what it prints): shown as instructions, never run by a shell,
   * never asked as placeholders.
   */
  inside?: string;
  /** Found in an inline code span of the step's text, not in a code block. */
  inline?: boolean;
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
  /** Code blocks found in a plain-Markdown section: offered one at a time, in the order written. */
  commands: CommandSpec[];
  /** Plain Markdown: the section's text after its last command, shown once the commands are dealt with. */
  closing?: string;
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
