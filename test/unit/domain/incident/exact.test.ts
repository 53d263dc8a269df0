// The fast path of reading a log (src/domain/incident/exact.ts) must never accept what
// zod rejects, nor keep a value zod would have changed: every event type is
// checked against zod on its valid form and on hundreds of damaged ones.
import { describe, expect, it } from 'vitest';
import {
  type EventInput,
  type EventType,
  schemaFor,
  validateEvent,
  validateLoggedEvent,
  validateNewEvent,
} from '../../../../src/domain/incident/events.js';
import { type Schema, specOf } from '../../../../src/domain/incident/exact.js';
import { exactCheck, zodWouldReturn } from '../../../../src/domain/incident/exact-check.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

const runbook = { id: 'api', title: 'API', file: '/rb/api.md', hash: 'abc' };
const SAMPLES: { [T in EventType]: EventInput<T> } = {
  'incident.opened': {
    type: 'incident.opened',
    title: 'Checkout down',
    service: 'web',
    severity: 'SEV2',
    impact: 'all of it',
    startedAt: '2026-11-22T01:50:00.000Z',
    detectedAt: '2026-11-22T01:55:00.000Z',
    alertedAt: '2026-11-22T01:56:00.000Z',
    alert: 'x',
    labels: { namespace: 'shop' },
    source: { system: 'pagerduty', id: 'PT4KHLK', number: 1234 },
    links: [{ name: 'PagerDuty #1234', url: 'https://acme.pagerduty.com/incidents/PT4KHLK' }],
    nextUpdateDue: null,
  },
  'incident.mitigated': { type: 'incident.mitigated', summary: 'rolled back' },
  'incident.resolved': { type: 'incident.resolved' },
  'severity.changed': {
    type: 'severity.changed',
    from: 'SEV2',
    to: 'SEV1',
    reason: 'worse',
    nextUpdateDue: '2026-11-22T03:15:00.000Z',
  },
  'impact.changed': { type: 'impact.changed', impact: 'half' },
  note: { type: 'note', kind: 'finding', text: '503 confirms the alert', runId: 'r1' },
  'update.sent': { type: 'update.sent', text: 'hi', message: 'm', channel: '#inc' },
  escalation: { type: 'escalation', to: 'dana', toName: 'Dana', ask: 'look' },
  handoff: { type: 'handoff', from: 'a@b', to: 'bob', note: 'yours' },
  'handoff.accepted': { type: 'handoff.accepted', handoff: 'h1' },
  'responder.joined': { type: 'responder.joined' },
  'command.started': {
    type: 'command.started',
    runId: 'r1',
    argv: ['kubectl', 'get', 'pods'],
    shell: 'bash',
    via: 'shell',
    values: { ONCALL_NODE_NAME: 'node-1' },
    cwd: '/',
    stepId: 's1',
    command: 2,
  },
  'command.skipped': { type: 'command.skipped', stepId: 's1', command: 3 },
  'command.edited': { type: 'command.edited', stepId: 's1', original: 'ls', edited: 'ls -l' },
  'delivery.queued': {
    type: 'delivery.queued',
    delivery: 'e1.chat',
    source: 'e1',
    channel: 'chat',
    via: 'slack',
    kind: 'escalation',
    to: 'bob',
    toName: 'Bob',
    dedupKey: 'k',
    collapse: 'c',
    target: { type: 'slack', urlEnv: 'SLACK_URL', nested: { list: [1, 'two'] } },
    request: { body: { text: 'help' } },
  },
  'delivery.attempted': {
    type: 'delivery.attempted',
    delivery: 'e1.chat',
    channel: 'chat',
    attempt: 1,
    outcome: 'failed',
    status: 429,
    exitCode: null,
    error: 'HTTP 429',
    durationMs: 12,
    nextAttemptAt: '2026-11-22T03:01:00.000Z',
    rateLimited: true,
  },
  'delivery.requeued': { type: 'delivery.requeued', delivery: 'e1.chat' },
  'silence.created': {
    type: 'silence.created',
    silence: '8a6c2f0e-1f0b-4c55-9a0e-1d2b3c4d5e6f',
    matchers: [
      { name: 'alertname', value: 'KubePodNotReady', isRegex: false, isEqual: true },
      { name: 'namespace', value: 'shop', isRegex: false },
    ],
    startsAt: '2026-11-22T02:15:00.000Z',
    endsAt: '2026-11-22T04:15:00.000Z',
    comment: 'oncall incident x: Checkout down',
  },
  'silence.expired': { type: 'silence.expired', silence: '8a6c2f0e-1f0b-4c55-9a0e-1d2b3c4d5e6f' },
  'walk.resumed': { type: 'walk.resumed', stepId: 's1' },
  'command.finished': {
    type: 'command.finished',
    runId: 'r1',
    exitCode: null,
    signal: 'SIGTERM',
    durationMs: 12.5,
    outputTail: 'bye\n',
    interrupted: true,
    stepId: 's1',
    variables: { NS: 'web' },
    withheld: ['TOKEN'],
    unset: ['OLD'],
    cwdAfter: '/srv/app',
    failedLine: 2,
    pipestatus: [2, 0],
    castRange: { file: 'shell-1.cast', start: 1.25, end: 3.5 },
  },
  'runbook.attached': { type: 'runbook.attached', runbook },
  'step.started': { type: 'step.started', stepId: 's1' },
  'step.completed': { type: 'step.completed', stepId: 's1', note: 'ok' },
  'step.skipped': { type: 'step.skipped', stepId: 's1', reason: 'no' },
  'step.answered': { type: 'step.answered', stepId: 's1', variable: 'v', value: 'x' },
  'step.decided': { type: 'step.decided', stepId: 's1', choice: 'a', next: 's2' },
  'step.waited': { type: 'step.waited', stepId: 's1', outcome: 'passed', waitedMs: 0 },
  'walk.moved': { type: 'walk.moved', from: 's1', to: 's2', reason: 'back' },
  'walk.paused': { type: 'walk.paused', stepId: 's1' },
  'walk.finished': { type: 'walk.finished', summary: 'done' },
};

