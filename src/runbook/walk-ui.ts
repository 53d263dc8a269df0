// The interactive walk-through: one step at a time, every answer recorded.
// Each turn reads the log and asks the pure walker where we are, so this loop
// keeps no position of its own: what the screen shows is what `resume` shows.
// Only secret answers live here (in memory), because they never enter the log.
import { spawn } from 'node:child_process';
import { record } from '../commands/common.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { type RecordedRunResult, runRecorded } from '../exec/run.js';
import { overdueLine } from '../incident/cadence.js';
import type { EventInput } from '../incident/events.js';
import { foldIncident, type IncidentState } from '../incident/fold.js';
import { clockTime, formatDuration } from '../incident/time.js';
import { type IncidentRef, readActiveId } from '../store/incidents.js';
import { readLog } from '../store/log.js';
import { dataHome } from '../store/paths.js';
import { println, warnDamage } from '../ui/output.js';
import {
  askChoice,
  askConfirm,
  askSecret,
  askText,
  type Choice,
  PromptCancelled,
} from '../ui/prompts.js';
import { fillText, firstLine, type Prepared, prepareCommand, showCommand } from './command-text.js';
import type { CommandSpec, Runbook, Step } from './types.js';
import { fillCommand } from './vars.js';
import {
  backTarget,
  commandsOf,
  deriveWalk,
  eventsFor,
  progress,
  stepById,
  summarize,
  variablesIn,
  type WalkAction,
  type WalkState,
} from './walker.js';

type Chalk = typeof import('chalk').default;

export interface WalkOptions {
  /** Table-top practice: nothing is executed, every event is marked drill. */
  drill: boolean;
}

export type WalkOutcome = 'finished' | 'paused';

/** Where the loop goes after handling one screen. */
type Turn = 'again' | 'paused';

const FLAG = 'oncall resume (in a terminal)';

export async function walkRunbook(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  runbook: Runbook,
  options: WalkOptions,
): Promise<WalkOutcome> {
  const chalk = (await import('chalk')).default;
  const w = new Walk(ctx, config, ref, runbook, options, chalk);
  return w.run();
}

class Walk {
  /** Answers to secret `ask` steps, this session only. */
  private readonly secrets = new Map<string, string>();
  /** Commands of manual steps run this session (`step:index`): ticked in the menu. */
  private readonly ran = new Set<string>();
  /** Cut-off runs the responder chose to look into first: not asked again this session. */
  private readonly seenInterrupted = new Set<string>();
  private incident!: IncidentState;
  private state!: WalkState;

  constructor(
    private readonly ctx: Context,
    private readonly config: ResolvedConfig,
    private readonly ref: IncidentRef,
    private readonly runbook: Runbook,
    private readonly options: WalkOptions,
    private readonly c: Chalk,
  ) {}

  private say(line = ''): void {
    println(this.ctx, line);
  }

  private record(inputs: EventInput[]): void {
    if (inputs.length) record(this.ctx, this.ref, inputs, { drill: this.options.drill });
  }

  private act(action: WalkAction): void {
    this.record(eventsFor(this.state, action));
  }

  /** Reads the log again: other terminals may have written to it. */
  private load(first: boolean): void {
    const { events, damaged } = readLog(this.ref.file);
    if (first) warnDamage(this.ctx, damaged);
    this.incident = foldIncident(events);
    this.state = deriveWalk(this.runbook, events);
  }

  async run(): Promise<WalkOutcome> {
    this.load(true);
    this.announce();
    let mistakes = 0;
    for (;;) {
      if (this.state.finished) return 'finished';
      if (this.state.current === undefined) {
        this.finish();
        return 'finished';
      }
      let turn: Turn;
      try {
        this.act({ type: 'enter' });
        this.load(false);
        turn = await this.screen();
        mistakes = 0;
      } catch (error) {
        if (error instanceof PromptCancelled) {
          this.pause();
          return 'paused';
        }
        // A user-level problem (a variable without a value, a bad answer) is
        // shown and the step offered again; the walk goes on. Three in a row
        // without any answer in between means it cannot go on: stop cleanly.
        if (!(error instanceof UsageError) || ++mistakes > 2) throw error;
        this.say(this.c.red(error.message));
        turn = 'again';
      }
      if (turn === 'paused') return 'paused';
      this.load(false);
    }
  }

