// The words of the walk, worked out from its state alone: the header, the step,
// the menus, why a command failed, output tails and the summary. A runbook is
// parsed from Markdown and the walk derived from events, as the walk UI does.
import { Chalk as ChalkClass } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident, type IncidentState } from '../../../../src/domain/incident/fold.js';
import { previewCommand } from '../../../../src/domain/runbook/command-text.js';
import { parseRunbook } from '../../../../src/domain/runbook/parse.js';
import { stepById } from '../../../../src/domain/runbook/steps.js';
import type { Runbook, Step } from '../../../../src/domain/runbook/types.js';
import { textWidth, truncate } from '../../../../src/domain/text/wrap.js';
import type { CommandMark } from '../../../../src/domain/walk/commands.js';
import { deriveWalk, summarize, type WalkState } from '../../../../src/domain/walk/machine.js';
import { makeEvent } from '../../../../src/infra/store/log.js';
import {
  type Chalk,
  cutOffChoices,
  decisionLabel,
  FAILURE_CHOICES,
  failureReason,
  freshChoice,
  headerLine,
  jumpChoices,
  type MenuFacts,
  type Moment,
  preferredOnFailure,
  stepMenu,
  stepScreen,
  summaryLine,
  tailLines,
  tailRows,
} from '../../../../src/terminal/walk/screen.js';
import type { RecordedRunResult } from '../../../../src/use-cases/exec/run.js';

/** Bytes that would act on a terminal (ESC, BEL, C1, bidi controls). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
const ACTIVE_BYTES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const FENCE = '```';
const LONG_COMMAND =
  'kubectl logs deploy/web --namespace production --since=10m --timestamps --all-containers';

const RUNBOOK_TEXT = [
  '---',
  'id: web-down',
  'title: Web down after a deploy',
  'severity: SEV2',
  'contacts: [web-lead]',
  '---',
  '# Web down after a deploy',
  '',
  '## Which namespace?',
  '<!-- step: ns kind: ask var: namespace prompt: "Which namespace?" -->',
  '',
  '## Look around',
  '<!-- step: look -->',
  'Open the dashboard.',
  '',
  'Note the error rate.',
  '',
  `${FENCE}sh`,
  'kubectl get pods -n {{namespace}}',
  FENCE,
  '',
  `${FENCE}sh`,
  LONG_COMMAND,
  FENCE,
  '',
  '## Check health',
  '<!-- step: health kind: check on-failure: skip -->',
  '',
  `${FENCE}sh`,
  'curl -fsS https://web.example/healthz',
  FENCE,
  '',
  '## Roll back',
  '<!-- step: rollback kind: run -->',
  '',
  `${FENCE}sh`,
  'deploy rollback web',
  FENCE,
  '',
  '## Let it settle',
  '<!-- step: settle kind: wait seconds: 2m -->',
  '',
  '## Until healthy',
  '<!-- step: until-healthy kind: wait seconds: 5m interval: 15s until: health -->',
  '',
  '## Decide',
  '<!-- step: choose kind: decide -->',
  '',
  '- Roll back again → rollback',
  '- Page the lead -> page',
  '',
  '## Page the lead',
  '<!-- step: page kind: escalate to: web-lead ask: "Join the bridge" -->',
  '',
].join('\n');

const parsed = parseRunbook(RUNBOOK_TEXT, '/rb/web-down.md');
const RB: Runbook = parsed.runbook;

function step(id: string): Step {
  const found = stepById(RB, id);
  if (!found) throw new Error(`fixture has no step ${id}`);
  return found;
}

// Local times, so the HH:MM on screen is the same in every time zone.
const STARTED = new Date(2026, 10, 22, 3, 0);
const DUE = new Date(2026, 10, 22, 3, 45);
const minutesAfterStart = (m: number) => new Date(STARTED.getTime() + m * 60_000);

let clock = STARTED.getTime();
function ev(input: EventInput): OncallEvent {
  clock += 1000;
  return makeEvent(input, { incident: 'inc', actor: 'alice@host', now: new Date(clock) });
}

const OPENED = ev({
  type: 'incident.opened',
  title: 'Web is down',
  severity: 'SEV2',
  startedAt: STARTED.toISOString(),
  nextUpdateDue: DUE.toISOString(),
});
const ATTACHED = ev({
  type: 'runbook.attached',
  runbook: { id: RB.id, title: RB.title, file: RB.file, hash: RB.hash },
});
const INCIDENT: IncidentState = foldIncident([OPENED]);

/** The walk after these events (on top of the incident being opened and the runbook attached). */
function walk(...inputs: EventInput[]): WalkState {
  return deriveWalk(RB, [OPENED, ATTACHED, ...inputs.map(ev)]);
}

