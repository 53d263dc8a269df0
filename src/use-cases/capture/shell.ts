// `oncall shell`: the responder's own shell ($SHELL: bash, zsh or fish) with
// their rc files and the hook, in a terminal oncall owns. The hook's records
// travel in the terminal stream (a private OSC marked with a nonce, which the
// commands run there never see), so nothing but oncall reads them and nothing
// unredacted is written: every typed command becomes command.started /
// command.finished with its redacted output tail, and the session is kept as
// an asciicast v2 file beside the log, each command pointing at its range.
import { randomBytes, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Context } from '../../context.js';
import { OscScanner, type StreamPiece } from '../../domain/capture/osc.js';
import { CAPTURED_SHELLS, type CapturedShell, parseRecord } from '../../domain/capture/record.js';
import { castHeaderLine, SessionTape } from '../../domain/capture/tape.js';
import { mayRecord, TypedCommands } from '../../domain/capture/typed.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { UsageError } from '../../errors.js';
import { type CastFile, openCast } from '../../infra/capture/cast-file.js';
import { hookText } from '../../infra/capture/hooks.js';
import { prepareShell } from '../../infra/capture/launch.js';
import { type OwnedTerminal, ownTerminal } from '../../infra/capture/pty.js';
import { captureDir } from '../../infra/capture/sessions.js';
import { loadConfig } from '../../infra/config/load.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { type IncidentReader, readIncident } from '../journal/load.js';
import { recordTyped } from './journal.js';

/** The shell $SHELL names, when it is one the hooks know; refused (naming the three) otherwise. */
function shellOf(env: NodeJS.ProcessEnv): { kind: CapturedShell; path: string } {
  const path = env.SHELL ?? '';
  const kind = basename(path).replace(/^-/, '');
  if ((CAPTURED_SHELLS as readonly string[]).includes(kind)) {
    return { kind: kind as CapturedShell, path };
  }
  throw new UsageError(
    `oncall shell works with bash, zsh or fish; $SHELL is ${path || 'not set'}. Run it as SHELL=/bin/bash oncall shell (or zsh, fish).`,
  );
}

/** The incident may be recorded into: open, and not a drill unless asked. */
function checkIncident(ref: IncidentRef, state: IncidentState, drill: boolean): void {
  if (state.status === 'resolved') {
    throw new UsageError(`${ref.id} is resolved: there is nothing to record into.`);
  }
  if (state.drill && !drill) {
    throw new UsageError(
      `${ref.id} is a drill: commands typed are not recorded unless you ask (oncall shell --drill).`,
    );
  }
}

interface ShellOptions {
  incident?: string;
  drill?: boolean;
}

interface ShellSession {
  incident: string;
  exitCode: number;
  /** How many typed commands were recorded. */
  recorded: number;
  cast: string;
}

/** The session's stream, read: shown, taped, and the hook's records recorded. */
class SessionStream {
  private readonly scanner = new OscScanner();
  private readonly typed = new TypedCommands(randomUUID);
  recorded = 0;
  private over = false;

  constructor(
    private readonly ctx: Context,
    private readonly reader: IncidentReader,
    private readonly term: OwnedTerminal,
    private readonly tape: SessionTape,
    private readonly cast: CastFile,
    private readonly nonce: string,
    private readonly recording: Parameters<typeof recordTyped>[3],
  ) {}

  take(chunk: string): void {
    this.pieces(this.scanner.push(chunk));
  }

  end(): void {
    this.pieces(this.scanner.flush());
    this.tape.end();
  }

  private pieces(pieces: StreamPiece[]): void {
    const at = this.ctx.now().getTime();
    let shown = '';
    for (const piece of pieces) {
      if ('text' in piece) {
        shown += piece.text;
        this.tape.shown(at, piece.text);
        continue;
      }
      if (piece.osc === 6973) {
        this.term.show(shown);
        shown = '';
        this.record(piece.payload, at);
        continue;
      }
      // The user's terminal may use the prompt marks (and any other sequence).
      shown += piece.raw;
      if (piece.osc === 133 && piece.payload === 'C') this.tape.outputStarts(at);
    }
    if (shown) this.term.show(shown);
  }

