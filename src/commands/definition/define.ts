// One typed definition per command: its name, description, arguments and
// flags. Commander's registration (commander.ts), the note fast path's
// parseArgs (parse-args.ts) and the command's options type (OptionsOf) are all
// derived from it, so a renamed flag fails to compile instead of at 2am.
// No commander here: the note fast path loads this module.
import { nearest } from '../../domain/text/nearest.js';
import { UsageError } from '../../errors.js';

/** Turns the typed text into the value the command gets; throws a UsageError naming `label`. */
type Parse<T> = (text: string, label: string) => T;

/** `--title <text>`: a value. */
export interface StringFlag {
  readonly type: 'string';
  /** What the value is called in help: the `text` of `--title <text>`. */
  readonly value: string;
  readonly description: string;
  /** One letter: `-k` for `--kind`. */
  readonly short?: string;
  /** Shown in help and checked (unless `parse` takes over the checking). */
  readonly choices?: readonly string[];
  readonly default?: string;
  readonly parse?: Parse<unknown>;
  /**
   * What an empty value (`--impact ''`) means, for a flag where it means
   * something (the command then gets ''); shown in help. Without it an empty
   * value is refused: a script's unset variable must not silently become
   * "flag not given" (`--incident "$ID"` writing to the active incident).
   */
  readonly emptyMeans?: string;
}

/** `--json`: on when given. */
export interface BooleanFlag {
  readonly type: 'boolean';
  readonly description: string;
  readonly short?: string;
}

/** `--no-input`: true unless `--no-<name>` is given (the key is the name without `no-`). */
interface NegatedFlag {
  readonly type: 'negated';
  readonly description: string;
}

/** `--label k=v --label k2=v2`: a value each time it is given (none: an empty list). */
export interface ListFlag {
  readonly type: 'list';
  readonly value: string;
  readonly description: string;
  readonly short?: undefined;
}

export type FlagSpec = StringFlag | BooleanFlag | NegatedFlag | ListFlag;
/** Keyed by the long flag name, kebab-case as typed (`started-at`, `ruled-out`). */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export interface ArgumentSpec {
  /** As shown in help: `<text...>`. */
  readonly name: string;
  /** The options property it lands in, when not `name` (e.g. `runbookArg`: `--runbook` is a flag too). */
  readonly key?: string;
  readonly description: string;
  readonly required: boolean;
  /** Takes the rest of the words; the value is a list. */
  readonly variadic?: boolean;
  readonly parse?: Parse<unknown>;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  /** Not listed in help: started by oncall itself, not typed (`capture record`). */
  readonly hidden?: boolean;
  readonly arguments?: readonly ArgumentSpec[];
  readonly flags?: FlagSpecs;
}

/** A command that only groups subcommands (`oncall runbook list|show|lint|new`). */
export interface GroupDefinition {
  readonly name: string;
  readonly description: string;
  /** The subcommand that runs when none is named (`oncall outbox` lists). */
  readonly default?: string;
}

/** Identity at runtime; `const` keeps every name and choice literal for OptionsOf. */
export function defineCommand<const D extends CommandDefinition>(definition: D): D {
  return definition;
}

export function defineGroup<const D extends GroupDefinition>(definition: D): D {
  return definition;
}

// ── the types a definition implies ──────────────────────────────────────────

/** `started-at` -> `startedAt`: the property commander and the command use. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

type Parsed<S, Otherwise> = S extends { parse: Parse<infer T> } ? T : Otherwise;

/** Absent flags are present keys holding undefined: a renamed flag then fails to compile downstream. */
type FlagValue<F> = F extends ListFlag
  ? string[]
  : F extends NegatedFlag
    ? boolean
    : F extends BooleanFlag
      ? boolean | undefined
      :
          | Parsed<F, F extends { choices: readonly (infer C)[] } ? C : string>
          | (F extends { default: string } ? never : undefined);

export type FlagValues<F> = { -readonly [K in keyof F & string as CamelCase<K>]: FlagValue<F[K]> };

type ArgumentValue<A> = A extends { variadic: true }
  ? string[]
  : Parsed<A, string> | (A extends { required: true } ? never : undefined);
type ArgumentKey<A> = A extends { key: infer K extends string }
  ? K
  : A extends { name: infer N extends string }
    ? N
    : never;

export type ArgumentValues<As> = As extends readonly ArgumentSpec[]
  ? { -readonly [A in As[number] as ArgumentKey<A>]: ArgumentValue<A> }
  : Record<never, never>;