function moment(state: WalkState, over: Partial<Moment> = {}): Moment {
  return { state, incident: INCIDENT, now: minutesAfterStart(42), drill: false, ...over };
}

const plain: Chalk = new ChalkClass({ level: 0 });
/** Shows which colour each piece of text was given. */
const tagged = {
  dim: (s: string) => `<dim>${s}</dim>`,
  yellow: (s: string) => `<yellow>${s}</yellow>`,
  green: (s: string) => `<green>${s}</green>`,
} as unknown as Chalk;

function facts(state: WalkState, over: Partial<MenuFacts> = {}): MenuFacts {
  return {
    state,
    drill: false,
    contactName: (key) => (key === 'web-lead' ? 'Dana (web lead)' : key),
    ...over,
  };
}

const values = (choices: readonly { value: string }[]) => choices.map((c) => c.value);

/** The walk with `look`'s commands at these indices dealt with (they ran) this pass. */
function dealt(state: WalkState, ran: number[], failed: number[] = []): WalkState {
  const marks = new Map<number, CommandMark>([
    ...ran.map((i): [number, CommandMark] => [i, { outcome: 'ran', exitCode: 0 }]),
    ...failed.map((i): [number, CommandMark] => [i, { outcome: 'failed', exitCode: 1 }]),
  ]);
  return { ...state, commands: new Map([['look', marks]]) };
}
const AROUND = ['skip', 'note', 'escalate', 'back', 'jump', 'quit'];

function result(over: Partial<RecordedRunResult>): RecordedRunResult {
  return {
    runId: 'r1',
    exitCode: 1,
    durationMs: 1200,
    outputTail: '',
    interrupted: false,
    ...over,
  };
}

describe('the fixture runbook', () => {
  it('parses cleanly into one step of each kind', () => {
    expect(parsed.problems).toEqual([]);
    expect(RB.steps.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'ns:ask',
      'look:manual',
      'health:check',
      'rollback:run',
      'settle:wait',
      'until-healthy:wait',
      'choose:decide',
      'page:escalate',
    ]);
  });
});

describe('headerLine', () => {
  it('says the step, severity, time since start and when the next update is due', () => {
    expect(headerLine(moment(walk()))).toBe(
      'Step 1 of 8 · SEV2 · 42m since start · next update due 03:45',
    );
  });

  it('counts the step the walk is on', () => {
    const state = walk(
      { type: 'step.answered', stepId: 'ns', variable: 'namespace', value: 'web' },
      { type: 'step.completed', stepId: 'ns' },
      { type: 'step.completed', stepId: 'look' },
    );
    expect(state.current).toBe('health');
    expect(headerLine(moment(state, { now: minutesAfterStart(65) }))).toBe(
      'Step 3 of 8 · SEV2 · 1h 05m since start · next update due 03:45',
    );
  });

  it('ends with what waits in the outbox, when anything does', () => {
    expect(headerLine(moment(walk(), { waiting: 1 }))).toBe(
      'Step 1 of 8 · SEV2 · 42m since start · next update due 03:45 · 1 message waiting to send',
    );
    expect(headerLine(moment(walk(), { waiting: 0 }))).not.toContain('waiting');
  });

  it('marks a drill first', () => {
    expect(headerLine(moment(walk(), { drill: true }))).toBe(
      'DRILL · Step 1 of 8 · SEV2 · 42m since start · next update due 03:45',
    );
  });

  it('says when the severity has no cadence, and says nothing when none was ever set', () => {
    const none = { ...INCIDENT, nextUpdateDue: null };
    expect(headerLine(moment(walk(), { incident: none }))).toBe(
      'Step 1 of 8 · SEV2 · 42m since start · no update cadence',
    );
    const unset = { ...INCIDENT, nextUpdateDue: undefined };
    expect(headerLine(moment(walk(), { incident: unset }))).toBe(
      'Step 1 of 8 · SEV2 · 42m since start',
    );
  });

  it('shows the current severity', () => {
    const sev1 = { ...INCIDENT, severity: 'SEV1' as const };
    expect(headerLine(moment(walk(), { incident: sev1 }))).toContain(' · SEV1 · ');
  });
});

