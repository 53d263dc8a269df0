// README.md is what a responder reads when `--help` is not enough: its command
// table names every flag each command takes, and its log format names every
// event type with its fields and which of them hold free text, as the schema
// and the free-text table say. A flag or a field added without a word there
// fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli.js';
import type { CommandDefinition } from '../../src/commands/definition/define.js';
import { EVENT_TYPES, schemaFor } from '../../src/domain/incident/events.js';
import { ENVELOPE_FIELDS, freeTextOf } from '../../src/domain/incident/free-text.js';
import { ROOT } from '../helpers/paths.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The lines of the section under `## title`, up to the next `## `. */
function section(title: string): string[] {
  const lines = README.split('\n');
  const from = lines.indexOf(`## ${title}`);
  const to = lines.findIndex((line, i) => i > from && line.startsWith('## '));
  return lines.slice(from + 1, to < 0 ? undefined : to);
}

/** A table row's cells; an escaped `\|` stays inside its cell. */
const cells = (row: string) =>
  row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());

describe("README's command table", () => {
  const rows = section('Commands').filter((line) => line.startsWith('| `oncall'));
  const commands: [string, CommandDefinition][] = COMMANDS.flatMap((entry) =>
    'group' in entry
      ? entry.commands.map((c): [string, CommandDefinition] => [entry.group.name, c.definition])
      : [[entry.definition.name, entry.definition]],
  );

  it.each(
    commands.map(([name, definition]) => [
      name === definition.name ? name : `${name} ${definition.name}`,
      name,
      definition,
    ]),
  )('%s: every flag is documented', (_, name, definition) => {
    const row = rows.filter((r) => new RegExp(`\`oncall ${name}\\b`).test(cells(r)[0] ?? ''));
    expect(row, `a row for oncall ${name}`).not.toEqual([]);
    const text = row.join('\n');
    const missing = Object.entries(definition.flags ?? {})
      .map(([flag, spec]) => (spec.type === 'negated' ? `--no-${flag}` : `--${flag}`))
      .filter((flag) => !new RegExp(`${flag}(?![\\w-])`).test(text));
    expect(missing).toEqual([]);
  });
});

describe("README's log format", () => {
  const rows = section('The log format')
    .filter((line) => line.startsWith('| `'))
    .map(cells);

  it.each(EVENT_TYPES)('%s: its fields and its free text', (type) => {
    const row = rows.find(([types]) => (types ?? '').includes(`\`${type}\``));
    expect(row, `a row for ${type}`).toBeDefined();
    const [, fields = '', free = ''] = row ?? [];
    const names = (text: string) =>
      text
        .replace(/\([^)]*\)/g, '')
        .split(',')
        .map((name) => name.trim().replace(/\?$/, ''))
        .filter(Boolean)
        .sort();
    const shape = (schemaFor(type) as unknown as { _zod: { def: { shape: object } } })._zod.def
      .shape;
    const envelope: readonly string[] = ENVELOPE_FIELDS;
    expect(names(fields)).toEqual(
      Object.keys(shape)
        .filter((name) => !envelope.includes(name))
        .sort(),
    );
    expect(names(free)).toEqual([...freeTextOf(type)].sort());
  });
});