  /** What a returning responder needs to know before the first step. */
  private announce(): void {
    const { c, state } = this;
    const kind = this.options.drill ? 'Drill' : 'Runbook';
    this.say(
      `${kind}: ${this.runbook.title} ${c.dim(`(${this.runbook.id}, ${state.runbook.steps.length} steps)`)}`,
    );
    if (state.hashChanged) {
      this.say(
        c.yellow(
          `${this.runbook.file} changed since this incident started; continuing by step id${state.current ? ` at ${state.current}` : ''}.`,
        ),
      );
    }
    if (state.paused || state.currentStarted) {
      this.say(c.dim('Picking up where the walk stopped.'));
    }
    if (state.lostStep) {
      this.say(
        c.yellow(
          `Step ${state.lostStep} is no longer in the runbook; continuing at the first step not yet done.`,
        ),
      );
    }
  }

  private header(): string {
    const { n, total } = progress(this.state);
    const now = this.ctx.now();
    const since = now.getTime() - new Date(this.incident.startedAt).getTime();
    const due = this.incident.nextUpdateDue;
    const parts = [
      ...(this.options.drill ? ['DRILL'] : []),
      `Step ${n} of ${total}`,
      this.incident.severity,
      `${elapsedClock(since)} since start`,
      ...(due ? [`next update due ${clockTime(due)}`] : due === null ? ['no update cadence'] : []),
    ];
    return parts.join(' · ');
  }

  private showStep(step: Step): void {
    const { c } = this;
    this.say();
    this.say(c.dim(this.header()));
    const overdue = overdueLine(this.incident.nextUpdateDue, this.ctx.now());
    if (overdue && !this.options.drill) this.say(c.yellow(overdue));
    const mark = this.state.completed.has(step.id)
      ? c.green(' (done before)')
      : this.state.skipped.has(step.id)
        ? c.yellow(' (skipped before)')
        : '';
    this.say(`${step.title}${mark} ${c.dim(`[${step.kind} · ${step.id}]`)}`);
    const body = step.body.trim();
    if (body) for (const line of body.split('\n')) this.say(`  ${line}`);
    for (const spec of commandsOf(step)) this.say(`  ${c.dim('$')} ${this.display(spec)}`);
  }

  /** One screen: the step and its menu; returns after one recorded action (or none). */
  private async screen(): Promise<Turn> {
    const step = stepById(this.runbook, this.state.current);
    if (!step) return 'again';
    this.showStep(step);
    const cut = this.state.interrupted;
    // A wait's poll is read-only and repeats anyway: only real steps' commands are asked about.
    if (
      cut &&
      step.kind !== 'wait' &&
      !this.options.drill &&
      !this.seenInterrupted.has(cut.runId)
    ) {
      return this.interrupted(step);
    }
    const choices = this.menu(step);
    // After running a section's command, the cursor moves on to the next one (or Done).
    const fresh = choices.find(
      (c) =>
        c.value === 'do' ||
        (c.value.startsWith('cmd:') && !this.ran.has(`${step.id}:${c.value.slice(4)}`)),
    );
    const choice = await askChoice(this.ctx, {
      flag: FLAG,
      message: 'Next?',
      choices,
      ...(fresh ? { default: fresh.value } : {}),
    });
    return this.handle(step, choice);
  }

