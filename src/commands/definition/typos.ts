// A mistyped command or flag at 2am gets the nearest name and the whole line
// to type instead (`oncall nots "db slow"` -> `oncall note 'db slow'`); a
// flag meant for the command `oncall run` runs gets the `--` it needs. Read
// from the same definitions commander and the note fast path parse with, and
// used by both, so a slip reads the same wherever it is made. No commander here.
import { nearest } from '../../domain/text/nearest.js';
import type { CommandDefinition, FlagSpec, FlagSpecs, ListFlag, StringFlag } from './define.js';
import { programDefinition } from './program.js';

/** A command as typed after `oncall`: its definition, or the subcommands of a group. */
export interface TypedCommand {
  readonly name: string;
  readonly definition?: CommandDefinition;
  readonly subcommands?: readonly TypedCommand[];
  /** The subcommand a group runs when none is named (`oncall outbox` lists). */
  readonly default?: string;
}

/** Words as a person would type them again: quoted only when the shell would need it. */
function lineOf(words: readonly string[]): string {
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return ['oncall', ...words].map(quote).join(' ');
}

/** How a flag is typed: `--no-input` for a negated one. */
const typedName = (name: string, spec: FlagSpec) =>
  spec.type === 'negated' ? `--no-${name}` : `--${name}`;

const HELP: FlagSpecs = { help: { type: 'boolean', short: 'h', description: 'help' } };

interface FlagsTyped {
  /** The first word that is no flag of the command, and where it is. */
  unknown?: { word: string; at: number };
  /** Where the first argument (a word that is not a flag) is, if one came before it. */
  firstArgument?: number;
  /** Where each argument is (when every flag was known). */
  positions: number[];
}

/** One flag word: known (and how many words it takes), or not. */
function knownFlag(word: string, flags: FlagSpecs): { takes: number } | undefined {
  const [head = '', value] = word.split(/=(.*)/s);
  for (const [name, spec] of Object.entries(flags)) {
    const long = head === typedName(name, spec);
    const short = spec.type !== 'negated' && spec.short && head.startsWith(`-${spec.short}`);
    if (!long && !short) continue;
    const takesValue = spec.type === 'string' || spec.type === 'list';
    // `-kfinding`, `--kind=finding`: the value is in the word.
    const inWord = value !== undefined || (short && head.length > 2);
    if (short && !long && !takesValue && head.length > 2) continue;
    return { takes: takesValue && !inWord ? 1 : 0 };
  }
  return undefined;
}

/** The words after a command, read against its flags as both parsers read them. */
function readFlags(words: readonly string[], flags: FlagSpecs): FlagsTyped {
  const positions: number[] = [];
  for (let at = 0; at < words.length; at++) {
    const word = words[at] ?? '';
    if (word === '--') {
      for (let rest = at + 1; rest < words.length; rest++) positions.push(rest);
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positions.push(at);
      continue;
    }
    const known = knownFlag(word, flags);
    const [firstArgument] = positions;
    if (!known) {
      return {
        unknown: { word, at },
        ...(firstArgument !== undefined ? { firstArgument } : {}),
        positions,
      };
    }
    at += known.takes;
  }
  return { positions };
}

/** The flags a command takes: its own, the global ones and help. */
function flagsOf(definition: CommandDefinition): FlagSpecs {
  return { ...programDefinition.flags, ...definition.flags, ...HELP };
}

/**
 * What to say about a flag `oncall <path>` does not take, in `words` (what
 * follows the path); undefined when every flag is known.
 */
export function flagHint(
  definition: CommandDefinition,
  path: readonly string[],
  words: readonly string[],
  before: readonly string[] = [],
): string | undefined {
  const flags = flagsOf(definition);
  const { unknown, firstArgument, positions } = readFlags(words, flags);
  if (!unknown) return extraWordsHint(definition, path, words, positions, before);
  const command = `\`oncall ${path.join(' ')}\``;
  const said = `unknown option '${unknown.word.split('=')[0]}' for ${command}`;
  const nearNames = near(unknown.word, flags);
  const variadic = definition.arguments?.some((a) => a.variadic) === true;
  // `oncall run kubectl -n x`: the flag is the command's own, and `--` says so;
  // `oncall note -5% errors`: the text's.
  const isRun = definition.name === 'run';
  const textLike = !nearNames.length && !unknown.word.startsWith('--');
  if (variadic && (isRun ? firstArgument !== undefined : textLike)) {
    const from = firstArgument ?? unknown.at;
    const fixed = [...before, ...path, ...words.slice(0, from), '--', ...words.slice(from)];
    const whose = isRun ? 'the command' : 'the text';
    return `${said}: put \`--\` before ${whose}, so its words are not read as oncall's: \`${lineOf(fixed)}\``;
  }
  const [best] = nearNames;
  if (!best) return `${said}. See \`oncall ${path.join(' ')} --help\` for its options.`;
  const fixed = [
    ...before,
    ...path,
    ...words.slice(0, unknown.at),
    ...meantWords(unknown.word, best, flags),
    ...words.slice(unknown.at + 1),
  ];
  return `${said}: did you mean ${best}? Type: \`${lineOf(fixed)}\``;
}