describe('stepScreen', () => {
  const show = (state: WalkState) => (spec: Parameters<typeof previewCommand>[0]) =>
    previewCommand(spec, state.variables);

  it('shows the header, the title with kind and id, the body and the next command', () => {
    const state = walk(
      { type: 'step.answered', stepId: 'ns', variable: 'namespace', value: 'production' },
      { type: 'step.completed', stepId: 'ns' },
    );
    // Wide enough for the long command on one row (see "fitted to the width" below).
    expect(stepScreen(plain, moment(state, { width: 120 }), step('look'), show(state))).toEqual([
      '',
      'Step 2 of 8 · SEV2 · 42m since start · next update due 03:45',
      'Look around [manual · look]',
      '  Open the dashboard.',
      '  ',
      '  Note the error rate.',
      '  Command 1 of 2 · read-only: runs when you choose it',
      '  $ kubectl get pods -n production',
    ]);
    expect(
      stepScreen(plain, moment(dealt(state, [0])), step('look'), show(state)).slice(-3),
    ).toEqual([
      '  Command 2 of 2 · read-only: runs when you choose it',
      '  $ kubectl logs deploy/web --namespace production --since=10m --timestamps',
      '  ⤷ --all-containers',
    ]);
    expect(stepScreen(plain, moment(dealt(state, [0, 1])), step('look'), show(state)).at(-1)).toBe(
      '  All 2 commands were dealt with: choose Done when the step is done.',
    );
    // A command that failed is where the walk stopped: offered again, its failure said.
    expect(stepScreen(plain, moment(dealt(state, [0], [1])), step('look'), show(state))).toContain(
      '  Command 2 of 2 · ran before: failed (exit 1) · read-only: runs when you choose it',
    );
  });

  it("shows a check's command, a poll's command, and none for a plain wait or an ask", () => {
    const state = walk();
    const screen = (id: string) => stepScreen(plain, moment(state), step(id), show(state)).slice(2);
    expect(screen('health')).toEqual([
      'Check health [check · health]',
      '  $ curl -fsS https://web.example/healthz',
    ]);
    expect(screen('until-healthy')).toEqual([
      'Until healthy [wait · until-healthy]',
      '  $ curl -fsS https://web.example/healthz',
    ]);
    expect(screen('settle')).toEqual(['Let it settle [wait · settle]']);
    expect(screen('ns')).toEqual(['Which namespace? [ask · ns]']);
  });

  it('passes each command through `show` (variables filled, secrets masked there)', () => {
    const state = walk();
    const lines = stepScreen(plain, moment(state), step('look'), (spec) => `<${spec.argv[0]}>`);
    expect(lines.filter((l) => l.startsWith('  $ '))).toEqual(['  $ <kubectl>']);
  });

  it('adds the overdue nudge, in yellow, right under the header when an update is late', () => {
    const state = walk();
    const lines = stepScreen(
      tagged,
      moment(state, { now: minutesAfterStart(50) }),
      step('ns'),
      show(state),
    );
    expect(lines).toEqual([
      '',
      '<dim>Step 1 of 8 · SEV2 · 50m since start · next update due 03:45</dim>',
      '<yellow>status update overdue by 5m: send one with `oncall update "<text>"`</yellow>',
      'Which namespace? <dim>[ask · ns]</dim>',
    ]);
  });

  it('has no overdue line when the update is due exactly now or later', () => {
    const state = walk();
    for (const m of [42, 45]) {
      const lines = stepScreen(
        plain,
        moment(state, { now: minutesAfterStart(m) }),
        step('ns'),
        show(state),
      );
      expect(lines.some((l) => l.includes('overdue'))).toBe(false);
    }
  });

  it('has no overdue line without a cadence', () => {
    const state = walk();
    const lines = stepScreen(
      plain,
      moment(state, {
        incident: { ...INCIDENT, nextUpdateDue: null },
        now: minutesAfterStart(600),
      }),
      step('ns'),
      show(state),
    );
    expect(lines).toEqual([
      '',
      'Step 1 of 8 · SEV2 · 10h 00m since start · no update cadence',
      'Which namespace? [ask · ns]',
    ]);
  });

  it('does not nudge about updates in a drill, but marks the header DRILL', () => {
    const state = walk();
    const lines = stepScreen(
      plain,
      moment(state, { now: minutesAfterStart(50), drill: true }),
      step('ns'),
      show(state),
    );
    expect(lines).toEqual([
      '',
      'DRILL · Step 1 of 8 · SEV2 · 50m since start · next update due 03:45',
      'Which namespace? [ask · ns]',
    ]);
  });

  it('marks a step done or skipped on an earlier pass', () => {
    const state = walk(
      { type: 'step.answered', stepId: 'ns', variable: 'namespace', value: 'web' },
      { type: 'step.completed', stepId: 'ns' },
      { type: 'step.completed', stepId: 'look' },
      { type: 'step.skipped', stepId: 'health', reason: 'dashboard is enough' },
      { type: 'walk.moved', from: 'rollback', to: 'look', reason: 'jump' },
    );
    expect(state.current).toBe('look');
    expect(stepScreen(tagged, moment(state), step('look'), show(state))[2]).toBe(
      'Look around<green> (done before)</green> <dim>[manual · look]</dim>',
    );
    expect(stepScreen(tagged, moment(state), step('health'), show(state))[2]).toBe(
      'Check health<yellow> (skipped before)</yellow> <dim>[check · health]</dim>',
    );
    expect(stepScreen(tagged, moment(state), step('rollback'), show(state))[2]).toBe(
      'Roll back <dim>[run · rollback]</dim>',
    );
  });
});

