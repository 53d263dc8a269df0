// Templates: Markdown files rendered with handlebars. The defaults live in the
// package's templates/ folder; config (`templates.<name>`) or `--template` can
// point at the team's own file. A broken template is the team's file to fix, so
// it is a usage error naming file and line, never a stack trace. Every string
// of the model is made one safe line first (text/terminal-safe) that reads as
// its words in Markdown (text/markdown: no tag, link, entity, heading or stray
// code), so no field, in our templates or a team's own, can drive a terminal,
// break a Markdown line or table row, or turn into markup; the template's own
// text is made safe as a body.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import {
  formatDuration,
  localClock,
  localDateTime,
  utcClock,
  utcDateTime,
} from '../../domain/incident/time.js';
import { joinedEach } from '../../domain/render/each.js';
import { crc32Hex } from '../../domain/text/hash.js';
import { markdownStrings } from '../../domain/text/markdown.js';
import { safeBlock, safeStrings } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';

export type TemplateName = 'update' | 'escalation' | 'handoff' | 'postmortem';

/**
 * The package root: the nearest folder above this file (src/render, or the dist/
 * chunk it was bundled into) with a package.json and a templates/ folder. Both,
 * because a nested package.json (e.g. one that only sets "type") is not the root.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
}

export function defaultTemplatePath(name: TemplateName): string {
  return join(packageRoot(), 'templates', `${name}.md.hbs`);
}

/** `--template` wins over config, config over the default. */
export function templatePath(
  name: TemplateName,
  config: Pick<ResolvedConfig, 'templates'>,
  override?: string,
): string {
  return override ?? config.templates[name] ?? defaultTemplatePath(name);
}

interface LoadedTemplate {
  file: string;
  source: string;
}

export function loadTemplate(file: string, flag = 'templates'): LoadedTemplate {
  try {
    return { file, source: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `template ${file} cannot be read (${code ?? 'error'}); fix the path in ${flag} or remove it to use the default`,
    );
  }
}

/** Line of a handlebars error: structured when it has one, else from "Parse error on line N". */
function lineOf(error: unknown): number | undefined {
  const e = error as { lineNumber?: number; message?: string };
  if (typeof e.lineNumber === 'number') return e.lineNumber;
  const m = /on line (\d+)/.exec(e.message ?? '');
  return m ? Number(m[1]) : undefined;
}

function firstLine(message: string): string {
  // Parse errors carry a caret diagram after the first line; its last line says what was expected.
  const lines = message.split('\n').filter(Boolean);
  const head = lines[0] ?? message;
  const expecting = lines.find((l) => l.startsWith('Expecting'));
  return expecting
    ? `${head.replace(/:$/, '')}: ${expecting.replace(/^Expecting /, 'expected ').slice(0, 120)}`
    : head;
}

/**
 * Blank lines at most one at a time, and one line break at the end. A draft is
 * megabytes: it is copied only where something changes.
 */
function tidy(rendered: string): string {
  const text = rendered.includes('\n\n\n') ? rendered.replace(/\n{3,}/g, '\n\n') : rendered;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  if (end === text.length - 1 && text[end] === '\n') return text;
  return `${text.slice(0, end)}\n`;
}

/** The helpers a template may call besides handlebars' own (if, each, unless, with, lookup, log). */
const FORMAT_HELPERS = ['fmtTime', 'fmtDateTime', 'fmtUtc', 'fmtUtcDateTime', 'fmtDuration'];

/**
 * How every template is compiled (`oncall doctor` checks a team's with the same;
 * build.mjs precompiles the bundled ones with a copy, key for key): fields as
 * they are (made safe and escaped for Markdown, which is not HTML), and only the helpers
 * above and handlebars' own, so a mustache is a lookup, not a helper check.
 * A new object each time: handlebars writes its defaults into the one it is given.
 */
export function templateOptions() {
  return {
    noEscape: true,
    strict: false,
    knownHelpers: Object.fromEntries(FORMAT_HELPERS.map((name) => [name, true])),
    knownHelpersOnly: true,
  };
}

/** A bundled template as build.mjs compiled it: used only for exactly this source and these options. */
interface Precompiled {
  options: string;
  source: string;
  spec: TemplateSpecification;
}

/** The name build.mjs gives a bundled template's compiled form: its source's CRC-32 and length. */
export const precompiledKey = (source: string) => `${crc32Hex(source)}-${source.length}`;

/**
 * A bundled template's compiled form, one file each (dist/ only: from src/ there
 * are none, and all compile here). CommonJS and required: the ESM chunks and the
 * hot commands' bundles, which run as scripts (see build.mjs), both read it from
 * beside them. Used only for exactly this source and these options.
 */
async function precompiledFor(source: string): Promise<TemplateSpecification | undefined> {
  let entry: Precompiled;
  try {
    entry = createRequire(import.meta.url)(
      `./precompiled/${precompiledKey(source)}.cjs`,
    ) as Precompiled;
  } catch {
    return undefined;
  }
  const options = JSON.stringify(templateOptions());
  return entry.source === source && entry.options === options ? entry.spec : undefined;
}

/** A helper the template calls that does not exist, in words that say which do. */
function helperHint(message: string): string | undefined {
  const name = /unknown helper (\S+)/.exec(message)?.[1];
  return name
    ? `no helper "${name}": use ${FORMAT_HELPERS.join(', ')} or handlebars' own (if, each, unless, with, lookup)`
    : undefined;
}

/**
 * Renders `model` with the template, untidied. Helpers are closed over the
 * zone, so the result depends only on the model, the template and `tz`.
 * `spill`: see joinedEach.
 */
