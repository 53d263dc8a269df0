// Every reader does work linear in the events (n log n for the one sort by
// time): measured, not timed, by the work meter (test/helpers/work.ts) on the
// same long incident at n and 4n events. Linear work grows 4x; a scan inside a
// loop over the events (the fold once matched every ruled-out note against
// every hypothesis) grows 16x, and fails here long before a night's log does.
import { describe, expect, it } from 'vitest';
import { statusText } from '../../src/commands/shared/status-text.js';
import { DEFAULT_SEVERITIES } from '../../src/domain/config/schema.js';
import { resolveContact } from '../../src/domain/contacts/contacts.js';
import type { OncallEvent } from '../../src/domain/incident/events.js';
import { foldIncident } from '../../src/domain/incident/fold.js';
import { type RenderInput, unrecoveredFailures } from '../../src/domain/render/facts.js';
import { escalationModel, handoffModel, updateModel } from '../../src/domain/render/models.js';
import { postmortemModel } from '../../src/domain/render/postmortem.js';
import { statusModel } from '../../src/domain/status/status.js';
import { walkLeft } from '../../src/domain/walk/ahead.js';
import { deriveWalk, progress, summarize } from '../../src/domain/walk/machine.js';
import { loadRunbook } from '../../src/infra/runbooks/load.js';
import { parseLog } from '../../src/infra/store/log.js';
import { event } from '../helpers/events.js';
import { LONG_RUNBOOK, longIncident } from '../helpers/long-incident.js';
import { metered, workOf } from '../helpers/work.js';

const N = 1_000;
/** 4x the events: linear work grows 4x, n log n a little more; quadratic 16x. */
const MOST = 4.8;

const config: RenderInput['config'] = {
  severities: DEFAULT_SEVERITIES,
  contacts: { dana: { name: 'Dana Okafor', role: 'DBA', phone: '+1 555 0142' } },
  links: { dashboard: 'https://grafana.example.com/d/checkout' },
};
const to = resolveContact({ ...config, sources: [] } as never, 'dana');
const now = new Date('2026-11-25T06:00:00.000Z');
const runbook = loadRunbook(LONG_RUNBOOK);
/** `i` seconds into the night, as a log time. */
const T = (i: number) => new Date(Date.parse('2026-11-22T02:00:00.000Z') + i * 1000).toISOString();

function input(events: OncallEvent[]): RenderInput {
  return { state: foldIncident(events), events, config, now, tz: 'America/New_York' };
}

/**
 * Each reader, as what it prepares unmetered (the fold, which has its own
 * line) and the part that is metered: a small quadratic part is not lost in
 * the linear work around it.
 */
const readers: Record<string, (events: OncallEvent[]) => () => unknown> = {
  'the fold (every command, list)': (events) => () => foldIncident(events),
  status: (events) => {
    const state = foldIncident(events);
    return () => {
      const walk = deriveWalk(runbook, events);
      const where = `${progress(walk).n} ${summarize(walk).done}`;
      return statusText(statusModel(state, events, { now, tz: 'UTC', walk: where }));
    };
  },
  'the walk (deriveWalk)': (events) => () => deriveWalk(runbook, events),
  'escalate (short)': (events) => {
    const given = input(events);
    return () => escalationModel(given, { to, ask: 'x', long: false });
  },
  'escalate --long': (events) => {
    const given = input(events);
    return () => escalationModel(given, { to, ask: 'x', long: true });
  },
  handoff: (events) => {
    const given = input(events);
    return () => handoffModel(given, { to, walk: walkLeft(deriveWalk(runbook, events)) });
  },
  'update (its model)': (events) => {
    const given = input(events);
    return () => updateModel(given, { text: 'x', nextUpdateDue: null });
  },
  postmortem: (events) => {
    const given = input(events);
    return () => postmortemModel(given);
  },
};

describe('the readers do work linear in the events', () => {
  const small = longIncident(N);
  const large = longIncident(4 * N);
  const workAt = (read: (events: OncallEvent[]) => () => unknown, events: OncallEvent[]) =>
    workOf(read(metered(events)));

  it.each(Object.keys(readers))('%s', (name) => {
    const read = readers[name] as (events: OncallEvent[]) => () => unknown;
    const ratio = workAt(read, large) / workAt(read, small);
    expect(ratio, `work at ${4 * N} events / at ${N}`).toBeLessThan(MOST);
  });

  it('reading the log (parseLog)', () => {
    const text = (events: OncallEvent[]) => events.map((e) => JSON.stringify(e)).join('\n');
    const [a, b] = [text(small), text(large)];
    const ratio = workOf(() => parseLog('x.jsonl', b)) / workOf(() => parseLog('x.jsonl', a));
    expect(ratio).toBeLessThan(MOST);
  });
});

/** The ratio of the work `read` does on `make(4n)` to that on `make(n)`. */
function growth(
  make: (n: number) => OncallEvent[],
  read: (events: OncallEvent[]) => () => unknown,
) {
  const [a, b] = [make(N), make(4 * N)];
  return workOf(read(metered(b))) / workOf(read(metered(a)));
}

describe('the worst cases of each index', () => {
  const opened = (): OncallEvent =>
    event('incident.opened', T(0), { title: 't', severity: 'SEV2', nextUpdateDue: null });

  it('every command failing: the postmortem and the texts list failures in one pass', () => {
    const failing = (n: number) => [
      opened(),
      ...Array.from({ length: n }, (_, i) => [
        event('command.started', T(i), { runId: `r${i}`, argv: ['curl', `h${i}`], cwd: '/' }),
        event('command.finished', T(i), {
          runId: `r${i}`,
          exitCode: 1,
          durationMs: 1,
          outputTail: '',
        }),
      ]).flat(),
    ];
    const ratio = growth(failing, (events) => {
      const state = foldIncident(events);
      return () => unrecoveredFailures(state);
    });
    expect(ratio).toBeLessThan(MOST);
  });

  it('every event by another person: responders are a set', () => {
    const crowd = (n: number) => [
      opened(),
      ...Array.from({ length: n }, (_, i) =>
        event('note', T(i), { kind: 'note', text: 'here', actor: `person${i}@host` }),
      ),
    ];
    expect(growth(crowd, (events) => () => foldIncident(events))).toBeLessThan(MOST);
  });

  it('every hypothesis noted first, then every one ruled out: ideas are a map', () => {
    const ideas = (n: number) => {
      const texts = Array.from({ length: n }, (_, i) => `idea number ${i}`);
      return [
        opened(),
        ...texts.map((text, i) => event('note', T(i), { kind: 'hypothesis', text })),
        ...texts.map((text, i) =>
          event('note', T(n + i), { kind: 'ruled-out', text: text.toUpperCase() }),
        ),
      ];
    };
    expect(growth(ideas, (events) => () => foldIncident(events))).toBeLessThan(MOST);
  });
});

describe('the work meter', () => {
  it('tells a scan inside a loop from a lookup', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
    const scan = (xs: string[]) => xs.filter((x) => xs.includes(`${x}!`));
    const lookup = (xs: string[]) => {
      const set = new Set(xs);
      return xs.filter((x) => set.has(`${x}!`));
    };
    const grows = (f: (xs: string[]) => unknown) => {
      const [a, b] = [ids(N), ids(4 * N)];
      return workOf(() => f(b)) / workOf(() => f(a));
    };
    expect(grows(scan)).toBeGreaterThan(12);
    expect(grows(lookup)).toBeLessThan(MOST);
  });
});