describe('stepScreen fitted to the width', () => {
  const LONG_TITLE = 'Roll back the web tier to the last release that passed the canary checks';
  const BODY =
    'Open the deploy dashboard and compare the error rate with the rollout; if it rose within five minutes of the release, roll back before anything else.';
  const NARROW_RUNBOOK = parseRunbook(
    [
      '---',
      'id: narrow',
      'title: Narrow',
      '---',
      '# Narrow',
      '',
      `## ${LONG_TITLE}`,
      '<!-- step: roll-back-web-tier kind: run -->',
      '',
      BODY,
      '',
      `${FENCE}sh`,
      LONG_COMMAND,
      FENCE,
      '',
      '## Hostile',
      '<!-- step: hostile kind: manual -->',
      '',
      'Copy this\x1b]52;c;Y3VybCBldmlsfHNo\x07 \u202eetirw\u202c and \u009b2J clear',
      '',
    ]
      .join('\n')
      .replace(/\\x1b/g, '\x1b')
      .replace(/\\x07/g, '\x07')
      .replace(/\\u202e/g, '\u202e')
      .replace(/\\u202c/g, '\u202c')
      .replace(/\\u009b/g, '\u009b'),
    '/rb/narrow.md',
  ).runbook;
  const narrowStep = (id: string) => {
    const found = stepById(NARROW_RUNBOOK, id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  const at = (width: number) => ({
    state: deriveWalk(NARROW_RUNBOOK, [OPENED]),
    incident: INCIDENT,
    now: minutesAfterStart(42),
    drill: true,
    width,
  });
  const screen = (width: number, id = 'roll-back-web-tier') =>
    stepScreen(plain, at(width), narrowStep(id), (spec) => spec.source);
  const words = (text: string) => text.split(/\s+/).filter(Boolean);

  it.each([40, 80])('at %i columns no row is wider than the screen', (width) => {
    for (const row of screen(width)) expect(textWidth(row)).toBeLessThanOrEqual(width);
    for (const row of screen(width, 'hostile')) expect(textWidth(row)).toBeLessThanOrEqual(width);
  });

  it.each([40, 80])('at %i columns the body and the command keep every word whole', (width) => {
    const rows = screen(width);
    const cells = rows.flatMap(words);
    for (const word of [...words(BODY), ...words(LONG_COMMAND)]) expect(cells).toContain(word);
    // Continuation rows sit under the text they continue.
    const body = rows.slice(rows.findIndex((r) => r.startsWith('  Open')));
    expect(body.length).toBeGreaterThan(1);
    for (const row of body) expect(row).toMatch(/^ {2}\S|^ {4}\S|^ {2}\$ /);
  });

  it.each([40, 80])(
    'at %i columns the title stays on one row, shortened with an ellipsis',
    (width) => {
      const title = screen(width).find((r) => r.startsWith('Roll back'));
      expect(title).toBeDefined();
      expect(textWidth(title ?? '')).toBeLessThanOrEqual(width);
      expect(title).toContain('…');
    },
  );

  it('keeps the [kind · id] tag when there is room for a readable title, and drops it when not', () => {
    const wide = screen(80).find((r) => r.startsWith('Roll back'));
    expect(wide?.endsWith('[run · roll-back-web-tier]')).toBe(true);
    const narrow = screen(40).find((r) => r.startsWith('Roll back'));
    expect(narrow).toBe(truncate(LONG_TITLE, 40));
  });

  it('breaks the header only between its parts', () => {
    const rows = screen(40).slice(1, 3);
    expect(rows[0]).toBe('DRILL · Step 1 of 2 · SEV2');
    expect(rows[1]).toBe('42m since start · next update due 03:45');
    expect(rows.join(' · ')).toBe(headerLine(at(40)));
    for (const row of rows) expect(row).not.toMatch(/Step \d+$|^of /);
  });

  it('shows runbook text that would drive the terminal as codes', () => {
    const rows = screen(80, 'hostile');
    const text = rows.join('\n');
    expect(text).toContain(
      'Copy this\\x1b]52;c;Y3VybCBldmlsfHNo\\x07 \\u202eetirw\\u202c and \\x9b2J clear',
    );
    expect(text).not.toMatch(ACTIVE_BYTES);
  });
});

describe('tailRows', () => {
  const OUTPUT = [
    'NAME                         READY   STATUS             RESTARTS   AGE',
    'web-7d4b9c6f5d-2xkqp         0/1     CrashLoopBackOff   12         41m',
    'steal\x1b]52;c;ZWNobyBvd25lZA==\x07 the clipboard, \x1b[2J clear, \u202ereverse',
  ].join('\n');

  it.each([40, 80])('at %i columns every row is in the gutter and fits', (width) => {
    const rows = tailRows(OUTPUT, width);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.startsWith('  │ ')).toBe(true);
      expect(textWidth(row)).toBeLessThanOrEqual(width);
    }
  });

  it('shows escapes in the output as codes', () => {
    const rows = tailRows(OUTPUT, 200);
    expect(rows[2]).toBe(
      '  │ steal\\x1b]52;c;ZWNobyBvd25lZA==\\x07 the clipboard, \\x1b[2J clear, \\u202ereverse',
    );
    expect(rows.join('\n')).not.toMatch(ACTIVE_BYTES);
  });
});