  /** One record of ours (the right nonce); anything else in our OSC is dropped, never trusted. */
  private record(payload: string, at: number): void {
    const semi = payload.indexOf(';');
    if (semi < 0 || payload.slice(0, semi) !== this.nonce) return;
    const record = parseRecord(payload.slice(semi + 1), at);
    if (!record) return;
    // A line the hook should have left out (a leading space) is left out here too.
    const hidden = record.kind !== 'S' && (/^\s/.test(record.command) || !record.command.trim());
    if (record.kind === 'X' || hidden || (record.kind === 'F' && this.resolved())) {
      this.tape.notRecorded(at);
      return;
    }
    if (this.resolved()) return;
    if (record.kind === 'F' && !mayRecord(record.command)) {
      // `exit`, or oncall recording itself: in the recording, not the incident's.
      this.tape.recorded(at, record.command);
      return;
    }
    const extras =
      record.kind === 'F' ? this.taped(at, record.command, record.seq ?? this.recorded + 1) : {};
    const timed = this.typed.take(record, extras);
    if (record.kind === 'F' && timed.length) this.recorded++;
    try {
      recordTyped(this.ctx, this.reader.ref, timed, this.recording);
    } catch {
      // A log that refuses: the shell goes on; the command is in the recording.
    }
  }

  private taped(at: number, line: string, seq: number) {
    const taped = this.tape.recorded(at, line, `#${seq}`);
    return {
      outputTail: taped.outputTail,
      castRange: { file: this.cast.name, start: taped.start, end: taped.end },
    };
  }

  /** Once the incident is resolved, nothing more is recorded (said once). */
  private resolved(): boolean {
    if (this.over) return true;
    try {
      this.reader.look();
      this.over = this.reader.state.status === 'resolved';
    } catch {
      this.over = true;
    }
    if (this.over) {
      this.term.show(
        `\r\noncall: ${this.reader.ref.id} is resolved; nothing more is recorded from this shell.\r\n`,
      );
    }
    return this.over;
  }
}

export async function runShell(ctx: Context, options: ShellOptions): Promise<ShellSession> {
  if (ctx.env.ONCALL_SHELL) {
    throw new UsageError(
      `this is already an oncall shell for ${ctx.env.ONCALL_INCIDENT ?? 'an incident'}; \`exit\` returns.`,
    );
  }
  const shell = shellOf(ctx.env);
  if (!ctx.interactive) throw new UsageError('oncall shell needs a terminal.');
  const reader = readIncident(ctx, options, { quiet: true });
  const { ref, state } = reader;
  checkIncident(ref, state, options.drill === true);
  const config = await loadConfig(ctx.cwd, ctx.env);
  const redactor = redactorFor(config, ctx.env);
  const nonce = randomBytes(16).toString('hex');
  const launch = prepareShell(
    shell.kind,
    shell.path,
    hookText(shell.kind, captureDir(ctx.env)),
    ctx.env,
  );
  const startedAt = new Date();
  const cast = openCast(ref.dir, startedAt);
  try {
    const term = await ownTerminal({
      file: launch.file,
      args: launch.args,
      cwd: ctx.cwd,
      env: {
        ...ctx.env,
        ...launch.env,
        ONCALL_CAPTURE_SESSION: undefined,
        ONCALL_SHELL: '1',
        ONCALL_INCIDENT: ref.id,
        ONCALL_SEVERITY: state.severity,
        ONCALL_CAPTURE_MODE: 'osc',
        ONCALL_SHELL_NONCE: nonce,
        ONCALL_SHELL_PROMPT: config.shell?.prompt === false ? '0' : '1',
      },
    });
    cast.write(
      castHeaderLine({
        width: term.cols,
        height: term.rows,
        timestamp: Math.floor(startedAt.getTime() / 1000),
        title: `${ref.id} (${shell.kind})`,
        env: { SHELL: shell.path, TERM: ctx.env.TERM ?? 'xterm-256color' },
      }),
    );
    const tape = new SessionTape(startedAt.getTime(), cast.write, (t) => redactor.text(t));
    const drill = options.drill === true;
    const stream = new SessionStream(ctx, reader, term, tape, cast, nonce, { redactor, drill });
    term.onOutput((chunk) => stream.take(chunk));
    term.onResize((cols, rows) => tape.resized(ctx.now().getTime(), cols, rows));
    const exitCode = await term.ended;
    stream.end();
    return { incident: ref.id, exitCode, recorded: stream.recorded, cast: cast.path };
  } finally {
    cast.close();
    launch.cleanup();
  }
}