  private menu(step: Step): Choice[] {
    const drill = this.options.drill;
    const primary: Choice[] = [];
    switch (step.kind) {
      case 'manual':
        if (!drill) {
          step.commands.forEach((spec, i) => {
            const ran = this.ran.has(`${step.id}:${i}`) ? ' ✓' : '';
            primary.push({ value: `cmd:${i}`, name: `Run: ${firstLine(spec.source)}${ran}` });
          });
        }
        primary.push({ value: 'do', name: 'Done' });
        break;
      case 'check':
        primary.push({
          value: 'do',
          name: drill ? 'Read it aloud: say what you expect' : 'Run the check',
        });
        break;
      case 'run':
        primary.push({
          value: 'do',
          name: drill ? 'Read it aloud: say what you expect' : 'Run it (asks first)',
        });
        break;
      case 'ask':
        primary.push({ value: 'do', name: 'Answer' });
        break;
      case 'wait':
        primary.push({
          value: 'do',
          name: drill
            ? 'Done (a drill does not wait)'
            : step.until
              ? `Poll until it passes (up to ${formatDuration(step.seconds * 1000)})`
              : `Start waiting (${formatDuration(step.seconds * 1000)})`,
        });
        break;
      case 'decide':
        for (const choice of step.choices) {
          primary.push({ value: `choice:${choice.label}`, name: `→ ${choice.label}` });
        }
        break;
      case 'escalate':
        primary.push({ value: 'do', name: `Escalate to ${this.contactName(step.to)}` });
        break;
    }
    const rest: Choice[] = [
      { value: 'skip', name: 'Skip (give a reason)' },
      { value: 'note', name: 'Add a note' },
      ...(step.kind === 'escalate' ? [] : [{ value: 'escalate', name: 'Escalate' }]),
      ...(backTarget(this.state) ? [{ value: 'back', name: 'Go back' }] : []),
      { value: 'jump', name: 'Jump to a step' },
      { value: 'quit', name: 'Quit (resume later)' },
    ];
    return [...primary, ...rest];
  }

  private async handle(step: Step, choice: string): Promise<Turn> {
    if (choice.startsWith('choice:')) {
      this.act({ type: 'decide', choice: choice.slice('choice:'.length) });
      return 'again';
    }
    if (choice.startsWith('cmd:') && step.kind === 'manual') {
      const spec = step.commands[Number(choice.slice(4))];
      if (!spec) return 'again';
      return this.runCommand(step, spec, {
        confirm: true,
        mode: 'inherit',
        completes: false,
        ranKey: `${step.id}:${choice.slice(4)}`,
      });
    }
    switch (choice) {
      case 'do':
        return this.doStep(step);
      case 'skip':
        return this.skip();
      case 'note': {
        const text = await askText(this.ctx, { flag: FLAG, message: 'Note:' });
        this.record([{ type: 'note', kind: 'note', text }]);
        this.say(this.c.green('Noted.'));
        return 'again';
      }
      case 'escalate':
        await this.escalate();
        return 'again';
      case 'back':
        this.act({ type: 'back' });
        return 'again';
      case 'jump':
        return this.jump();
      case 'quit':
        this.pause();
        return 'paused';
      default:
        return 'again';
    }
  }

  private async doStep(step: Step): Promise<Turn> {
    if (this.options.drill && (step.kind === 'check' || step.kind === 'run')) {
      const expect = await askText(this.ctx, {
        flag: FLAG,
        message: 'Nothing runs in a drill. What would you expect it to show?',
      });
      this.act({ type: 'complete', note: `expected: ${expect}` });
      return 'again';
    }
    switch (step.kind) {
      case 'manual':
        this.act({ type: 'complete' });
        return 'again';
      case 'check':
        return this.runCommand(step, step.command, {
          confirm: false,
          mode: 'capture',
          completes: true,
        });
      case 'run':
        return this.runCommand(step, step.command, {
          confirm: true,
          mode: 'inherit',
          completes: true,
        });
      case 'ask': {
        const value = step.secret
          ? await askSecret(this.ctx, { flag: FLAG, message: step.prompt })
          : await askText(this.ctx, { flag: FLAG, message: step.prompt });
        if (step.secret) this.secrets.set(step.variable, value);
        this.act({ type: 'answer', value, secret: step.secret });
        return 'again';
      }
      case 'wait':
        if (this.options.drill) {
          this.act({ type: 'waited', outcome: 'elapsed', waitedMs: 0 });
          this.act({ type: 'complete', note: 'drill: not waited' });
          return 'again';
        }
        return this.wait(step);
      case 'escalate': {
        await this.escalate(step.to, step.ask);
        this.act({ type: 'complete' });
        return 'again';
      }
      case 'decide':
        return 'again';
    }
  }

