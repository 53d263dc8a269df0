// Every text an event holds is either free text (redacted where it is stamped
// and before it is shared) or exact (ids, times, kinds, who): one table says
// which, and this test walks the schema so that a new field, or a new event
// type, cannot be added without saying which it is.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, schemaFor } from '../../../../src/domain/incident/events.js';
import {
  ENVELOPE_FIELDS,
  EVENT_FIELDS,
  freeTextOf,
} from '../../../../src/domain/incident/free-text.js';

interface Def {
  type: string;
  innerType?: { _zod: { def: Def } };
  shape?: Record<string, { _zod: { def: Def } }>;
  values?: unknown[];
}

/** The kind of a schema under its optional and nullable wrappers. */
function kindOf(def: Def): Def {
  return def.innerType && (def.type === 'optional' || def.type === 'nullable')
    ? kindOf(def.innerType._zod.def)
    : def;
}

/** Does a value of this schema hold text: a string, a word from a list, or a list or record that may. */
function holdsText(def: Def): boolean {
  const kind = kindOf(def);
  if (kind.type === 'literal') return (kind.values ?? []).some((v) => typeof v === 'string');
  return ['string', 'enum', 'array', 'record', 'object', 'unknown', 'template_literal'].includes(
    kind.type,
  );
}

function fieldsOf(type: (typeof EVENT_TYPES)[number]): [string, Def][] {
  const shape = (schemaFor(type) as unknown as { _zod: { def: Def } })._zod.def.shape ?? {};
  return Object.entries(shape).map(([name, schema]) => [name, schema._zod.def]);
}

describe('the free-text table', () => {
  it('classifies every text field of every event type in the schema', () => {
    const unclassified = EVENT_TYPES.flatMap((type) => {
      const table: Record<string, string> = EVENT_FIELDS[type] ?? {};
      return fieldsOf(type)
        .filter(([name, def]) => holdsText(def) && !(ENVELOPE_FIELDS as string[]).includes(name))
        .filter(([name]) => table[name] !== 'free' && table[name] !== 'exact')
        .map(([name]) => `${type}.${name}`);
    });
    expect(unclassified).toEqual([]);
  });

  it('names no field, and no event type, the schema does not have', () => {
    expect(Object.keys(EVENT_FIELDS).sort()).toEqual([...EVENT_TYPES].sort());
    const stale = EVENT_TYPES.flatMap((type) => {
      const names = new Set(fieldsOf(type).map(([name]) => name));
      return Object.keys(EVENT_FIELDS[type]).filter((name) => !names.has(name));
    });
    expect(stale).toEqual([]);
    for (const name of ENVELOPE_FIELDS) {
      expect(fieldsOf('note').map(([field]) => field)).toContain(name);
    }
  });

  it('holds what people type as free text, and what the fold matches on as exact', () => {
    expect(freeTextOf('note')).toEqual(['text']);
    expect(freeTextOf('incident.opened')).toEqual([
      'title',
      'service',
      'impact',
      'alert',
      'labels',
      'links',
    ]);
    expect(freeTextOf('silence.created')).toEqual(['matchers', 'comment']);
    expect(freeTextOf('command.edited')).toEqual(['original', 'edited']);
    expect(freeTextOf('handoff.accepted')).toEqual([]);
    expect(freeTextOf('walk.moved')).toEqual([]);
  });
});
