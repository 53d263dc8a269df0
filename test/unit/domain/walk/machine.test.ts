// The walker is pure: a runbook plus the events so far give the position.
// Each test replays actions the way the UI does (eventsFor → append → derive).
import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import { variablesIn } from '../../../../src/domain/runbook/steps.js';
import type { CommandSpec, Runbook, Step } from '../../../../src/domain/runbook/types.js';
import {
  backTarget,
  deriveWalk,
  eventsFor,
  progress,
  summarize,
  type WalkAction,
  WalkError,
} from '../../../../src/domain/walk/machine.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

const cmd = (...argv: string[]): CommandSpec => ({ argv, source: argv.join(' ') });
const base = (id: string, line: number) => ({ id, title: `Step ${id}`, body: '', line });

function runbook(steps: Step[], hash = 'h1'): Runbook {
  return {
    id: 'fixture',
    title: 'Fixture',
    services: ['web'],
    alerts: [],
    contacts: [],
    file: '/rb/fixture.md',
    hash,
    annotated: true,
    steps,
  };
}

const STEPS: Step[] = [
  { ...base('look', 5), kind: 'manual', commands: [] },
  { ...base('check-health', 9), kind: 'check', command: cmd('curl', '{{url}}'), onFailure: 'ask' },
  {
    ...base('which-version', 13),
    kind: 'ask',
    variable: 'version',
    prompt: 'Version?',
    secret: false,
  },
  { ...base('token', 16), kind: 'ask', variable: 'token', prompt: 'Token?', secret: true },
  {
    ...base('decide', 19),
    kind: 'decide',
    choices: [
      { label: 'Roll back', goto: 'rollback' },
      { label: 'Fix forward', goto: 'fix' },
    ],
  },
  {
    ...base('rollback', 25),
    kind: 'run',
    command: cmd('deploy', '{{version}}'),
    onFailure: 'ask',
    next: 'verify',
  },
  { ...base('fix', 30), kind: 'manual', commands: [] },
  { ...base('verify', 34), kind: 'check', command: cmd('curl', 'x'), onFailure: 'ask' },
];

let clock = Date.parse('2026-11-22T02:00:00.000Z');
function ev(input: EventInput): OncallEvent {
  clock += 1000;
  return makeEvent(input, { incident: 'inc', actor: 'alice@host', now: new Date(clock) });
}

/** A little walk session: applies actions the way walk-ui does. */
function session(rb: Runbook, attachedHash = rb.hash) {
  const events: OncallEvent[] = [
    ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
    ev({
      type: 'runbook.attached',
      runbook: { id: rb.id, title: rb.title, file: rb.file, hash: attachedHash },
    }),
  ];
  const state = () => deriveWalk(rb, events);
  return {
    events,
    state,
    act(action: WalkAction) {
      for (const input of eventsFor(state(), action)) events.push(ev(input));
      return state();
    },
    push(input: EventInput) {
      events.push(ev(input));
      return state();
    },
  };
}

