// `oncall runbook show --json`: the parsed runbook as data, so a team can check
// in CI exactly what `oncall` will offer: each command as it will be shown, its
// expected output, its placeholders and whether it changes state.
import { placeholdersOf } from './command-text.js';
import { commandsOf } from './steps.js';
import type { CommandSpec, Runbook } from './types.js';

interface CommandJson {
  line: number | null;
  script: string;
  shell: string | null;
  expectedOutput: string | null;
  placeholders: { name: string; text: string; kind: string; example?: string }[];
  changesState: boolean;
  readOnly: boolean;
  /** The prompt it was typed at, when it says where (`$mac`, `(venv) $`). */
  prompt: string | null;
  /** What is typed inside the program it opens: shown, never run. */
  inside: string | null;
  interactive: boolean;
  /** Found in an inline code span of the text. */
  inline: boolean;
}

function commandJson(spec: CommandSpec): CommandJson {
  return {
    line: spec.line ?? null,
    script: spec.source,
    shell: spec.shell ?? null,
    expectedOutput: spec.expectedOutput ?? null,
    placeholders: placeholdersOf(spec).map(({ name, text, kind, example }) => ({
      name,
      text,
      kind,
      ...(example !== undefined ? { example } : {}),
    })),
    changesState: spec.changesState ?? false,
    readOnly: spec.readOnly ?? false,
    prompt: spec.prompt ?? null,
    inside: spec.inside ?? null,
    interactive: spec.interactive ?? false,
    inline: spec.inline ?? false,
  };
}

export function runbookJson(runbook: Runbook) {
  return {
    id: runbook.id,
    title: runbook.title,
    file: runbook.file,
    annotated: runbook.annotated,
    steps: runbook.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      title: step.title,
      line: step.line,
      commands: commandsOf(step).map(commandJson),
    })),
  };
}
