// One walk-through session: what every part of the walk needs at hand (the
// terminal, the log, the runbook) and the little it remembers itself. The
// position is never kept here: it is read back from the log (`load`) so that
// what the screen shows is what `resume` would show. Only what must not or
// need not enter the log lives here, in memory: secret answers, and which
// commands ran or which cut-off runs were looked at this session. Reading back
// after each step reads only what was appended since, and folds it onto what
// was folded: a step costs the same on a night's long log as on a short one.

import { existsSync } from 'node:fs';
import { actorOf, type Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { foldOutbox, waiting as waitingItems } from '../../domain/delivery/outbox.js';
import type { EventInput, OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { type Redactor, redactorFor } from '../../domain/redact/redact.js';
import { isSecretName } from '../../domain/redact/secret-names.js';
import { previewCommand, SECRET_ANSWER_MASK } from '../../domain/runbook/command-text.js';
import { placeholderName } from '../../domain/runbook/placeholder-name.js';
import { stepById, variablesIn } from '../../domain/runbook/steps.js';
import type { CommandSpec, Runbook } from '../../domain/runbook/types.js';
import { foldSilences, type IncidentSilence } from '../../domain/silence/silences.js';
import { safeBlock, safeLine } from '../../domain/text/terminal-safe.js';
import { type CarriedShell, carriedEnv, emptyShell, ShellFold } from '../../domain/walk/carried.js';
import {
  eventsFor,
  type WalkAction,
  WalkDerivation,
  type WalkState,
} from '../../domain/walk/machine.js';
import { WalkShell } from '../../infra/exec/walk-shell.js';
import { type IncidentRef, readActiveId } from '../../infra/store/incidents.js';
import { dataHome } from '../../infra/store/paths.js';
import { nudgeOutbox } from '../../use-cases/delivery/nudge.js';
import type { ShellOutcome } from '../../use-cases/exec/shell-outcome.js';
import { IncidentReader } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';
import { printFitted, screenWidth } from '../ui/fitted.js';
import { askChoice, askConfirm, askSecret, askText, type Choice } from '../ui/prompts.js';
import type { Chalk, Moment } from './screen.js';

export interface WalkOptions {
  /** Table-top practice: nothing is executed, every event is marked drill. */
  drill: boolean;
}

/** Where the loop goes after handling one screen. */
export type Turn = 'again' | 'paused';

const isDelivery = (e: OncallEvent) => e.type.startsWith('delivery.');
const isSilence = (e: OncallEvent) => e.type.startsWith('silence.');

/** The alert's labels (`oncall start --label k=v`) by placeholder name. */
function labelsOf(events: readonly OncallEvent[]): Record<string, string> {
  const opened = events.find((e) => e.type === 'incident.opened');
  const labels = opened?.type === 'incident.opened' ? (opened.labels ?? {}) : {};
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [placeholderName(key), value]),
  );
}

/** Named when a prompt cannot be answered (no terminal): the walk only runs in one. */
const FLAG = 'oncall resume (in a terminal)';

export class WalkSession {
  /** Answers to secret `ask` steps, this session only. */
  readonly secrets = new Map<string, string>();
  /** Cut-off runs the responder chose to look into first: not asked again this session. */
  readonly seenInterrupted = new Set<string>();
  /** The alert's labels (`oncall start --label k=v`), by placeholder name: defaults for values. */
  labels: Record<string, string> = {};
  incident!: IncidentState;
  state!: WalkState;
  /** Messages waiting in the outbox, as of the last read of the log. */
  waiting = 0;
  /** Where each command's shell leaves what it ended with (infra/exec/walk-shell.ts). */
  readonly walkShell = new WalkShell();
  /** Values of variables the walk's commands set that the log does not hold (secrets): this session only. */
  readonly shellSecrets = new Map<string, string>();
  /** The directory the walk left that is gone now: said once. */
  private goneCwd?: string;
  /** The incident's silences, as of the last read of the log. */
  silences: IncidentSilence[] = [];
  private silenceEvents: OncallEvent[] = [];
  private reader?: IncidentReader;
  private walk?: WalkDerivation;
  private shellFold?: ShellFold;
  /** The delivery events, in log order: all the outbox is folded from. */
  private deliveries: OncallEvent[] = [];