describe('deriveWalk', () => {
  it('reads a note only as a finding about one of its commands: other notes leave the walk as it was', () => {
    const rb = runbook([
      { ...base('look', 5), kind: 'manual', commands: [cmd('a'), cmd('b')] },
      ...STEPS.slice(1),
    ]);
    const walk = session(rb);
    walk.act({ type: 'enter' });
    walk.push({
      type: 'command.started',
      runId: 'r1',
      argv: ['a'],
      cwd: '/',
      stepId: 'look',
      command: 1,
    });
    walk.push({
      type: 'command.finished',
      runId: 'r1',
      exitCode: 3,
      durationMs: 1,
      outputTail: '',
      stepId: 'look',
    });
    const before = walk.state();
    expect(before.commands.get('look')?.get(0)?.outcome).toBe('failed');
    for (const kind of ['note', 'hypothesis', 'ruled-out', 'decision', 'action'] as const)
      walk.push({ type: 'note', kind, text: `a ${kind} on the way` });
    expect(walk.state()).toEqual(before);
    const after = walk.push({
      type: 'note',
      kind: 'finding',
      text: 'exit 3 is expected',
      runId: 'r1',
    });
    expect(after.commands.get('look')?.get(0)?.outcome).toBe('finding');
  });

  it('starts at the first step, not yet started', () => {
    const s = session(runbook(STEPS)).state();
    expect(s.current).toBe('look');
    expect(s.currentStarted).toBe(false);
    expect(progress(s)).toEqual({ n: 1, total: 8 });
    expect(s.hashChanged).toBe(false);
  });

  it('records step.started once per visit', () => {
    const w = session(runbook(STEPS));
    expect(eventsFor(w.state(), { type: 'enter' })).toEqual([
      { type: 'step.started', stepId: 'look' },
    ]);
    const s = w.act({ type: 'enter' });
    expect(s.currentStarted).toBe(true);
    expect(eventsFor(s, { type: 'enter' })).toEqual([]);
  });

  it('moves on after done and skipped, keeping the note and the reason', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'enter' });
    let s = w.act({ type: 'complete', note: ' looked at the graphs ' });
    expect(s.current).toBe('check-health');
    expect(w.events.at(-1)).toMatchObject({ type: 'step.completed', note: 'looked at the graphs' });
    s = w.act({ type: 'skip', reason: 'health page is down anyway' });
    expect(s.current).toBe('which-version');
    expect(s.skipped.get('check-health')).toBe('health page is down anyway');
    expect(() => eventsFor(s, { type: 'skip', reason: '  ' })).toThrow(WalkError);
  });

  it('keeps non-secret answers as variables and never logs a secret', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'complete' });
    w.act({ type: 'complete' });
    let s = w.act({ type: 'answer', value: '4.1.0', secret: false });
    expect(s.variables).toEqual({ version: '4.1.0' });
    expect(s.current).toBe('token');
    s = w.act({ type: 'answer', value: 'hunter2-secret', secret: true });
    expect(s.variables).toEqual({ version: '4.1.0' });
    expect(s.secretVariables.get('token')).toBe('token');
    expect(JSON.stringify(w.events)).not.toContain('hunter2-secret');
    expect(s.current).toBe('decide');
  });

  it("keeps a command's placeholder values as answers without leaving the step; a secret one unlogged", () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'enter' });
    let s = w.act({ type: 'fill', name: 'node-name', value: 'node-1', secret: false });
    expect(s.variables).toEqual({ 'node-name': 'node-1' });
    expect(s.current).toBe('look');
    s = w.act({ type: 'fill', name: 'api-token', value: 'sk-123', secret: true });
    expect(s.secretVariables.get('api-token')).toBe('look');
    expect(JSON.stringify(w.events)).not.toContain('sk-123');
    expect(s.current).toBe('look');
  });

  it('records an edited command with both texts, at the current step', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'edit', original: 'rm -f a', edited: 'rm -f b' });
    expect(w.events.at(-1)).toMatchObject({
      type: 'command.edited',
      stepId: 'look',
      original: 'rm -f a',
      edited: 'rm -f b',
    });
  });

  it('records a resumed walk, which is no longer paused', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'enter' });
    expect(w.act({ type: 'pause' }).paused).toBe(true);
    const s = w.act({ type: 'resume' });
    expect(w.events.at(-1)).toMatchObject({ type: 'walk.resumed', stepId: 'look' });
    expect(s.paused).toBe(false);
    expect(s.current).toBe('look');
  });

  it('follows the chosen branch of a decision, and a step’s next', () => {
    const w = session(runbook(STEPS));
    for (let i = 0; i < 4; i++) w.act({ type: 'complete' });
    expect(w.state().current).toBe('decide');
    let s = w.act({ type: 'decide', choice: 'Roll back' });
    expect(s.current).toBe('rollback');
    expect(s.decisions.get('decide')).toEqual({ choice: 'Roll back', next: 'rollback' });
    s = w.act({ type: 'complete' });
    expect(s.current).toBe('verify'); // rollback's `next` skips over `fix`
    s = w.act({ type: 'complete' });
    expect(s.current).toBeUndefined();
    expect(s.finished).toBe(false);
    s = w.act({ type: 'finish', summary: 'ok' });
    expect(s.finished).toBe(true);
    expect(summarize(s)).toEqual({
      done: 7,
      skipped: [],
      decisions: [{ stepId: 'decide', choice: 'Roll back' }],
      untouched: 1,
    });
  });

  it('takes the other branch too, and refuses an unknown choice', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'jump', to: 'decide' });
    expect(() => eventsFor(w.state(), { type: 'decide', choice: 'Panic' })).toThrow(WalkError);
    const s = w.act({ type: 'decide', choice: 'Fix forward' });
    expect(s.current).toBe('fix');
    expect(w.act({ type: 'complete' }).current).toBe('verify');
  });

  it('goes back along the path taken, not just up the file', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'jump', to: 'decide' });
    w.act({ type: 'decide', choice: 'Fix forward' });
    let s = w.state();
    expect(s.current).toBe('fix');
    expect(backTarget(s)).toBe('decide');
    s = w.act({ type: 'back' });
    expect(s.current).toBe('decide');
    expect(w.events.at(-1)).toMatchObject({
      type: 'walk.moved',
      from: 'fix',
      to: 'decide',
      reason: 'back',
    });
    expect(backTarget(s)).toBe('look'); // we jumped to `decide` from `look`
    s = w.act({ type: 'back' });
    expect(s.current).toBe('look');
    expect(backTarget(s)).toBeUndefined();
    expect(() => eventsFor(s, { type: 'back' })).toThrow(WalkError);
  });

  it('jumps to any step by id and refuses unknown ids', () => {
    const w = session(runbook(STEPS));
    const s = w.act({ type: 'jump', to: 'verify' });
    expect(s.current).toBe('verify');
    expect(progress(s)).toEqual({ n: 8, total: 8 });
    expect(() => eventsFor(s, { type: 'jump', to: 'nope' })).toThrow(WalkError);
  });

  it('notices a command started without an end, until the step is dealt with', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'complete' });
    w.act({ type: 'enter' });
    let s = w.push({
      type: 'command.started',
      runId: 'r1',
      argv: ['curl', 'x'],
      cwd: '/',
      stepId: 'check-health',
    });
    expect(s.interrupted).toMatchObject({
      stepId: 'check-health',
      runId: 'r1',
      argv: ['curl', 'x'],
    });
    // Re-running to the end clears it.
    w.push({
      type: 'command.started',
      runId: 'r2',
      argv: ['curl', 'x'],
      cwd: '/',
      stepId: 'check-health',
    });
    s = w.push({
      type: 'command.finished',
      runId: 'r2',
      exitCode: 0,
      durationMs: 5,
      outputTail: '',
      stepId: 'check-health',
    });
    expect(s.interrupted).toBeUndefined();
    // Cut off again, then skipped: no longer pending.
    s = w.push({
      type: 'command.started',
      runId: 'r3',
      argv: ['curl', 'x'],
      cwd: '/',
      stepId: 'check-health',
    });
    expect(s.interrupted?.runId).toBe('r3');
    w.act({ type: 'pause' });
    expect(w.state().paused).toBe(true);
    expect(w.state().interrupted?.runId).toBe('r3'); // still there on resume
    s = w.act({ type: 'skip', reason: 'ran it by hand' });
    expect(s.interrupted).toBeUndefined();
    expect(s.paused).toBe(false);
    // Going back to that step does not resurrect the old run.
    expect(w.act({ type: 'back' }).interrupted).toBeUndefined();
  });

  it('a finished command that was interrupted by Ctrl-C is not a cut-off run', () => {
    const w = session(runbook(STEPS));
    w.act({ type: 'complete' });
    w.push({
      type: 'command.started',
      runId: 'r1',
      argv: ['curl', 'x'],
      cwd: '/',
      stepId: 'check-health',
    });
    const s = w.push({
      type: 'command.finished',
      runId: 'r1',
      exitCode: null,
      signal: 'SIGINT',
      interrupted: true,
      durationMs: 5,
      outputTail: '',
      stepId: 'check-health',
    });
    expect(s.interrupted).toBeUndefined();
    expect(s.current).toBe('check-health');
  });

  it('resumes by step id when the runbook file changed, and says when a step vanished', () => {
    const w = session(runbook(STEPS), 'old-hash');
    w.act({ type: 'complete' });
    w.act({ type: 'complete' });
    w.act({ type: 'answer', value: '4.1', secret: false });
    // The file was edited: a step inserted at the top, the same ids otherwise.
    const edited = runbook(
      [{ ...base('page-someone', 3), kind: 'manual', commands: [] }, ...STEPS],
      'h2',
    );
    let s = deriveWalk(edited, w.events);
    expect(s.hashChanged).toBe(true);
    expect(s.current).toBe('token');
    expect(progress(s)).toEqual({ n: 5, total: 9 });
    expect(s.variables).toEqual({ version: '4.1' });
    // The step we were on was deleted: the first untouched step takes over.
    w.act({ type: 'enter' });
    const without = runbook(
      STEPS.filter((step) => step.id !== 'token'),
      'h3',
    );
    s = deriveWalk(without, w.events);
    expect(s.lostStep).toBe('token');
    expect(s.current).toBe('decide');
  });

  it('only reads the latest attachment', () => {
    const rb = runbook(STEPS);
    const w = session(rb);
    w.act({ type: 'complete' });
    w.push({
      type: 'runbook.attached',
      runbook: { id: rb.id, title: rb.title, file: rb.file, hash: 'h1' },
    });
    expect(w.state().current).toBe('look');
    expect(w.state().completed.size).toBe(0);
  });

  it('a missing step reported by a completion keeps us off the end', () => {
    const w = session(runbook(STEPS));
    w.push({ type: 'step.completed', stepId: 'gone' });
    const s = w.state();
    expect(s.lostStep).toBe('gone');
    expect(s.current).toBe('look');
  });
});

describe('variablesIn', () => {
  it('lists placeholders once, in order', () => {
    expect(
      variablesIn({ argv: ['deploy', '{{ version }}', '--to={{env}}', '{{version}}'], source: '' }),
    ).toEqual(['version', 'env']);
  });
});