/**
 * The flag meant, as typed again: with the value given with `=`, or glued to
 * it (`--sev2` -> `--sev 2`, `--at10m` -> `--at 10m`).
 */
function meantWords(word: string, best: string, flags: FlagSpecs): string[] {
  if (word.includes('=')) return [`${best}${word.slice(word.indexOf('='))}`];
  const spec = flags[best.replace(/^--/, '')];
  const glued = word.replace(/^-+/, '').slice(best.replace(/^--/, '').length);
  const takes = spec?.type === 'string' || spec?.type === 'list';
  const startsSo = word.replace(/^-+/, '').toLowerCase().startsWith(best.replace(/^--/, ''));
  return takes && startsSo && /^[0-9A-Z]/.test(glued) ? [best, glued] : [best];
}

/**
 * More words than the command takes (`oncall sev 1 EU down`): the extra ones
 * are most likely the text its one text flag takes (`--reason 'EU down'`).
 */
function extraWordsHint(
  definition: CommandDefinition,
  path: readonly string[],
  words: readonly string[],
  positions: readonly number[],
  before: readonly string[],
): string | undefined {
  const specs = definition.arguments ?? [];
  if (specs.some((a) => a.variadic) || positions.length <= specs.length) return undefined;
  const extra = positions.slice(specs.length);
  const extraWords = extra.map((at) => words[at] ?? '');
  const kept = words.filter((_, at) => !extra.includes(at) && words[at] !== '--');
  const takes = specs.length ? specs.map((a) => `<${a.name}>`).join(' ') : 'no words';
  const said = `too many words for \`oncall ${path.join(' ')}\`: it takes ${takes}, and '${extraWords.join(' ')}' ${extraWords.length === 1 ? 'is' : 'are'} extra`;
  // One word is most likely a person (`--to bob`), several a text (`--reason 'EU down'`).
  const flags = Object.entries(definition.flags ?? {});
  const wanted = extraWords.length === 1 ? ['who', 'text'] : ['text'];
  const flag = wanted
    .map((value) => flags.find(([, spec]) => spec.type === 'string' && spec.value === value))
    .find((f) => f !== undefined);
  if (!flag) return `${said}. Type: \`${lineOf([...before, ...path, ...kept])}\``;
  const fixed = [...before, ...path, ...kept, `--${flag[0]}`, extraWords.join(' ')];
  return `${said}: did you mean \`${lineOf(fixed)}\`?`;
}

/** The typed names of the flags nearest to `word`. */
function near(word: string, flags: FlagSpecs): string[] {
  const names = Object.entries(flags).map(([name, spec]) => typedName(name, spec));
  return nearest(word.split('=')[0] ?? word, names);
}

/**
 * Global flags before the command (`--incident <id>`), skipped to find the
 * command's word; or the first flag there that is no global one.
 */
function commandIndex(args: readonly string[]): { at: number } | { unknown: number } | undefined {
  for (let at = 0; at < args.length; at++) {
    const word = args[at] ?? '';
    if (!word.startsWith('-')) return { at };
    const known = knownFlag(word, { ...programDefinition.flags, ...HELP });
    if (!known) return { unknown: at };
    at += known.takes;
  }
  return undefined;
}

/**
 * What to say about `oncall <args>` when commander refused it: the command
 * that was meant, or the flag; undefined when it is neither (commander's own
 * message then stands).
 */
export function typoHint(
  args: readonly string[],
  commands: readonly TypedCommand[],
): string | undefined {
  const where = commandIndex(args);
  if (!where) return undefined;
  if ('unknown' in where) return globalFlagHint(args, where.unknown);
  const { at } = where;
  const before = args.slice(0, at);
  const typed = args[at] ?? '';
  const found = commands.find((c) => c.name === typed);
  if (!found) return commandHint(typed, commands, before, [], args.slice(at + 1));
  if (found.subcommands) {
    const sub = args[at + 1];
    const inner = found.subcommands.find((c) => c.name === sub);
    if (sub === undefined || sub.startsWith('-')) {
      // `oncall outbox --jsn`: the flag of the subcommand the group runs by itself.
      const implied = found.subcommands.find((c) => c.name === found.default)?.definition;
      return implied && flagHint(implied, [found.name], args.slice(at + 1), before);
    }
    if (!inner)
      return commandHint(sub, found.subcommands, before, [found.name], args.slice(at + 2));
    return (
      inner.definition && flagHint(inner.definition, [found.name, sub], args.slice(at + 2), before)
    );
  }
  return found.definition && flagHint(found.definition, [typed], args.slice(at + 1), before);
}