  constructor(
    readonly ctx: Context,
    readonly config: ResolvedConfig,
    readonly ref: IncidentRef,
    readonly runbook: Runbook,
    readonly options: WalkOptions,
    readonly c: Chalk,
  ) {}

  get drill(): boolean {
    return this.options.drill;
  }

  /** The zone the walk shows clock times in: the responder's TZ (the process's own when unset). */
  get tz(): string | undefined {
    return this.ctx.env.TZ;
  }

  /** Columns the screen has now (the terminal may be resized between screens). */
  get width(): number {
    return screenWidth(this.ctx);
  }

  /** The walk as of now, for the screen. */
  moment(): Moment {
    const { state, incident, drill, tz, width, waiting, silences } = this;
    return { state, incident, now: this.ctx.now(), drill, tz, width, waiting, silences };
  }

  // ── the log ───────────────────────────────────────────────────────────

  /**
   * Reads the logs again: other terminals may have written to the own log, and
   * on a shared incident a sync may have fetched the peers' (the team walks one
   * runbook). The incident's reader reads on and folds on (use-cases/journal/load.ts);
   * the walk and the outbox follow it: derived anew when everything was read again,
   * else given the appended events.
   */
  load(): void {
    this.reader ??= new IncidentReader(this.ctx, this.ref);
    const look = this.reader.look();
    if (look.whole || !this.walk || !this.shellFold) {
      this.walk = new WalkDerivation(this.runbook, look.added);
      this.shellFold = new ShellFold(actorOf(this.ctx.env));
      for (const e of look.added) this.shellFold.add(e);
      this.deliveries = look.added.filter(isDelivery);
      this.silenceEvents = look.added.filter(isSilence);
    } else {
      for (const e of look.added) {
        this.walk.add(e);
        this.shellFold.add(e);
        if (isDelivery(e)) this.deliveries.push(e);
        if (isSilence(e)) this.silenceEvents.push(e);
      }
    }
    this.silences = foldSilences(this.silenceEvents);
    this.incident = this.reader.state;
    this.state = this.walk.state;
    this.waiting = waitingItems(foldOutbox(this.deliveries, actorOf(this.ctx.env))).length;
    // A walk lasts hours: each screen gives a waiting outbox its push, as a command would.
    if (this.waiting) nudgeOutbox(this.ctx, this.ref);
    if (look.whole) this.labels = labelsOf(look.added);
  }

  record(inputs: EventInput[]): void {
    if (inputs.length) record(this.ctx, this.ref, inputs, { drill: this.drill });
  }

  /** Records what a walk action means at the current position (the walker decides). */
  act(action: WalkAction): void {
    this.record(eventsFor(this.state, action));
  }

  // ── the terminal ──────────────────────────────────────────────────────

  /** One line of the walk, wrapped to the screen; what it quotes must be safe already. */
  say(line = ''): void {
    printFitted(this.ctx, line);
  }

  askText(message: string, defaultValue?: string, required = true): Promise<string> {
    return askText(this.ctx, { flag: FLAG, message, default: defaultValue, required });
  }

  /** A prompt filled with `value`, ready to edit (Enter keeps it as it is). */
  askEdit(message: string, value: string): Promise<string> {
    return askText(this.ctx, { flag: FLAG, message, default: value, prefill: true });
  }

  askSecret(message: string): Promise<string> {
    return askSecret(this.ctx, { flag: FLAG, message });
  }

  askChoice<T extends string>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T> {
    return askChoice(this.ctx, { flag: FLAG, message, choices, default: defaultValue });
  }

  /** A yes/no whose answer is no unless the responder says yes. */
  askConfirm(message: string): Promise<boolean> {
    return askConfirm(this.ctx, { flag: FLAG, message, default: false });
  }

  // ── the walk's shell ──────────────────────────────────────────────────

  /** What the walk's commands left in their shell so far (from the log, and this session's secrets). */
  get shell(): CarriedShell {
    return this.shellFold?.shell ?? emptyShell();
  }

  /** The environment the walk's next command starts with. */
  commandEnv(): Record<string, string> {
    return carriedEnv(this.ctx.env, this.shell, this.shellSecrets);
  }