  private async skip(): Promise<Turn> {
    const reason = await askText(this.ctx, { flag: FLAG, message: 'Why skip it? (one line)' });
    this.act({ type: 'skip', reason });
    return 'again';
  }

  private async jump(): Promise<Turn> {
    const choices = this.runbook.steps.map((s, i) => {
      const mark = this.state.completed.has(s.id)
        ? ' ✓'
        : this.state.skipped.has(s.id)
          ? ' (skipped)'
          : '';
      const here = s.id === this.state.current ? ' ← here' : '';
      return { value: s.id, name: `${i + 1}. ${s.title}${mark}${here}` };
    });
    const to = await askChoice(this.ctx, {
      flag: FLAG,
      message: 'Jump to which step?',
      choices,
      default: this.state.current,
    });
    if (to !== this.state.current) this.act({ type: 'jump', to });
    return 'again';
  }

  private contactName(key: string): string {
    const contact = this.config.contacts[key];
    return contact ? `${contact.name} (${key})` : key;
  }

  /** Records an escalation and shows the summary to send (rendered by `oncall escalate`'s code). */
  private async escalate(to?: string, ask?: string): Promise<void> {
    let who = to;
    if (!who) {
      const keys = [...new Set([...this.runbook.contacts, ...Object.keys(this.config.contacts)])];
      if (keys.length) {
        who = await askChoice(this.ctx, {
          flag: FLAG,
          message: 'Escalate to whom?',
          choices: [
            ...keys.map((k) => ({ value: k, name: this.contactName(k) })),
            { value: '', name: 'Someone else' },
          ],
        });
      }
      if (!who)
        who = await askText(this.ctx, {
          flag: FLAG,
          message: 'Escalate to whom? (name or handle)',
        });
    }
    const what = await askText(this.ctx, {
      flag: FLAG,
      message: `What do you need from ${this.contactName(who)}?`,
      ...(ask ? { default: fillText(ask, this.variables(true)) } : {}),
    });
    const toName = this.config.contacts[who]?.name;
    const summary = await this.escalationSummary(who, what);
    this.record([{ type: 'escalation', to: who, ...(toName ? { toName } : {}), ask: what }]);
    this.say(this.c.green(`Escalation to ${this.contactName(who)} recorded.`));
    if (summary) {
      this.say();
      for (const line of summary.trimEnd().split('\n')) this.say(`  ${line}`);
      this.say();
      this.say(
        `Send it to them; to deliver it from here: ${this.c.dim(`oncall escalate --to ${who}`)}`,
      );
    } else {
      this.say(`For the full summary to send: ${this.c.dim(`oncall escalate --to ${who}`)}`);
    }
  }

  /** The short escalation summary, or undefined when it cannot be built (e.g. not a known contact). */
  private async escalationSummary(to: string, ask: string): Promise<string | undefined> {
    if (!this.config.contacts[to]) return undefined;
    try {
      const { escalationText } = await import('../commands/escalate.js');
      return await escalationText(this.ctx, { incident: this.ref.id, to, ask });
    } catch (error) {
      if (error instanceof UsageError) return undefined;
      throw error;
    }
  }

  /** A command that started and never ended: it may have run. Never re-run it silently. */
  private async interrupted(step: Step): Promise<Turn> {
    const cut = this.state.interrupted;
    if (!cut) return 'again';
    this.say(
      this.c.yellow(
        `This step's command started at ${clockTime(cut.startedAt)} and no end was recorded: it may have run, fully or partly.`,
      ),
    );
    this.say(`  ${this.c.dim('$')} ${showCommand({ argv: cut.argv })}`);
    // A section may offer several commands: the menu ("Look first") lets the responder pick.
    const spec = step.kind === 'check' || step.kind === 'run' ? step.command : undefined;
    const choice = await askChoice(this.ctx, {
      flag: FLAG,
      message: 'What now?',
      choices: [
        { value: 'look', name: 'Look first (show the step menu)' },
        ...(spec ? [{ value: 'rerun', name: 'Run it again' }] : []),
        { value: 'done', name: 'It ran: mark the step done' },
        { value: 'skip', name: 'Skip (give a reason)' },
      ],
    });
    this.seenInterrupted.add(cut.runId);
    if (choice === 'rerun' && spec) {
      const mode = step.kind === 'check' ? 'capture' : 'inherit';
      return this.runCommand(step, spec, { confirm: true, mode, completes: true });
    }
    if (choice === 'done') {
      this.act({
        type: 'complete',
        note: 'command was cut off; the responder marked the step done',
      });
      return 'again';
    }
    if (choice === 'skip') return this.skip();
    return 'again';
  }