describe('stepMenu', () => {
  const atLook = () =>
    walk(
      { type: 'step.answered', stepId: 'ns', variable: 'namespace', value: 'web' },
      { type: 'step.completed', stepId: 'ns' },
    );

  it('offers no "Go back" on the first step of a fresh walk', () => {
    const menu = stepMenu(step('ns'), facts(walk()));
    expect(menu).toEqual([
      { value: 'do', name: 'Answer' },
      { value: 'skip', name: 'Skip (give a reason)' },
      { value: 'note', name: 'Add a note' },
      { value: 'escalate', name: 'Escalate' },
      { value: 'jump', name: 'Jump to a step' },
      { value: 'quit', name: 'Quit (resume later)' },
    ]);
  });

  it('offers "Go back" on the first step when the walk jumped there from later on', () => {
    const state = walk({ type: 'walk.moved', from: 'health', to: 'ns', reason: 'jump' });
    expect(values(stepMenu(step('ns'), facts(state)))).toEqual(['do', ...AROUND]);
  });

  it("offers a section's next command (run, edit, skip), another one, then Done", () => {
    const state = atLook();
    expect(stepMenu(step('look'), facts(dealt(state, [0])))).toEqual([
      { value: 'cmd:1', name: 'Run it' },
      { value: 'edit:1', name: 'Edit it, then run' },
      { value: 'skipcmd:1', name: 'Skip this command' },
      { value: 'pick', name: 'Another of its commands…' },
      { value: 'do', name: 'Done with this step' },
      { value: 'skip', name: 'Skip (give a reason)' },
      { value: 'note', name: 'Add a note' },
      { value: 'escalate', name: 'Escalate' },
      { value: 'back', name: 'Go back' },
      { value: 'jump', name: 'Jump to a step' },
      { value: 'quit', name: 'Quit (resume later)' },
    ]);
  });

  it('offers Done first once every command was dealt with', () => {
    const menu = stepMenu(step('look'), facts(dealt(atLook(), [0, 1])));
    expect(values(menu).slice(0, 2)).toEqual(['do', 'pick']);
  });

  it('offers no commands to run in a drill', () => {
    const menu = stepMenu(step('look'), facts(atLook(), { drill: true }));
    expect(menu[0]).toEqual({ value: 'do', name: 'Done' });
    expect(values(menu)).toEqual(['do', ...AROUND]);
  });

  it('words the one action of each kind of step, for real and in a drill', () => {
    const state = walk();
    const first = (id: string, drill: boolean) =>
      stepMenu(step(id), facts(state, { drill }))[0]?.name;
    expect(first('health', false)).toBe('Run the check');
    expect(first('health', true)).toBe('Read it aloud: say what you expect');
    expect(first('rollback', false)).toBe('Run it (asks first)');
    expect(first('rollback', true)).toBe('Read it aloud: say what you expect');
    expect(first('settle', false)).toBe('Start waiting (2m)');
    expect(first('settle', true)).toBe('Done (a drill does not wait)');
    expect(first('until-healthy', false)).toBe('Poll until it passes (up to 5m)');
    expect(first('until-healthy', true)).toBe('Done (a drill does not wait)');
    expect(first('ns', true)).toBe('Answer');
    expect(first('page', false)).toBe('Escalate to Dana (web lead)');
  });

  it("offers a decision's choices instead of a single action", () => {
    const state = walk({ type: 'walk.moved', from: 'ns', to: 'choose', reason: 'jump' });
    const menu = stepMenu(step('choose'), facts(state));
    expect(menu.slice(0, 2)).toEqual([
      { value: 'choice:Roll back again', name: '→ Roll back again' },
      { value: 'choice:Page the lead', name: '→ Page the lead' },
    ]);
    expect(values(menu)).not.toContain('do');
    expect(values(menu).slice(2)).toEqual(AROUND);
    expect(menu.map((c) => decisionLabel(c.value)).slice(0, 2)).toEqual([
      'Roll back again',
      'Page the lead',
    ]);
  });

  it('offers no second "Escalate" on an escalate step', () => {
    const state = walk({ type: 'walk.moved', from: 'ns', to: 'page', reason: 'jump' });
    const menu = stepMenu(step('page'), facts(state));
    expect(values(menu)).toEqual(['do', 'skip', 'note', 'back', 'jump', 'quit']);
    expect(menu.filter((c) => c.name.startsWith('Escalate'))).toHaveLength(1);
  });
});

