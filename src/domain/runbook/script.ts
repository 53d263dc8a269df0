// A command's text -> the CommandSpec the walk runs: its placeholders and where
// they sit, whether it can run as an argument vector (one plain command: no
// shell at all) or needs a shell (and which), and whether it changes state.

import { classifyCommands } from './command-effect.js';
import { findPlaceholders, maskPlaceholders } from './placeholders.js';
import { hasError, parseShell, type ShNode } from './shell.js';
import { commandWords, needsBash, plainArgv, writesFiles } from './shell-words.js';
import type { CommandSpec, Slot } from './types.js';

interface ReadOptions {
  /** Plain Markdown (`{{x}}` in quotes is a template there), or an annotated step. */
  plain: boolean;
  /** The shell the step declares (`shell: bash`): the command always runs as a script with it. */
  shell?: string;
  /** The shell the block's language names, for when the command needs one. */
  preferredShell?: string;
  /** Values the step's text calls examples: asked for where the command holds them. */
  examples?: readonly string[];
}

interface ReadCommand {
  spec: CommandSpec;
  /** The parser found an error: the command is offered as written, lint says so. */
  syntaxError: boolean;
  /** Placeholders left as written, and why. */
  ignored: string[];
  /** What lint says about a placeholder it asks. */
  notes: string[];
}

/** The shell a block's language names, when it names one. */
export function shellOfLang(lang: string): string | undefined {
  if (lang === 'bash' || lang === 'zsh' || lang === 'ksh') return lang;
  return lang === 'sh' ? 'sh' : undefined;
}

type Effect = Pick<CommandSpec, 'changesState' | 'readOnly' | 'verb'>;

function effectFields(root: ShNode, text: string): Effect {
  const effect = classifyCommands(commandWords(root, text), writesFiles(root, text));
  return {
    changesState: effect.effect === 'changes',
    ...(effect.effect === 'reads' ? { readOnly: true } : {}),
    ...(effect.effect === 'changes' && effect.verb ? { verb: effect.verb } : {}),
  };
}

/** Whether a command (an annotated step's, or one the responder edited) changes state. */
export function effectOf(script: string): Effect {
  const { masked } = maskPlaceholders(script);
  return effectFields(parseShell(masked), masked);
}

/** Reads one command as written (prompt already removed). */
export function readCommand(script: string, options: ReadOptions): ReadCommand {
  const { masked, candidates } = maskPlaceholders(script, options.examples);
  const root = parseShell(masked);
  const found = findPlaceholders(script, masked, root, candidates, options);
  const base = { source: script, placeholders: found.placeholders, ...effectFields(root, masked) };
  const argv = options.shell ? undefined : plainArgv(root, masked);
  const inArgv =
    argv &&
    !found.slots.some(
      (s) => s.name && found.placeholders.find((p) => p.name === s.name)?.kind === 'env',
    )
      ? argvSlots(argv, script, masked, candidates, found.slots)
      : undefined;
  const spec: CommandSpec = inArgv
    ? { argv: inArgv.argv, slots: inArgv.slots, ...base }
    : {
        argv: [script],
        shell:
          options.shell ?? (needsBash(root, masked) ? 'bash' : (options.preferredShell ?? 'sh')),
        slots: found.slots,
        ...base,
      };
  return { spec, syntaxError: hasError(root), ignored: found.ignored, notes: found.notes };
}

/**
 * The argument vector with every masked placeholder put back as written, and
 * each kept slot's place in its argument (a value then replaces exactly those
 * characters of that one argument).
 */
function argvSlots(
  maskedArgv: string[],
  script: string,
  masked: string,
  candidates: { start: number; end: number; text: string }[],
  kept: Slot[],
): { argv: string[]; slots: Slot[] } | undefined {
  const slots: Slot[] = [];
  const argv = maskedArgv.map((word, arg) => {
    let out = '';
    let rest = word;
    for (;;) {
      const hit = firstHit(rest, masked, candidates, kept, script);
      if (!hit) return out + rest;
      out += rest.slice(0, hit.at);
      const slot = kept.find((s) => s.start === hit.start);
      if (slot) slots.push({ ...slot, arg, start: out.length, end: out.length + hit.text.length });
      out += hit.text;
      rest = rest.slice(hit.at + hit.masked.length);
    }
  });
  return slots.length === kept.length ? { argv, slots } : undefined;
}

/** The first masked placeholder (or marker) in `word`: where, and what it stands for. */
function firstHit(
  word: string,
  masked: string,
  candidates: { start: number; end: number; text: string }[],
  kept: Slot[],
  script: string,
): { at: number; start: number; masked: string; text: string } | undefined {
  const all = [
    ...candidates.map((c) => ({
      start: c.start,
      masked: masked.slice(c.start, c.end),
      text: c.text,
    })),
    ...kept
      .filter((s) => !candidates.some((c) => c.start === s.start))
      .map((s) => ({
        start: s.start,
        masked: masked.slice(s.start, s.end),
        text: script.slice(s.start, s.end),
      })),
  ];
  let best: { at: number; start: number; masked: string; text: string } | undefined;
  for (const c of all) {
    const at = word.indexOf(c.masked);
    if (at >= 0 && (!best || at < best.at)) best = { at, ...c };
  }
  return best;
}