  // ── commands ──────────────────────────────────────────────────────────

  /** The incident facts every runbook may use, then the answers so far. */
  private variables(masked: boolean): Record<string, string> {
    const i = this.incident;
    const vars: Record<string, string> = {
      incident: i.id,
      title: i.title,
      severity: i.severity,
      ...(i.service ? { service: i.service } : {}),
      ...(i.alert ? { alert: i.alert } : {}),
      ...this.state.variables,
    };
    for (const [name, value] of this.secrets) vars[name] = masked ? '•••' : value;
    return vars;
  }

  /** The command as it will run, secrets masked; unknown variables stay `{{name}}`. */
  private display(spec: CommandSpec, max = Infinity): string {
    const vars = this.variables(true);
    for (const name of variablesIn(spec)) {
      if (vars[name] === undefined)
        vars[name] = this.state.secretVariables.has(name) ? '•••' : `{{${name}}}`;
    }
    return showCommand(fillCommand(spec, vars), max);
  }

  /** Secrets are not in the log: after a resume, ask again for the ones this command needs. */
  private async askMissingSecrets(spec: CommandSpec): Promise<void> {
    for (const name of variablesIn(spec)) {
      const stepId = this.state.secretVariables.get(name);
      if (stepId === undefined || this.secrets.has(name)) continue;
      const step = stepById(this.runbook, stepId);
      const prompt = step?.kind === 'ask' ? step.prompt : `Value of ${name}?`;
      this.say(this.c.dim(`${name} is secret and was not kept; give it again.`));
      this.secrets.set(name, await askSecret(this.ctx, { flag: FLAG, message: prompt }));
    }
  }

  private async runCommand(
    step: Step,
    spec: CommandSpec,
    how: { confirm: boolean; mode: 'inherit' | 'capture'; completes: boolean; ranKey?: string },
  ): Promise<Turn> {
    const { c } = this;
    await this.askMissingSecrets(spec);
    let filled: Prepared;
    try {
      filled = prepareCommand(spec, this.variables(false), this.secrets);
    } catch (error) {
      this.say(c.red((error as Error).message));
      return 'again';
    }
    if (how.confirm) {
      // The exact command is on screen (under the step); a run always asks first.
      if (step.kind === 'manual') this.say(`  ${c.dim('$')} ${this.display(spec)}`);
      const yes = await askConfirm(this.ctx, {
        flag: FLAG,
        message: 'Run this command now?',
        default: false,
      });
      if (!yes) return 'again';
    }
    for (;;) {
      const result = await this.execute(step, spec, filled, how.mode);
      if (how.ranKey) this.ran.add(how.ranKey);
      if (result.interrupted) {
        // In a streaming run the terminal has just echoed ^C: start on a fresh line.
        if (how.mode === 'inherit') this.say();
        this.say(c.yellow('Stopped. The command was interrupted; back to the step.'));
        if (how.mode === 'capture') this.showTail(result.outputTail);
        return 'again';
      }
      if (result.exitCode === 0) {
        this.say(c.green(`✓ exit 0 in ${formatDuration(result.durationMs)}`));
        if (how.mode === 'capture') this.showTail(result.outputTail);
        if (how.completes) this.act({ type: 'complete' });
        return 'again';
      }
      const next = await this.onFailure(step, result, how.mode);
      if (next !== 'retry') return next;
    }
  }

  private showTail(tail: string): void {
    const lines = tail.trim() ? tail.trimEnd().split('\n').slice(-10) : [];
    for (const line of lines) this.say(this.c.dim(`  │ ${line}`));
  }