describe('menu values', () => {
  it('reads back decision labels, and nothing else', () => {
    expect(decisionLabel('choice:Roll back: now')).toBe('Roll back: now');
    expect(decisionLabel('cmd:0')).toBeUndefined();
  });
});

describe('freshChoice', () => {
  const state = walk();
  const look = (ran: number[]) => freshChoice(stepMenu(step('look'), facts(dealt(state, ran))));

  it('starts on the next command not yet dealt with, then Done', () => {
    expect(look([])).toBe('cmd:0');
    expect(look([0])).toBe('cmd:1');
    expect(look([1])).toBe('cmd:0');
    expect(look([0, 1])).toBe('do');
  });

  it("starts on a step's own action", () => {
    expect(freshChoice(stepMenu(step('health'), facts(state)))).toBe('do');
    expect(freshChoice(stepMenu(step('page'), facts(state)))).toBe('do');
  });

  it('leaves a decision to the responder (no default)', () => {
    expect(freshChoice(stepMenu(step('choose'), facts(state)))).toBe(undefined);
  });
});

describe('jumpChoices', () => {
  it('numbers every step, marks what happened to it and where the walk is', () => {
    const state = walk(
      { type: 'step.answered', stepId: 'ns', variable: 'namespace', value: 'web' },
      { type: 'step.completed', stepId: 'ns' },
      { type: 'step.completed', stepId: 'look' },
      { type: 'step.skipped', stepId: 'health', reason: 'known bad' },
      { type: 'walk.moved', from: 'rollback', to: 'choose', reason: 'jump' },
      { type: 'step.decided', stepId: 'choose', choice: 'Page the lead', next: 'page' },
    );
    expect(jumpChoices(RB, state)).toEqual([
      { value: 'ns', name: '1. Which namespace? ✓' },
      { value: 'look', name: '2. Look around ✓' },
      { value: 'health', name: '3. Check health (skipped)' },
      { value: 'rollback', name: '4. Roll back' },
      { value: 'settle', name: '5. Let it settle' },
      { value: 'until-healthy', name: '6. Until healthy' },
      { value: 'choose', name: '7. Decide ✓' },
      { value: 'page', name: '8. Page the lead ← here' },
    ]);
  });

  it('marks a step done before and current with both', () => {
    const state = walk(
      { type: 'step.completed', stepId: 'ns' },
      { type: 'walk.moved', from: 'look', to: 'ns', reason: 'back' },
    );
    expect(jumpChoices(RB, state)[0]).toEqual({
      value: 'ns',
      name: '1. Which namespace? ✓ ← here',
    });
  });
});

