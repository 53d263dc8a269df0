// Commands as a reader wants them: the same command with the same result is
// one line however often it ran (a wait step's polls, a check typed again and
// again: `curl …/healthz` failed ×7, last 03:12), and a command that changed
// something (a rollback, a restart, a scale) is told apart from one that only
// looked. Pure: one pass over the runs, a map by what makes two runs "the same".

import { commandText } from '../incident/command-line.js';
import type { CommandRun } from '../incident/fold.js';
import { localClock } from '../incident/time.js';
import { classifyCommands } from '../runbook/command-effect-words.js';
import { codeSpan } from '../text/markdown.js';
import { commandFailed, commandResult } from './describe.js';

/** Runs of one command with one result, collapsed. */
export interface RunGroup {
  /** The command as typed (full). */
  command: string;
  /** How many times it ran with this result. */
  count: number;
  first: CommandRun;
  /** The latest run: its time, result and output stand for the group. */
  last: CommandRun;
  /** It changes something (kubectl set image, helm rollback, systemctl restart…). */
  changes: boolean;
  /** Its result is a failure (not a drill, finished, not exit 0). */
  failed: boolean;
}

/** exit 0 · exit 22 · interrupted · SIGTERM · running · drill: what makes two results the same. */
function resultClass(run: CommandRun): string {
  if (run.drill) return 'drill';
  if (run.finishedAt === undefined) return 'running';
  if (run.interrupted) return 'interrupted';
  if (run.signal) return run.signal;
  return `exit ${run.exitCode ?? '?'}`;
}

/** The words of a shell script, roughly (`;`, `&&`, `|` split commands): enough to tell a change. */
function scriptCommands(script: string): string[][] {
  return script
    .split(/;|&&|\|\||\||\n/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
}

/**
 * What each command (as given: a script or argv) was found to do, by its words:
 * a night runs the same few commands thousands of times, each its own run.
 * Emptied when full: a night of distinct commands costs what it did before.
 */
const changesByCommand = new Map<string, boolean>();
const COMMANDS_KEPT = 1 << 16;

/** True when the command changes something (the walk's own rule: runbook/command-effect). */
export function changesSomething(run: CommandRun): boolean {
  // The words joined by NUL, which no argument can hold: one key per command, made without JSON.
  const key = `${run.shell ? 's' : 'a'}${run.argv.join('\u0000')}`;
  let changes = changesByCommand.get(key);
  if (changes === undefined) {
    const words = run.shell ? run.argv.flatMap(scriptCommands) : [run.argv];
    changes = classifyCommands(words, false).effect === 'changes';
    if (changesByCommand.size >= COMMANDS_KEPT) changesByCommand.clear();
    changesByCommand.set(key, changes);
  }
  return changes;
}

/**
 * The runs collapsed by command and result, in the order of each group's
 * latest run (what happened last comes last).
 */
export function groupRuns(runs: readonly CommandRun[]): RunGroup[] {
  const groups: RunGroup[] = [];
  const byKey = new Map<string, number>();
  // Where each group's latest run is in `runs`: the groups are put in that order at the end
  // (moving a group to the map's end at each repeat cost a long night's thousands of polls).
  const latest: number[] = [];
  runs.forEach((run, at) => {
    const command = commandText(run);
    const key = `${command}\u0000${resultClass(run)}`;
    let i = byKey.get(key);
    if (i === undefined) {
      i =
        groups.push({
          command,
          count: 1,
          first: run,
          last: run,
          changes: changesSomething(run),
          failed: commandFailed(run),
        }) - 1;
      byKey.set(key, i);
    } else {
      const group = groups[i] as RunGroup;
      group.count += 1;
      group.last = run;
    }
    latest[i] = at;
  });
  const order = groups
    .map((_, i) => i)
    .sort((a, b) => (latest[a] as number) - (latest[b] as number));
  return order.map((i) => groups[i] as RunGroup);
}

/**
 * A group in words: `` `cmd` → exit 0 (4s) `` once; `` `cmd` failed ×7 (exit 22), last 03:12 ``
 * when it repeated.
 */
export function groupText(group: RunGroup, tz: string): string {
  const result = commandResult(group.last);
  if (group.count === 1) return `${codeSpan(group.command)} → ${result}`;
  return repeatedText(group, tz, group.command, result);
}

/** A group in phone words: the short command, the result without its duration. */
export function phoneGroupText(group: RunGroup, tz: string): string {
  // A repeat says more after its command (failed ×7 (exit 22), last 03:12): its command is shorter.
  const shown = shortCommand(group.last, group.count === 1 ? 40 : 34);
  const result = commandResult(group.last).replace(/ \([^)]*\)$/, '');
  if (group.count === 1) return `${codeSpan(shown)} → ${result}`;
  return repeatedText(group, tz, shown, result);
}

