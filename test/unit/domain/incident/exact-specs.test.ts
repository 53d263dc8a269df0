// The event schemas' Specs (src/domain/incident/exact.ts), kept as JSON in
// src/domain/incident/exact-specs.ts so that a read or a write that zod need
// not see does not build a schema or start zod. Kept in step here: a schema
// changed without its Spec fails this test, and
//   UPDATE_GOLDEN=1 npx vitest run test/unit/domain/incident/exact-specs.test.ts
// writes them again.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, schemaFor } from '../../../../src/domain/incident/events.js';
import { expandSpec, type Schema, specOf } from '../../../../src/domain/incident/exact.js';
import { EXACT_SHARED, EXACT_SPECS } from '../../../../src/domain/incident/exact-specs.js';
import { ROOT } from '../../../helpers/paths.js';

const FILE = join(ROOT, 'src', 'domain', 'incident', 'exact-specs.ts');

/** A string as a TypeScript literal in single quotes, all ASCII (the fast bundles must be). */
const literal = (text: string) =>
  `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;

/**
 * The Specs with each subtree that several of them share (the envelope's
 * fields, a log time) written once: `{"$r": n}` stands for shared[n].
 */
function kept(specs: Record<string, unknown>): {
  shared: unknown[];
  specs: Record<string, unknown>;
} {
  const counts = new Map<string, number>();
  const count = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const text = JSON.stringify(node);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const v of Object.values(node)) count(v);
  };
  for (const spec of Object.values(specs)) count(spec);
  const shared: unknown[] = [];
  const index = new Map<string, number>();
  const encode = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const text = JSON.stringify(node);
    if ((counts.get(text) ?? 0) > 1 && text.length >= 24) {
      let at = index.get(text);
      if (at === undefined) {
        at = shared.push(undefined) - 1;
        index.set(text, at);
        shared[at] = inner(node);
      }
      return { $r: at };
    }
    return inner(node);
  };
  const inner = (node: object): unknown =>
    Array.isArray(node)
      ? node.map(encode)
      : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, encode(v)]));
  return {
    specs: Object.fromEntries(Object.entries(specs).map(([t, spec]) => [t, inner(spec as object)])),
    shared,
  };
}

function source(specs: Record<string, unknown>): string {
  const { shared, specs: own } = kept(specs);
  const rows = Object.entries(own).map(
    ([type, spec]) => `  ${literal(type)}: ${literal(JSON.stringify(spec))},`,
  );
  return [
    '// Generated from the event schemas by test/unit/domain/incident/exact-specs.test.ts',
    '// (UPDATE_GOLDEN=1 npx vitest run test/unit/domain/incident/exact-specs.test.ts): each',
    "// type's Spec (exact.ts) as JSON, read when a line or an event of that type is first",
    '// checked; a subtree several Specs share is written once, in EXACT_SHARED',
    '// (exact.ts expandSpec). A type that is not here goes through zod.',
    `export const EXACT_SHARED = ${literal(JSON.stringify(shared))};`,
    '',
    'export const EXACT_SPECS: Readonly<Partial<Record<string, string>>> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}

describe('the Specs kept beside the event schemas', () => {
  const live = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, specOf(schemaFor(type) as unknown as Schema)]).filter(
      ([, spec]) => spec !== undefined,
    ),
  );

  it("are the schemas' own, for every type that has one", () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(FILE, source(live));
      spawnSync('npx', ['biome', 'format', '--write', FILE], { cwd: ROOT });
      return;
    }
    const shared = JSON.parse(EXACT_SHARED);
    const expanded = Object.fromEntries(
      Object.entries(EXACT_SPECS).map(([type, json]) => [
        type,
        expandSpec(JSON.parse(json as string), shared),
      ]),
    );
    expect(
      expanded,
      'a schema changed: UPDATE_GOLDEN=1 npx vitest run test/unit/domain/incident/exact-specs.test.ts',
    ).toEqual(live);
  });

  it('cover every event type of the log (a type zod alone checks would be slower, not wrong)', () => {
    expect(Object.keys(live).sort()).toEqual([...EVENT_TYPES].sort());
  });
});