describe('failureReason', () => {
  it('gives the exit code', () => {
    expect(failureReason(result({ exitCode: 1 }))).toBe('exit 1');
    expect(failureReason(result({ exitCode: 127 }))).toBe('exit 127');
  });

  it('names the signal that killed it', () => {
    expect(failureReason(result({ exitCode: null, signal: 'SIGKILL' }))).toBe('killed by SIGKILL');
  });

  it('says why it could not start, before anything else', () => {
    expect(
      failureReason(result({ exitCode: null, spawnError: 'spawn nope ENOENT', signal: 'SIGTERM' })),
    ).toBe('could not start: spawn nope ENOENT');
  });

  it('says it was interrupted, never "exit null"', () => {
    expect(failureReason(result({ exitCode: null, interrupted: true }))).toBe('interrupted');
    expect(failureReason(result({ exitCode: 130, interrupted: true }))).toBe('interrupted');
    // A signal is the more precise word.
    expect(failureReason(result({ exitCode: null, signal: 'SIGINT', interrupted: true }))).toBe(
      'killed by SIGINT',
    );
  });
});

describe('after a failure', () => {
  it('offers every way on, in order', () => {
    expect(FAILURE_CHOICES).toEqual([
      { value: 'retry', name: 'Retry' },
      { value: 'back', name: 'Back to this step (this command stays next)' },
      { value: 'skip', name: 'Skip this step (give a reason)' },
      { value: 'finding', name: 'Done (the failure is the finding): give a reason' },
      { value: 'shell', name: 'Open a shell, then come back here' },
      { value: 'escalate', name: 'Escalate' },
      { value: 'abort', name: 'Stop the walk here (resume later)' },
    ]);
  });

  it("starts on the runbook's on-failure choice, else a retry", () => {
    expect(preferredOnFailure(step('health'))).toBe('skip');
    expect(preferredOnFailure(step('rollback'))).toBe('retry');
    expect(preferredOnFailure(step('until-healthy'))).toBe('retry');
    expect(preferredOnFailure(step('look'))).toBe('retry');
    const escalating: Step = {
      ...(step('rollback') as Step & { kind: 'run' }),
      onFailure: 'escalate',
    };
    expect(preferredOnFailure(escalating)).toBe('escalate');
  });

  it('offers a re-run of a cut-off command only when there is one to re-run', () => {
    expect(cutOffChoices(true)).toEqual([
      { value: 'look', name: 'Look first (show the step menu)' },
      { value: 'rerun', name: 'Run it again' },
      { value: 'done', name: 'It ran: mark the step done' },
      { value: 'skip', name: 'Skip (give a reason)' },
    ]);
    expect(values(cutOffChoices(false))).toEqual(['look', 'done', 'skip']);
  });
});