  /** Runs one command; Ctrl-C stops the command only, never the walk. */
  private async execute(
    step: Step,
    spec: CommandSpec,
    filled: Prepared,
    mode: 'inherit' | 'capture',
  ): Promise<RecordedRunResult> {
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.on('SIGINT', onInterrupt);
    const spinner =
      mode === 'capture'
        ? await this.spinner(`Running ${this.display(spec, 60)} · Ctrl-C stops it`)
        : undefined;
    try {
      return await runRecorded(this.ctx, this.ref, {
        argv: filled.argv,
        ...(filled.shell ? { shell: filled.shell } : {}),
        ...(filled.env ? { env: { ...this.ctx.env, ...filled.env } } : {}),
        cwd: this.ctx.cwd,
        stepId: step.id,
        drill: this.options.drill,
        mode,
        secrets: [...this.secrets.values()],
        redactPatterns: this.config.redact,
        signal: controller.signal,
      });
    } finally {
      spinner?.stop();
      process.off('SIGINT', onInterrupt);
    }
  }

  private async spinner(text: string): Promise<{ stop(): void; text: string }> {
    const { default: ora } = await import('ora');
    return ora({ text, stream: this.ctx.stdout as NodeJS.WritableStream }).start();
  }

  /** Never crash out of the walk: show what happened and offer the ways on. */
  private async onFailure(
    step: Step,
    result: RecordedRunResult,
    mode: 'inherit' | 'capture',
  ): Promise<'retry' | Turn> {
    const { c } = this;
    const why = result.spawnError
      ? `could not start: ${result.spawnError}`
      : result.signal
        ? `killed by ${result.signal}`
        : `exit ${result.exitCode}`;
    this.say(c.red(`✗ failed: ${why} after ${formatDuration(result.durationMs)}`));
    if (mode === 'capture') this.showTail(result.outputTail);
    const preferred = 'onFailure' in step && step.onFailure !== 'ask' ? step.onFailure : 'retry';
    for (;;) {
      const choice = await askChoice(this.ctx, {
        flag: FLAG,
        message: 'The command failed. Now?',
        default: preferred,
        choices: [
          { value: 'retry', name: 'Retry' },
          { value: 'skip', name: 'Skip this step (give a reason)' },
          { value: 'shell', name: 'Open a shell, then come back here' },
          { value: 'escalate', name: 'Escalate' },
          { value: 'abort', name: 'Stop the walk here (resume later)' },
        ],
      });
      switch (choice) {
        case 'retry':
          return 'retry';
        case 'skip':
          return this.skip();
        case 'shell':
          await this.openShell(step, why);
          break;
        case 'escalate':
          await this.escalate();
          break;
        case 'abort':
          this.pause();
          return 'paused';
      }
    }
  }