  /** The directory the walk's next command starts in: where the last `cd` left it, while it exists. */
  commandCwd(): string {
    const cwd = this.shell.cwd;
    if (cwd === undefined || existsSync(cwd)) return cwd ?? this.ctx.cwd;
    if (this.goneCwd !== cwd) {
      this.goneCwd = cwd;
      this.say(
        this.c.yellow(
          safeLine(`${cwd} (where the walk's shell was) is gone: commands run in ${this.ctx.cwd}.`),
        ),
      );
    }
    return this.ctx.cwd;
  }

  /** The values a command set that the log could not hold: kept for this session's later commands. */
  keepShellSecrets(outcome: ShellOutcome): void {
    for (const name of outcome.withheld) {
      const value = outcome.change.set[name];
      if (value !== undefined) this.shellSecrets.set(name, value);
    }
  }

  // ── variables and commands ────────────────────────────────────────────

  /** The incident facts every runbook may use, then the answers so far. */
  variables(masked: boolean): Record<string, string> {
    const i = this.incident;
    const vars: Record<string, string> = {
      incident: i.id,
      title: i.title,
      severity: i.severity,
      ...(i.service ? { service: i.service } : {}),
      ...(i.alert ? { alert: i.alert } : {}),
      ...this.state.variables,
    };
    for (const [name, value] of this.secrets) vars[name] = masked ? SECRET_ANSWER_MASK : value;
    return vars;
  }

  /** The full redactor, with this session's secret answers: for what the walk records and shows. */
  redactor(): Redactor {
    return redactorFor(this.config, this.ctx.env, [...this.secrets.values()]);
  }

  /**
   * The values found without asking: for a `$VAR` the shell would read, the
   * environment's, as the walk's earlier commands left it (an `export NS=…` of
   * an earlier command is what a later `$NS` reads, as in a terminal).
   * `masked`: a secret one (its name says so, or the log withheld it) shown as •••.
   */
  envValues(spec: CommandSpec, masked = false): Record<string, string> {
    const values: Record<string, string> = {};
    const env = this.commandEnv();
    const secret = (variable: string) =>
      isSecretName(variable) || this.shell.withheld.has(variable);
    for (const p of spec.placeholders ?? []) {
      const value = p.kind === 'env' && p.variable ? env[p.variable] : undefined;
      if (value === undefined || value === '' || !p.variable) continue;
      values[p.name] = masked && secret(p.variable) ? SECRET_ANSWER_MASK : value;
    }
    return values;
  }

  /** A command's values as known now: the answers, and what its shell will read. */
  values(spec: CommandSpec, masked: boolean): Record<string, string> {
    return { ...this.variables(masked), ...this.envValues(spec, masked) };
  }

  /** The command as it will run, secrets masked, safe to show; unknown variables stay as written. */
  display(spec: CommandSpec, max = Infinity): string {
    const isSecret = (name: string) => this.state.secretVariables.has(name);
    return safeBlock(previewCommand(spec, this.values(spec, true), isSecret, max));
  }

  /** Secrets are not in the log: after a resume, ask again for the ones this command needs. */
  async askMissingSecrets(spec: CommandSpec): Promise<void> {
    for (const name of variablesIn(spec)) {
      const stepId = this.state.secretVariables.get(name);
      if (stepId === undefined || this.secrets.has(name)) continue;
      const step = stepById(this.runbook, stepId);
      const prompt = step?.kind === 'ask' ? step.prompt : `Value of ${name}?`;
      this.say(this.c.dim(`${name} is secret and was not kept; give it again.`));
      this.secrets.set(name, await this.askSecret(prompt));
    }
  }

  /** A contact as shown: "Dana Lee (dana)", safe to print. */
  contactName(key: string): string {
    const contact = this.config.contacts[key];
    return safeLine(contact ? `${contact.name} (${key})` : key);
  }

  // ── actions offered from several screens ──────────────────────────────

  /** A skip always carries its reason: the postmortem will want it. */
  async skip(): Promise<Turn> {
    const reason = await this.askText('Why skip it? (one line)');
    this.act({ type: 'skip', reason });
    return 'again';
  }

  pause(): 'paused' {
    this.act({ type: 'pause' });
    // Name the incident when `oncall resume` alone would pick another one.
    const active = readActiveId(dataHome(this.ctx.env));
    const flag = active === this.ref.id ? '' : ` --incident ${this.ref.id}`;
    this.say();
    this.say(`Paused. Resume with: oncall resume${flag}`);
    return 'paused';
  }
}