/** `oncall --incidnet x status`: a flag before the command that oncall itself does not take. */
function globalFlagHint(args: readonly string[], at: number): string {
  const word = args[at] ?? '';
  const said = `unknown option '${word.split('=')[0]}'`;
  const [best] = near(word, { ...programDefinition.flags, ...HELP });
  if (!best)
    return `${said}: oncall itself takes --incident <id>; a command's own flags go after its name. See \`oncall --help\`.`;
  const value = word.includes('=') ? word.slice(word.indexOf('=')) : '';
  const fixed = [...args.slice(0, at), `${best}${value}`, ...args.slice(at + 1)];
  return `${said}: did you mean ${best}? Type: \`${lineOf(fixed)}\``;
}

/** `oncall nots "db slow"`: the nearest command, and the line with it. */
export function commandHint(
  typed: string,
  commands: readonly TypedCommand[],
  before: readonly string[],
  path: readonly string[],
  rest: readonly string[],
): string {
  const names = commands.map((c) => c.name);
  const said = `unknown command '${[...path, typed].join(' ')}'`;
  const best = nearest(typed, names);
  if (!best.length) {
    return `${said}. The commands: ${names.join(', ')} (\`oncall ${[...path, ''].join(' ')}--help\` says what each does).`;
  }
  const lines = best
    .slice(0, 2)
    .map((name) => `\`${lineOf([...before, ...path, name, ...rest])}\``);
  return `${said}: did you mean ${lines.join(' or ')}?`;
}

/** The command `args` name (a group's subcommand too), the words before it and after it. */
function located(
  args: readonly string[],
  commands: readonly TypedCommand[],
):
  | { definition: CommandDefinition; path: string[]; before: string[]; words: string[] }
  | undefined {
  const where = commandIndex(args);
  if (!where || 'unknown' in where) return undefined;
  const before = args.slice(0, where.at);
  const found = commands.find((c) => c.name === args[where.at]);
  if (!found) return undefined;
  if (found.definition) {
    const words = args.slice(where.at + 1);
    return { definition: found.definition, path: [found.name], before, words };
  }
  const inner = found.subcommands?.find((c) => c.name === args[where.at + 1]);
  const sub = inner ?? found.subcommands?.find((c) => c.name === found.default);
  if (!sub?.definition) return undefined;
  const path = inner ? [found.name, sub.name] : [found.name];
  return { definition: sub.definition, path, before, words: args.slice(where.at + path.length) };
}

/** `oncall <args>` came without what its command needs: see missingIn. */
export function missingHint(
  args: readonly string[],
  commands: readonly TypedCommand[],
): string | undefined {
  const at = located(args, commands);
  if (at) return missingIn(at.definition, at.path, at.words, at.before);
  // `oncall --incident`: oncall's own flag, last, without its value.
  const [name, spec] =
    Object.entries(programDefinition.flags).find(([n]) => args.at(-1) === `--${n}`) ?? [];
  if (!name || !spec || !takesValue(spec)) return undefined;
  const line = `${lineOf(args.slice(0, -1))} --${name} <${spec.value}> <command>`;
  return `--${name} needs <${spec.value}>: ${spec.description}. Type: \`${line}\``;
}

const takesValue = (spec: FlagSpec): spec is StringFlag | ListFlag =>
  spec.type === 'string' || spec.type === 'list';

/**
 * What to say when `oncall <path> <words>` came without what it needs
 * (`oncall impact`, `oncall escalate --to`): what is missing, what it is, and
 * the line to type with a place for it. Undefined when nothing is missing.
 */
export function missingIn(
  definition: CommandDefinition,
  path: readonly string[],
  words: readonly string[],
  before: readonly string[] = [],
): string | undefined {
  const command = `\`oncall ${path.join(' ')}\``;
  const flags = flagsOf(definition);
  // A flag that takes a value, last, with none after it.
  const last = words.at(-1) ?? '';
  const flag = Object.entries(flags).find(
    ([name, spec]) =>
      takesValue(spec) && (last === `--${name}` || (spec.short && last === `-${spec.short}`)),
  );
  if (flag && takesValue(flag[1])) {
    const [name, spec] = flag;
    const line = `${lineOf([...before, ...path, ...words.slice(0, -1)])} --${name} <${spec.value}>`;
    return `--${name} in ${command} needs <${spec.value}>: ${spec.description}. Type: \`${line}\``;
  }
  const { positions } = readFlags(words, flags);
  const spec = (definition.arguments ?? []).filter((a) => a.required)[positions.length];
  if (!spec) return undefined;
  // `oncall run` takes a command after `--`; a text is one quoted argument.
  const isRun = definition.name === 'run';
  const placeholder = spec.variadic && !isRun ? `"<${spec.name}>"` : `<${spec.name}>`;
  const dashes = isRun && !words.includes('--') ? '-- ' : '';
  const line = `${lineOf([...before, ...path, ...words])} ${dashes}${placeholder}`;
  return `${command} needs <${spec.name}>: ${spec.description}. Type: \`${line}\``;
}
