// A sandbox with the walk fixtures copied in and a config pointing at them, so
// a test may edit a runbook (to change its hash) without touching the repo;
// and a responder at a terminal walking it, so a test reads as the story it
// tells ("at step 2, skip it because…") instead of as keystrokes.
import { expect } from 'vitest';
import { type Sandbox, sandbox } from './cli.js';
import { KEY, spawnOncall, type Terminal } from './pty.js';
import { withWalkRunbooks } from './walk-runbooks.js';

export { ofType } from './walk-runbooks.js';

export function walkSandbox(extraConfig = ''): Sandbox {
  return withWalkRunbooks(sandbox({ ONCALL_ACTOR: 'alice@host' }), extraConfig);
}

/** The answers `oncall start` would otherwise ask for. */
export interface IncidentFacts {
  title: string;
  sev: string;
  impact: string;
  /** e.g. "5m ago": the header's clock counts from it. */
  startedAt: string;
  service?: string;
}

function incidentFlags(facts: IncidentFacts): string[] {
  return [
    '--title',
    facts.title,
    ...(facts.service ? ['--service', facts.service] : []),
    '--sev',
    facts.sev,
    '--impact',
    facts.impact,
    '--started-at',
    facts.startedAt,
  ];
}

/**
 * A responder at the walk's menus. Every step waits for what the screen shows
 * (polling, with a timeout), never for a fixed time.
 */
interface WalkTerminal extends Terminal {
  /** Waits for the header of step `n` of `total`; with `choice`, then picks it (see pick). */
  step(n: number, total: number, choice?: string): Promise<void>;
  /** Waits for the cursor to rest on `label` (where the menu starts it), then picks it. */
  pick(label: string): Promise<void>;
  /** From the cursor on `from`, presses `keys` until it rests on `to`, then picks it. */
  move(from: string, keys: string[], to: string): Promise<void>;
  /** Waits for a question, then types the answer and Enter. */
  reply(question: string, text: string): Promise<void>;
  /** At a menu starting on `from`, picks the Skip right below it and gives the reason. */
  skip(from: string, reason: string, label?: string): Promise<void>;
  /** At the failure menu (the cursor on Retry), skips the step with a reason. */
  skipFailed(reason: string): Promise<void>;
  /** At a menu starting on `from`, goes up (the list wraps) to Quit: the walk pauses. */
  quit(from: string): Promise<void>;
  /** Waits for `text` on the screen (a menu, a running command), then presses Ctrl-C. */
  interrupt(text: string): Promise<void>;
  /**
   * The walk says how to resume, and the process exits: 0 after Quit, 130 after
   * Ctrl-C (interrupted, as a shell says).
   */
  paused(exitCode?: 0 | 130): Promise<void>;
}

export function openWalk(box: Sandbox, args: string[]): WalkTerminal {
  const t = spawnOncall(args, box);
  const w: WalkTerminal = {
    ...t,
    async step(n, total, choice) {
      await t.waitFor(`Step ${n} of ${total}`);
      if (choice !== undefined) await w.pick(choice);
    },
    async pick(label) {
      await t.waitFor(`❯ ${label}`);
      t.press(KEY.enter);
    },
    async move(from, keys, to) {
      await t.waitFor(`❯ ${from}`);
      t.press(...keys);
      await w.pick(to);
    },
    async reply(question, text) {
      await t.waitFor(question);
      t.answer(text);
    },
    async skip(from, reason, label = 'Skip (give a reason)') {
      await w.move(from, [KEY.down], label);
      await w.reply('Why skip it?', reason);
    },
    async skipFailed(reason) {
      // Below Retry: "Back to this step", then the skip.
      await w.move('Retry', [KEY.down, KEY.down], 'Skip this step (give a reason)');
      await w.reply('Why skip it?', reason);
    },
    async quit(from) {
      await w.move(from, [KEY.up], 'Quit (resume later)');
      await w.paused();
    },
    async interrupt(text) {
      await t.waitFor(text);
      t.press(KEY.ctrlC);
    },
    async paused(exitCode = 0) {
      await t.waitFor('Paused. Resume with: oncall resume');
      expect(await t.exit).toBe(exitCode);
    },
  };
  return w;
}

/** `oncall start [runbook]` with every incident fact given, so only the walk asks. */
export function startWalk(
  box: Sandbox,
  runbook: string | undefined,
  facts: IncidentFacts,
): WalkTerminal {
  return openWalk(box, ['start', ...(runbook ? [runbook] : []), ...incidentFlags(facts)]);
}