describe('tailLines', () => {
  it('is nothing for empty or blank output', () => {
    expect(tailLines('')).toEqual([]);
    expect(tailLines('  \n\n\t\n')).toEqual([]);
  });

  it('drops trailing blank lines, keeps indentation and blank lines between', () => {
    expect(tailLines('  indented\n\nlast\n\n\n')).toEqual(['  indented', '', 'last']);
  });

  it('keeps the last ten lines by default', () => {
    const output = `${Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
    const lines = tailLines(output);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('line 6');
    expect(lines.at(-1)).toBe('line 15');
  });

  it('keeps as many as asked', () => {
    expect(tailLines('a\nb\nc\nd', 2)).toEqual(['c', 'd']);
    expect(tailLines('only', 3)).toEqual(['only']);
  });
});

describe('summaryLine', () => {
  it('counts done and skipped steps and lists the decisions', () => {
    const state = walk(
      { type: 'step.answered', stepId: 'ns', variable: 'namespace', value: 'web' },
      { type: 'step.completed', stepId: 'ns' },
      { type: 'step.completed', stepId: 'look' },
      { type: 'step.skipped', stepId: 'health', reason: 'known bad' },
      { type: 'step.completed', stepId: 'rollback' },
      { type: 'step.completed', stepId: 'settle' },
      { type: 'step.skipped', stepId: 'until-healthy', reason: 'no time' },
      { type: 'step.decided', stepId: 'choose', choice: 'Page the lead', next: 'page' },
      { type: 'step.completed', stepId: 'page' },
    );
    expect(summaryLine(summarize(state))).toBe('6 done, 2 skipped, decided: Page the lead');
  });

  it('counts steps never reached, leaves out decisions when there were none, joins several in order', () => {
    expect(summaryLine({ done: 0, skipped: [], decisions: [], untouched: 8 })).toBe(
      '0 done, 0 skipped, 8 not reached',
    );
    expect(
      summaryLine({
        done: 3,
        skipped: [{ stepId: 'x', reason: 'r' }],
        decisions: [
          { stepId: 'a', choice: 'Roll back' },
          { stepId: 'b', choice: 'Page the lead' },
        ],
        untouched: 0,
      }),
    ).toBe('3 done, 1 skipped, decided: Roll back, Page the lead');
  });
});

describe('a wide expected output and a long command on a narrow screen', () => {
  const TABLE_ROW = `web-7d9f   1/1   Running   0   3d   10.0.0.12   node-a   ${'x'.repeat(80)}`;
  const runbook = parseRunbook(
    [
      '# Wide',
      '',
      '## Look',
      '',
      '```console',
      '$ kubectl get pods -o wide --all-namespaces --field-selector=status.phase=Running --sort-by=.metadata.name',
      'NAME       READY STATUS    RESTARTS AGE IP          NODE     NOMINATED',
      TABLE_ROW,
      '```',
      '',
      '```sh',
      'cd /srv/app',
      'terraform plan -target=module.web -var-file=production.tfvars -out=plan.out -lock-timeout=60s',
      '```',
    ].join('\n'),
    '/rb/wide.md',
  ).runbook;
  const look = stepById(runbook, 'look') as Step;
  const rows = (width: number, at: number[] = []) => {
    const state = deriveWalk(runbook, [OPENED]);
    const marks = new Map(at.map((i): [number, CommandMark] => [i, { outcome: 'ran' }]));
    const moment = {
      state: { ...state, commands: new Map([['look', marks]]) },
      incident: INCIDENT,
      now: minutesAfterStart(1),
      drill: false,
      width,
    };
    return stepScreen(plain, moment, look, (spec) => spec.source);
  };

  it('cuts each output line with … instead of wrapping it into scrambled rows', () => {
    const screen = rows(60);
    const output = screen.filter((r) => r.startsWith('  │ '));
    expect(output).toHaveLength(2);
    for (const row of output) {
      expect(textWidth(row)).toBeLessThanOrEqual(60);
      expect(row.endsWith('…')).toBe(true);
    }
  });

  it('marks the rows a long command wraps into: never read as a line of their own, nor a new command', () => {
    const command = rows(60).filter((r) => /^ {2}[$⤷]/.test(r));
    expect(command[0]).toMatch(/^ {2}\$ kubectl get pods/);
    expect(command.length).toBeGreaterThan(1);
    for (const row of command.slice(1)) expect(row).toMatch(/^ {2}⤷ \S/);
    // A script's own second line is indented, unmarked; its wrapped rows are marked.
    const script = rows(60, [0]).filter((r) => /^ {2}[$⤷ ]/.test(r));
    expect(script[0]).toBe('  $ cd /srv/app');
    expect(script[1]).toMatch(/^ {4}terraform plan/);
    expect(script.slice(2).every((r) => r.startsWith('  ⤷ '))).toBe(true);
  });
});

describe("a wide Markdown table in a step's text", () => {
  it('keeps each row on one row, cut with …, and wraps the prose around it', () => {
    const row = `| ${'Alert'.padEnd(30)} | ${'What it means'.padEnd(60)} | Runbook |`;
    const runbook = parseRunbook(
      [
        '# T',
        '',
        '## Read the table',
        '',
        `Some prose that is long enough to wrap on a narrow screen of forty.`,
        '',
        row,
        row,
      ].join('\n'),
      '/rb/table.md',
    ).runbook;
    const screen = stepScreen(
      plain,
      {
        state: deriveWalk(runbook, [OPENED]),
        incident: INCIDENT,
        now: minutesAfterStart(1),
        drill: false,
        width: 40,
      },
      stepById(runbook, 'read-the-table') as Step,
      (spec) => spec.source,
    );
    const table = screen.filter((r) => r.startsWith('  |'));
    expect(table).toHaveLength(2);
    for (const r of table) expect(r.endsWith('…') && textWidth(r) <= 40).toBe(true);
    // The prose around it still wraps, every word kept.
    const prose = screen.filter((r) => /Some|prose|narrow|forty/.test(r));
    expect(prose.length).toBeGreaterThan(1);
    expect(prose.join(' ')).toContain('forty.');
  });
});