  /** An escape hatch: the responder's own shell. Only a note of it enters the log. */
  private async openShell(step: Step, why: string): Promise<void> {
    const shell = this.ctx.env.SHELL || '/bin/sh';
    this.record([
      {
        type: 'note',
        kind: 'action',
        text: `Opened a shell at step ${step.id} after the command failed (${why})`,
      },
    ]);
    this.say(this.c.dim(`Opening ${shell}. Exit it to come back to step ${step.id}.`));
    // The shell owns Ctrl-C while it runs; this process must not die of it.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    try {
      await new Promise<void>((resolve) => {
        const child = spawn(shell, [], { cwd: this.ctx.cwd, env: this.ctx.env, stdio: 'inherit' });
        child.on('error', (error) => {
          this.say(this.c.red(`could not open ${shell}: ${error.message}`));
          resolve();
        });
        child.on('exit', () => resolve());
      });
    } finally {
      process.off('SIGINT', ignore);
    }
    this.say(`Back at step ${step.id}.`);
  }

  // ── waits ─────────────────────────────────────────────────────────────

  private async wait(step: Extract<Step, { kind: 'wait' }>): Promise<Turn> {
    for (;;) {
      const { outcome, waitedMs } = await this.waitOnce(step);
      this.act({ type: 'waited', outcome, waitedMs });
      if (outcome === 'elapsed' || outcome === 'passed') {
        this.say(this.c.green(outcome === 'passed' ? '✓ it passed' : '✓ time is up'));
        this.act({ type: 'complete' });
        return 'again';
      }
      if (outcome === 'cancelled') {
        this.say(this.c.yellow('Wait stopped; back to the step.'));
        return 'again';
      }
      const result: RecordedRunResult = {
        runId: '',
        exitCode: null,
        durationMs: waitedMs,
        outputTail: '',
        interrupted: false,
        spawnError: `still failing after ${formatDuration(waitedMs)}`,
      };
      const next = await this.onFailure(step, result, 'inherit');
      if (next !== 'retry') return next;
    }
  }

  private async waitOnce(step: Extract<Step, { kind: 'wait' }>): Promise<{
    outcome: 'elapsed' | 'passed' | 'timed-out' | 'cancelled';
    waitedMs: number;
  }> {
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.on('SIGINT', onInterrupt);
    const began = this.ctx.now().getTime();
    const elapsed = () => this.ctx.now().getTime() - began;
    const limit = step.seconds * 1000;
    const spinner = await this.spinner('Waiting · Ctrl-C stops the wait');
    const tick = () => {
      spinner.text = `Waiting: ${formatDuration(Math.max(0, limit - elapsed()))} left · Ctrl-C stops the wait`;
    };
    try {
      if (!step.until) {
        while (elapsed() < limit) {
          tick();
          await pauseFor(Math.min(1000, limit - elapsed()), controller.signal);
          if (controller.signal.aborted) return { outcome: 'cancelled', waitedMs: elapsed() };
        }
        return { outcome: 'elapsed', waitedMs: elapsed() };
      }
      const filled = prepareCommand(step.until, this.variables(false), this.secrets);
      for (;;) {
        tick();
        const result = await runRecorded(this.ctx, this.ref, {
          argv: filled.argv,
          ...(filled.shell ? { shell: filled.shell } : {}),
          ...(filled.env ? { env: { ...this.ctx.env, ...filled.env } } : {}),
          cwd: this.ctx.cwd,
          stepId: step.id,
          mode: 'capture',
          secrets: [...this.secrets.values()],
          redactPatterns: this.config.redact,
          signal: controller.signal,
        });
        if (controller.signal.aborted) return { outcome: 'cancelled', waitedMs: elapsed() };
        if (result.exitCode === 0) return { outcome: 'passed', waitedMs: elapsed() };
        if (elapsed() >= limit) return { outcome: 'timed-out', waitedMs: elapsed() };
        await pauseFor(
          Math.min((step.intervalSeconds ?? 10) * 1000, limit - elapsed()),
          controller.signal,
        );
        if (controller.signal.aborted) return { outcome: 'cancelled', waitedMs: elapsed() };
      }
    } finally {
      spinner.stop();
      process.off('SIGINT', onInterrupt);
    }
  }

  // ── leaving ───────────────────────────────────────────────────────────

  private pause(): void {
    this.act({ type: 'pause' });
    // Name the incident when `oncall resume` alone would pick another one.
    const active = readActiveId(dataHome(this.ctx.env));
    const flag = active === this.ref.id ? '' : ` --incident ${this.ref.id}`;
    this.say();
    this.say(`Paused. Resume with: oncall resume${flag}`);
  }

  private finish(): void {
    const { c } = this;
    const s = summarize(this.state);
    const parts = [`${s.done} done`, `${s.skipped.length} skipped`];
    if (s.decisions.length) parts.push(`decided: ${s.decisions.map((d) => d.choice).join(', ')}`);
    const summary = parts.join(', ');
    this.act({ type: 'finish', summary });
    this.say();
    this.say(c.green(`That was the last step of ${this.runbook.title}.`));
    this.say(`${summary}.`);
    for (const skip of s.skipped) this.say(c.dim(`  skipped ${skip.stepId}: ${skip.reason}`));
    if (!this.options.drill) {
      this.say('Next: `oncall mitigate` when the impact stops, `oncall resolve` when it is over.');
    }
  }
}

/** HH:MM of a duration: "00:42 since start". */
export function elapsedClock(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A wait that ends early when aborted (Ctrl-C). */
function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