async function renderRaw(
  t: LoadedTemplate,
  model: object,
  tz: string,
  spill?: (batches: string[]) => string,
): Promise<string> {
  // The template's own text is the team's file: made safe before it is compiled,
  // so the rendered text (safe fields, dates from the helpers) needs no second look.
  const source = safeBlock(t.source);
  const spec = await precompiledFor(source);
  // A bundled template needs only the runtime; anything else, the compiler too.
  const hb = spec
    ? (await import('handlebars/runtime')).default.create()
    : (await import('handlebars')).default.create();
  hb.registerHelper('each', joinedEach(hb.helpers.each as never, hb.Utils as never, spill));
  registerFormatHelpers(hb, tz);
  const where = (error: unknown) => {
    const line = lineOf(error);
    return `${t.file}${line ? `:${line}` : ''}`;
  };
  let render: (m: object) => string;
  try {
    if (spec) render = hb.template(spec);
    else {
      const compiler = hb as typeof Handlebars;
      // Parsing eagerly: handlebars compiles lazily, and a syntax error should name the file before anything is recorded.
      compiler.parse(source);
      render = compiler.compile(source, templateOptions());
    }
  } catch (error) {
    throw new UsageError(
      `${where(error)}: broken template: ${firstLine((error as Error).message)}`,
    );
  }
  try {
    // The fields are safe one-liners that read as their words in Markdown (no tag, link or heading);
    // the template's own text is the team's file, made safe too.
    return render(safeStrings(markdownStrings(model)));
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(
      `${where(error)}: ${helperHint(message) ?? `template failed: ${firstLine(message)}`}`,
    );
  }
}

function registerFormatHelpers(hb: typeof Handlebars, tz: string): void {
  // Helper names start with fmt so they never shadow a model field ({{utc}} would call a helper `utc`).
  hb.registerHelper('fmtTime', (iso: unknown) =>
    typeof iso === 'string' ? localClock(iso, tz) : '',
  );
  hb.registerHelper('fmtDateTime', (iso: unknown) =>
    typeof iso === 'string' ? localDateTime(iso, tz) : '',
  );
  hb.registerHelper('fmtUtc', (iso: unknown) =>
    typeof iso === 'string' ? `${utcClock(iso)}Z` : '',
  );
  hb.registerHelper('fmtUtcDateTime', (iso: unknown) =>
    typeof iso === 'string' ? utcDateTime(iso) : '',
  );
  hb.registerHelper('fmtDuration', (ms: unknown) =>
    typeof ms === 'number' ? formatDuration(ms) : '',
  );
}

/** Renders `model` with the template: the text, tidied. */
export async function renderTemplate(
  t: LoadedTemplate,
  model: object,
  tz: string,
): Promise<string> {
  return tidy(await renderRaw(t, model, tz));
}

/**
 * Renders `model` with the template as pieces to write one after the other,
 * exactly the text renderTemplate returns: a long night's postmortem (16 MB of
 * timeline) is never held as one string, nor as one buffer. A long list's rows
 * are set aside as the template renders (they stand in the text as a mark that
 * no field or template can contain: both are made safe, NUL and all) and come
 * back in their place as the pieces are read.
 */
export async function renderPieces(
  t: LoadedTemplate,
  model: object,
  tz: string,
): Promise<Iterable<string>> {
  const setAside: string[][] = [];
  const raw = await renderRaw(t, model, tz, (batches) => {
    setAside.push(batches);
    return `${MARK}${setAside.length - 1}${MARK}`;
  });
  return tidyPieces(restored(raw, setAside));
}

const MARK = '\u0000';
// A NUL on purpose: nothing rendered can hold one (see above).
const MARKED = new RegExp(`${MARK}(\\d+)${MARK}`);

/** The text with each mark replaced by the rows set aside for it (rows may hold marks of their own). */
function* restored(text: string, setAside: readonly string[][]): Generator<string> {
  const parts = text.split(MARKED);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) {
      if (part) yield part;
      continue;
    }
    for (const batch of setAside[Number(part)] ?? [])
      if (batch.includes(MARK)) yield* restored(batch, setAside);
      else yield batch;
  }
}

/**
 * tidy() over pieces: what is written is exactly tidy(pieces.join('')). The
 * whitespace at a piece's end is held back until something follows it (or the
 * end), so a run of blank lines is always seen whole.
 */
function* tidyPieces(pieces: Iterable<string>): Generator<string> {
  let held = '';
  for (const piece of pieces) {
    const text = held + piece;
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
    held = text.slice(end);
    if (end === 0) continue;
    const body = text.slice(0, end);
    yield body.includes('\n\n\n') ? body.replace(/\n{3,}/g, '\n\n') : body;
  }
  yield '\n';
}

type NamedOptions = { config: Pick<ResolvedConfig, 'templates'>; template?: string; tz: string };

/** Finds and loads one of the named texts' templates: --template, config, or the bundled one. */
export function loadNamed(name: TemplateName, options: NamedOptions): LoadedTemplate {
  const file = templatePath(name, options.config, options.template);
  const flag = options.template
    ? '--template'
    : options.config.templates[name]
      ? `templates.${name} in config`
      : 'templates/';
  return loadTemplate(file, flag);
}

/** Finds, loads and renders one of the named texts. */
export async function renderNamed(
  name: TemplateName,
  model: object,
  options: NamedOptions,
): Promise<{ text: string; file: string }> {
  const template = loadNamed(name, options);
  const text = await renderTemplate(template, model, options.tz);
  return { text, file: template.file };
}
