// The walk reads the log back after every step. It reads only what was
// appended since its last look and folds that on; it reads everything again
// only when it must. Whatever it does, it ends where reading the whole log ends.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../../src/domain/config/schema.js';
import type { EventInput } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { deriveWalk } from '../../../../src/domain/walk/machine.js';
import { loadRunbook } from '../../../../src/infra/runbooks/load.js';
import { appendEvents, makeEvent, readLog } from '../../../../src/infra/store/log.js';
import { WalkSession } from '../../../../src/terminal/walk/session.js';
import { testContext } from '../../../helpers/context.js';
import { LONG_RUNBOOK } from '../../../helpers/long-incident.js';

const runbook = loadRunbook(LONG_RUNBOOK);
const [first, second] = runbook.steps.map((s) => s.id);

function setUp() {
  const ctx = testContext({ now: '2026-11-22T02:00:00.000Z' });
  const file = join(ctx.dir, 'events.jsonl');
  const ref = { id: 'inc', dir: ctx.dir, file };
  const write = (inputs: EventInput[], at = ctx.now()) =>
    appendEvents(
      file,
      inputs.map((input) => makeEvent(input, { incident: 'inc', actor: 'alice@host', now: at })),
    );
  appendEvents(
    file,
    [
      makeEvent(
        { type: 'incident.opened', title: 'Slow API', severity: 'SEV3' },
        { incident: 'inc', actor: 'alice@host', now: ctx.now() },
      ),
    ],
    { create: true },
  );
  write([
    {
      type: 'runbook.attached',
      runbook: { id: runbook.id, title: runbook.title, file: runbook.file, hash: runbook.hash },
    },
    { type: 'note', kind: 'hypothesis', text: 'aaaa' },
  ]);
  const session = new WalkSession(
    ctx,
    { contacts: {} } as unknown as ResolvedConfig,
    ref,
    runbook,
    { drill: false },
    chalk,
  );
  session.load();
  /** What reading the whole log gives. */
  const whole = () => {
    const { events } = readLog(file);
    return { incident: foldIncident(events), state: deriveWalk(runbook, events) };
  };
  return { ctx, file, write, session, whole };
}

describe('WalkSession.load', () => {
  it('reads only what was appended since its last look', () => {
    const { ctx, file, write, session, whole } = setUp();
    // Rewrite a line already read, in place (same length): a full read would see it.
    const text = readFileSync(file, 'utf8');
    const fd = openSync(file, 'r+');
    writeSync(fd, '"bbbb"', Buffer.byteLength(text.slice(0, text.indexOf('"aaaa"'))));
    closeSync(fd);
    ctx.clock.advance(60_000);
    write([{ type: 'step.started', stepId: first as string }]);
    session.load();
    expect(session.state.currentStarted).toBe(true);
    expect(session.incident.openHypotheses.map((h) => h.text)).toEqual(['aaaa']);
    expect(whole().incident.openHypotheses.map((h) => h.text)).toEqual(['bbbb']);
  });

  it('folds appended events onto what it had, as reading the whole log would', () => {
    const { ctx, write, session, whole } = setUp();
    for (const input of [
      { type: 'step.completed', stepId: first as string },
      { type: 'note', kind: 'ruled-out', text: 'AAAA' },
      { type: 'severity.changed', from: 'SEV3', to: 'SEV2' },
      { type: 'step.skipped', stepId: second as string, reason: 'not needed' },
    ] as EventInput[]) {
      ctx.clock.advance(60_000);
      write([input]);
      session.load();
      expect(session.incident).toEqual(whole().incident);
      expect(session.state).toEqual(whole().state);
    }
  });

  it('folds everything again when an appended event happened before the last one', () => {
    const { ctx, write, session, whole } = setUp();
    ctx.clock.advance(10 * 60_000);
    write([{ type: 'note', kind: 'note', text: 'now' }]);
    session.load();
    // Backfilled from another terminal: it happened five minutes ago.
    const earlier = new Date(ctx.now().getTime() - 5 * 60_000).toISOString();
    write([{ type: 'note', kind: 'finding', text: 'earlier', ts: earlier }]);
    session.load();
    expect(session.incident.notes.map((n) => n.text)).toEqual(['aaaa', 'earlier', 'now']);
    expect(session.incident).toEqual(whole().incident);
  });

  it('reads the whole log again when the file was replaced or cut short', () => {
    const { ctx, file, write, session, whole } = setUp();
    const text = readFileSync(file, 'utf8');
    // Replaced (a restore from a copy, say): a new file where the old one was.
    writeFileSync(`${file}.new`, text.replace('"aaaa"', '"cccc"'));
    renameSync(`${file}.new`, file);
    ctx.clock.advance(60_000);
    write([{ type: 'step.started', stepId: first as string }]);
    session.load();
    expect(session.incident.openHypotheses.map((h) => h.text)).toEqual(['cccc']);
    expect(session.state).toEqual(whole().state);
    // Cut short, in place: shorter than what was read.
    writeFileSync(file, text.split('\n').slice(0, 2).join('\n').concat('\n'));
    session.load();
    expect(session.incident).toEqual(whole().incident);
    expect(session.incident.notes).toEqual([]);
  });

  it('leaves a line still being written for the next look, then reads it whole', () => {
    const { ctx, file, session, whole } = setUp();
    ctx.clock.advance(60_000);
    const line = JSON.stringify(
      makeEvent(
        { type: 'step.started', stepId: first as string },
        { incident: 'inc', actor: 'bob@desk', now: ctx.now() },
      ),
    );
    writeFileSync(file, line.slice(0, 20), { flag: 'a' });
    session.load();
    expect(session.state.currentStarted).toBe(false);
    writeFileSync(file, `${line.slice(20)}\n`, { flag: 'a' });
    session.load();
    expect(session.state.currentStarted).toBe(true);
    expect(session.incident).toEqual(whole().incident);
    expect(session.incident.responders).toContain('bob@desk');
  });

  it("on a shared incident, folds the peers' logs in, and reads them again when a sync changed one", () => {
    const { ctx, file, write, session } = setUp();
    const peers = join(ctx.dir, 'peers');
    mkdirSync(peers);
    const peerFile = join(peers, 'bob@desk.jsonl');
    const peerEvent = (input: EventInput, lamport: number) =>
      `${JSON.stringify(makeEvent(input, { incident: 'inc', actor: 'bob@desk', now: ctx.now(), lamport }))}\n`;
    ctx.clock.advance(60_000);
    writeFileSync(peerFile, peerEvent({ type: 'step.completed', stepId: first as string }, 5));
    session.load();
    expect(session.state.current).toBe(second);
    expect(session.incident.responders).toContain('bob@desk');

    // Only the own log grew: read on from it, the peer's step still counted.
    ctx.clock.advance(60_000);
    write([{ type: 'note', kind: 'note', text: 'mine' }]);
    session.load();
    expect(session.incident.notes.map((n) => n.text)).toEqual(['aaaa', 'mine']);
    expect(session.state.current).toBe(second);

    // A sync brought the peer's next event: everything is read and folded again.
    ctx.clock.advance(60_000);
    writeFileSync(peerFile, peerEvent({ type: 'note', kind: 'ruled-out', text: 'aaaa' }, 9), {
      flag: 'a',
    });
    session.load();
    expect(session.incident.openHypotheses).toEqual([]);
    expect(session.incident.ruledOut.map((n) => `${n.actor} ${n.text}`)).toEqual(['bob@desk aaaa']);
    expect(readFileSync(file, 'utf8')).not.toContain('bob@desk');
  });
});