const now = new Date('2026-11-22T03:00:00.000Z');
/** The event as oncall writes it: through zod, a backfilled one with recordedAt, a drill's with drill. */
function written(input: EventInput) {
  const backfilled = { ...input, ts: '2026-11-22T02:59:00.000Z' } as EventInput;
  return [
    makeEvent(input, { incident: 'i', actor: 'a@b', now }),
    makeEvent(backfilled, { incident: 'i', actor: 'a@b', now, drill: true }),
  ].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
}

const WRONG: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'SEV9',
  '2026-11-22T03:00:00Z',
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  [],
  ['a'],
  [1],
  {},
  { id: 'a', title: 'b', file: 'c', hash: 'd', extra: 1 },
];

/** The value with one thing wrong, each way this can think of. */
function* damaged(value: Record<string, unknown>): Generator<unknown> {
  const keys = Object.keys(value);
  for (const key of keys) {
    const { [key]: _gone, ...without } = value;
    yield without;
    for (const wrong of WRONG) yield { ...value, [key]: wrong };
    const nested = value[key];
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      for (const inner of damaged(nested as Record<string, unknown>))
        yield { ...value, [key]: inner };
    }
  }
  yield { ...value, extra: 'from a newer version' };
  yield Object.fromEntries(Object.entries(value).reverse());
  yield JSON.parse(`${JSON.stringify(value).slice(0, -1)},"__proto__":{"x":1}}`);
  yield Object.assign(Object.create({ inherited: true }), value);
  yield [value];
  yield null;
}

describe('the fast path of reading a log', () => {
  it.each(Object.keys(SAMPLES) as EventType[])(
    '%s: compiles, takes what oncall writes as it is',
    (type) => {
      for (const value of written(SAMPLES[type])) {
        const read = validateLoggedEvent(value);
        expect(read.success).toBe(true);
        // Kept as parsed, not copied: the fast path took it.
        expect(read.success && read.data).toBe(value);
      }
    },
  );

  it.each(Object.keys(SAMPLES) as EventType[])(
    '%s: accepts nothing zod rejects, and nothing zod would change',
    (type) => {
      let tried = 0;
      for (const value of written(SAMPLES[type])) {
        for (const candidate of damaged(value)) {
          tried += 1;
          const read = validateLoggedEvent(candidate);
          const zod = validateEvent(candidate);
          expect(read.success).toBe(zod.success);
          if (!read.success || !zod.success) {
            // Refused: the verdict and the message are zod's.
            expect(read).toEqual(zod);
            continue;
          }
          if (read.data === candidate) {
            expect(JSON.stringify(zod.data)).toBe(JSON.stringify(candidate));
            expect(Object.keys(zod.data)).toEqual(Object.keys(candidate as object));
          }
        }
      }
      expect(tried).toBeGreaterThan(50);
    },
  );

  it('gives up on a schema it does not know, so zod decides', () => {
    const union: Schema = { _zod: { def: { type: 'union' } } };
    const transformed: Schema = {
      _zod: { def: { type: 'object', shape: { a: { _zod: { def: { type: 'pipe' } } } } } },
    };
    const coerced: Schema = { _zod: { def: { type: 'string', coerce: true } } };
    const checked: Schema = {
      _zod: { def: { type: 'string', checks: [{ _zod: { def: { check: 'max_length' } } }] } },
    };
    for (const schema of [union, transformed, coerced, checked])
      expect(exactCheck(schema)).toBeUndefined();
  });
});

/** The keys of `value` (and of the objects in it) in reverse order, as a command may build them. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  );
}

describe('the fast path of writing an event', () => {
  it.each(Object.keys(SAMPLES) as EventType[])(
    '%s: gives what zod gives, whatever the order of its fields, or leaves it to zod',
    (type) => {
      let tried = 0;
      for (const value of written(SAMPLES[type])) {
        const withUndefined = { ...value, recordedAt: undefined, drill: undefined };
        for (const candidate of [value, reordered(value), withUndefined, ...damaged(value)]) {
          for (const shape of [candidate, reordered(candidate)]) {
            tried += 1;
            // Equal as zod returns it: the same keys in the same order, undefined ones kept.
            const fast = validateNewEvent(shape);
            const zod = validateEvent(shape);
            expect(fast).toStrictEqual(zod);
            if (fast.success && zod.success) {
              expect(Object.keys(fast.data)).toEqual(Object.keys(zod.data));
              expect(JSON.stringify(fast.data)).toBe(JSON.stringify(zod.data));
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(100);
    },
  );

  it.each(Object.keys(SAMPLES) as EventType[])(
    '%s: as a command builds it, is worked out without zod',
    (type) => {
      const spec = specOf(schemaFor(type) as unknown as Schema);
      for (const value of written(SAMPLES[type]))
        expect(zodWouldReturn(spec as NonNullable<typeof spec>, reordered(value))).toEqual(value);
    },
  );
});