/** What a command's own definition gives it: its flags and its arguments. */
export type ValuesOf<D extends CommandDefinition> = FlagValues<
  D['flags'] extends FlagSpecs ? D['flags'] : Record<never, never>
> &
  ArgumentValues<D['arguments']>;

// ── from typed text to values, the same for commander and for parseArgs ─────

export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `--started-at`, `--no-input`: how the flag is typed (and named in errors). */
function flagLabel(name: string, spec: FlagSpec): string {
  return spec.type === 'negated' ? `--no-${name}` : `--${name}`;
}

/** Commander's flag syntax: `-k, --kind <kind>`. */
export function flagSyntax(name: string, spec: FlagSpec): string {
  const short = spec.type !== 'negated' && spec.short ? `-${spec.short}, ` : '';
  const value = spec.type === 'string' || spec.type === 'list' ? ` <${spec.value}>` : '';
  return `${short}${flagLabel(name, spec)}${value}`;
}

/** Commander's argument syntax: `<text...>`, `[runbook]`. */
export function argumentSyntax(spec: ArgumentSpec): string {
  const name = `${spec.name}${spec.variadic ? '...' : ''}`;
  return spec.required ? `<${name}>` : `[${name}]`;
}

/** One flag's value from what the parser saw: a string, a boolean, or undefined when absent. */
function flagValue(name: string, spec: FlagSpec, seen: unknown): unknown {
  if (spec.type === 'negated') return seen !== false;
  if (spec.type === 'boolean') return seen === true ? true : undefined;
  if (spec.type === 'list')
    return Array.isArray(seen) ? seen : typeof seen === 'string' ? [seen] : [];
  const text = typeof seen === 'string' ? seen : spec.default;
  if (text === undefined) return undefined;
  const label = flagLabel(name, spec);
  if (!text.trim()) {
    if (spec.emptyMeans !== undefined) return '';
    throw new UsageError(`${label}: empty value; give <${spec.value}> or leave the flag out`);
  }
  if (spec.parse) return spec.parse(text, label);
  if (spec.choices && !spec.choices.includes(text)) {
    const [meant] = nearest(text, spec.choices);
    const hint = meant ? `did you mean ${label} ${meant}? ` : '';
    throw new UsageError(`${label} ${text}: ${hint}use one of ${spec.choices.join(', ')}`);
  }
  return text;
}

/**
 * The values of `flags`, keyed as the command reads them. `raw(name)` is what
 * the parser saw for the flag (a string, a boolean, or undefined when absent);
 * defaults, choices and `parse` are applied here, for both parsers alike.
 */
export function flagValues<F extends FlagSpecs>(
  flags: F,
  raw: (name: string, spec: FlagSpec) => unknown,
): FlagValues<F> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(flags)) {
    values[camelCase(name)] = flagValue(name, spec, raw(name, spec));
  }
  return values as FlagValues<F>;
}

/** An argument typed as '' (an unset variable in a script): refused, naming what it wants. */
function refuseEmpty(spec: ArgumentSpec): never {
  const optional = spec.required ? '' : ', or leave it out';
  throw new UsageError(`<${spec.name}> is empty: ${spec.description}${optional}`);
}

const blank = (word: string) => word.trim() === '';

/**
 * The positional words, by the definition's arguments (a variadic one takes the
 * rest). An empty word is refused; among a variadic argument's words one may be
 * empty (`oncall run -- printf '%s' ''`), but not all of them.
 */
export function argumentValues<D extends CommandDefinition>(
  definition: D,
  words: readonly (string | string[] | undefined)[],
): ArgumentValues<D['arguments']> {
  const values: Record<string, unknown> = {};
  (definition.arguments ?? []).forEach((spec, index) => {
    const word = words[index];
    const key = spec.key ?? spec.name;
    if (spec.variadic) {
      const words = Array.isArray(word) ? word : word === undefined ? [] : [word];
      if (words.length > 0 && words.every(blank)) refuseEmpty(spec);
      values[key] = words;
    } else if (word === undefined || Array.isArray(word)) {
      if (spec.required) throw new UsageError(`missing required argument '${spec.name}'`);
      values[key] = undefined;
    } else {
      if (blank(word)) refuseEmpty(spec);
      values[key] = spec.parse ? spec.parse(word, `<${spec.name}>`) : word;
    }
  });
  return values as ArgumentValues<D['arguments']>;
}
