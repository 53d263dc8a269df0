// What the commands printed, as evidence for the supporting information (the
// postmortem, `timeline --md`): each distinct output once (a check polled
// seven times that printed the same 503 body is one block saying ×7), its
// tail cut to a readable size, every line made safe, in a fence no line of it
// can close. The output was redacted when it was recorded; the texts that
// carry it are redacted again as a whole before they are written.

import { commandText } from '../incident/command-line.js';
import type { CommandRun } from '../incident/fold.js';
import { utcDateTime } from '../incident/time.js';
import { ellipsized } from '../text/graphemes.js';
import { codeSpan, markdownReady } from '../text/markdown.js';
import { safeLine } from '../text/terminal-safe.js';
import { commandResult } from './describe.js';

/** Lines kept of one output (its end: where the error is). */
const TAIL_LINES = 15;
/** Characters kept of one line. */
const LINE_CHARS = 240;
/** Outputs shown; the rest are counted. */
const MOST_OUTPUTS = 30;

interface Evidence {
  /** `curl -sS … /healthz`, in full, as inline code. */
  command: string;
  /** failed, exit 22 (1s) */
  result: string;
  /** How many runs printed exactly this. */
  count: number;
  /** 2026-03-12 02:14 UTC (the first run), and the last when it repeated. */
  first: string;
  last?: string;
  /** A fence longer than any run of backticks in the lines. */
  fence: string;
  lines: string[];
  /** Lines left out above the kept ones. */
  cut: number;
}

function block(run: CommandRun, output: string): Evidence {
  // trimEnd, as tail() does: the same blanks, in time linear in a long run of them.
  const all = output.trimEnd().split('\n');
  const kept = all.slice(-TAIL_LINES).map((l) => {
    const line = safeLine(l.trimEnd());
    return ellipsized(line, LINE_CHARS);
  });
  const longest = Math.max(
    2,
    ...kept.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))),
  );
  return {
    command: codeSpan(safeLine(commandText(run))),
    result: commandResult(run),
    count: 1,
    first: utcDateTime(run.startedAt),
    fence: '`'.repeat(longest + 1),
    lines: kept,
    cut: all.length - kept.length,
  };
}

/** Each distinct (command, output) once, in the order first seen; how many more there were. */
export function evidenceOf(commands: readonly CommandRun[]): { outputs: Evidence[]; more: number } {
  const outputs: Evidence[] = [];
  // The kept outputs by their command, each with what it printed: a run is matched by its command
  // first, and its output compared only with what that command printed. A key of command and
  // output hashed every output of a night whose commands each printed something else.
  const byCommand = new Map<string, { output: string; evidence: Evidence }[]>();
  let more = 0;
  for (const run of commands) {
    const output = run.outputTail;
    if (output === undefined || !SOMETHING.test(output)) continue;
    const command = commandText(run);
    const kept = byCommand.get(command);
    const known = kept?.find((k) => k.output === output)?.evidence;
    if (known) {
      known.count += 1;
      known.last = utcDateTime(run.startedAt);
      known.result = commandResult(run);
    } else if (outputs.length < MOST_OUTPUTS) {
      const evidence = block(run, output);
      outputs.push(evidence);
      if (kept) kept.push({ output, evidence });
      else byCommand.set(command, [{ output, evidence }]);
    } else more += 1;
  }
  // Markdown as it is: each command a code span, each output in a fence its lines cannot close.
  return markdownReady({ outputs, more });
}

/** An output that is not only blanks. */
const SOMETHING = /\S/;

/** The evidence as Markdown lines (for `timeline --md`, which prints no template). */
export function* evidenceMarkdown(evidence: ReturnType<typeof evidenceOf>): Generator<string> {
  for (const e of evidence.outputs) {
    const times = e.count > 1 ? `×${e.count}, ${e.first} to ${e.last}` : e.first;
    yield '';
    yield `${e.command} → ${e.result} (${times}):`;
    yield '';
    yield `${e.fence}text`;
    if (e.cut) yield `(cut: ${e.cut} earlier lines)`;
    yield* e.lines;
    yield e.fence;
  }
  if (evidence.more) {
    yield '';
    yield `${evidence.more} more outputs are in the log (\`oncall export --json\`).`;
  }
}