function repeatedText(group: RunGroup, tz: string, shown: string, result: string): string {
  const last = localClock(group.last.startedAt, tz);
  if (group.failed) {
    const why = result.replace(/^failed, /, '').replace(/ \([^)]*\)$/, '');
    return `${codeSpan(shown)} failed ×${group.count} (${why}), last ${last}`;
  }
  return `${codeSpan(shown)} ×${group.count} → ${result.replace(/ \([^)]*\)$/, '')}, last ${last}`;
}

const OPTION_VALUE = /^(?:-[a-zA-Z]|--[a-z][\w-]*)$/;
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);

/**
 * A long last word by its most telling part: a URL, an image or a path by
 * what follows its last `/`; words with blanks in them (a script) by their start.
 */
function tailOf(word: string, max: number): string {
  if (word.length > max && /\s/.test(word)) return `${word.slice(0, max - 1).trimEnd()}…`;
  const bare = word.replace(/^[a-z][\w+.-]*:\/\//i, '').replace(/^[\w.-]+=/, '');
  if (bare.length <= max) return bare;
  const slash = bare.lastIndexOf('/', bare.length - 2);
  const after = slash >= 0 ? bare.slice(slash + 1) : '';
  if (after && after.length <= max) return after;
  return `…${bare.slice(bare.length - max + 1)}`;
}

/** The words that say what ran: a shell script's first command (`sh -c 'curl …; …'` is curl). */
function wordsOf(run: Pick<CommandRun, 'argv' | 'shell'>): string[] {
  const [program = '', ...args] = run.argv;
  const name = program.split('/').pop() ?? program;
  const script = run.shell ? program : SHELLS.has(name) ? args[args.indexOf('-c') + 1] : undefined;
  if (script === undefined || (!run.shell && !args.includes('-c'))) return run.argv;
  const first = script.split(/;|&&|\|\||\||\n/)[0] ?? '';
  // Quoted words stay whole (`echo "HTTP/1.1 503"` is two words, not three).
  return first.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
}

/**
 * A command short enough for a phone line: the program, the words that say
 * what it does (`set image`, `rollout undo`), and the end of its last word
 * (the image tag, the URL's path). As typed when it fits.
 */
export function shortCommand(run: Pick<CommandRun, 'argv' | 'shell'>, max = 40): string {
  const full = commandText(run);
  if (full.length <= max) return full;
  const [program = '', ...rest] = wordsOf(run);
  // A quoted last word (a script's message) is shortened inside its quotes, which go.
  const last = (rest.at(-1) ?? '').replace(/^(["'])(.*)\1$/, '$2');
  const verbs: string[] = [];
  for (let i = 0; i < rest.length - 1 && verbs.length < 2; i++) {
    const w = rest[i] as string;
    if (w.startsWith('-')) {
      // An option that takes a value (`-n web`, `--namespace web`): its value is no verb.
      const value = rest[i + 1] ?? '';
      if (OPTION_VALUE.test(w) && !value.startsWith('-') && /^[\w.-]+$/.test(value)) i++;
      continue;
    }
    if (/^[a-z][\w-]*$/.test(w) && w.length <= 12) verbs.push(w);
    else break;
  }
  const name = tailOf(program.split('/').pop() || program, 16);
  // As many of its verbs as leave room for the end of its last word.
  for (let kept = verbs.length; kept >= 0; kept--) {
    const head = [name, ...verbs.slice(0, kept)].join(' ');
    const room = max - head.length - 3;
    if (!last) return `${head} …`;
    if (room >= Math.min(12, last.length) || kept === 0)
      return `${head} … ${tailOf(last, Math.max(4, room))}`;
  }
  return name;
}
