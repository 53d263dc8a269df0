// The recorder of one terminal: what `oncall capture on` starts in the
// background (`oncall capture record`). It holds the terminal's FIFO, reads
// the hook's records as they come (a pasted script of hundreds of lines is
// read in a few reads, never left to fill the pipe and hold up the shell),
// and records them, redacted, through the one recorder. Nothing unredacted
// is ever written to a file: the FIFO is a kernel pipe.
//
// It ends, and removes its FIFO and `.on` file, on `capture off` (SIGTERM, or
// its `.on` file gone), when the incident is resolved, and when the
// terminal's shell is gone; each checked at least once a second.
import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import { RecordLines } from '../../domain/capture/record.js';
import { TypedCommands } from '../../domain/capture/typed.js';
import { redactorFor } from '../../domain/redact/redact.js';
import { openFifo } from '../../infra/capture/fifo.js';
import { processAlive } from '../../infra/capture/processes.js';
import {
  captureDir,
  readOn,
  removeFiles,
  type SessionFiles,
  sessionFiles,
  shellPidOf,
  writeOn,
} from '../../infra/capture/sessions.js';
import { loadConfig } from '../../infra/config/load.js';
import { refOf } from '../../infra/store/incidents.js';
import { homeOf, IncidentReader } from '../journal/load.js';
import { recordTyped } from './journal.js';

interface RecorderOptions {
  session: string;
  incident: string;
  drill: boolean;
}

const CHECK_EVERY_MS = 1000;
/** What is still in the pipe when told to stop is read for this long. */
const DRAIN_MS = 100;

/** The incident was resolved (or cannot be read): nothing more is recorded. */
function resolved(reader: IncidentReader): boolean {
  try {
    reader.look();
    return reader.state.status === 'resolved';
  } catch {
    return true;
  }
}

/** Still ours to record: the `.on` file names this recorder, the shell is there, the incident open. */
function stillWanted(files: SessionFiles, reader: IncidentReader): boolean {
  const on = readOn(files.on);
  return on?.pid === process.pid && processAlive(shellPidOf(files.session)) && !resolved(reader);
}

/** Runs until the capture ends; resolves once the FIFO and the `.on` file are removed. */
export async function runRecorder(ctx: Context, options: RecorderOptions): Promise<void> {
  const files = sessionFiles(captureDir(ctx.env), options.session);
  const ref = refOf(homeOf(ctx), options.incident);
  const reader = new IncidentReader(ctx, ref, { quiet: true });
  reader.look();
  // The terminal's environment: its secret-named values are redacted literally.
  const redactor = redactorFor(await loadConfig(ctx.cwd, ctx.env), ctx.env);
  const fifo = openFifo(files.fifo);
  const lines = new RecordLines();
  const typed = new TypedCommands(randomUUID);
  fifo.onData((chunk) => {
    const records = lines.push(chunk, ctx.now().getTime());
    // Nothing is recorded once the incident is resolved.
    if (!records.length || resolved(reader)) return;
    try {
      const timed = records.flatMap((record) => typed.take(record));
      recordTyped(ctx, ref, timed, { redactor, drill: options.drill });
    } catch {
      // A log that refuses (a full disk): these commands are lost, the shell is never held up.
    }
  });
  // Ready: the hook starts writing at its next prompt, when it sees this file.
  writeOn(files.on, { pid: process.pid, incident: options.incident });
  await new Promise<void>((done) => {
    let ending = false;
    const end = () => {
      if (ending) return;
      ending = true;
      clearInterval(timer);
      for (const signal of STOPS) process.off(signal, end);
      if (readOn(files.on)?.pid === process.pid) removeFiles(files.on);
      // What is already in the pipe was typed before the stop: it is read first.
      setTimeout(() => {
        fifo.removeIfOurs();
        fifo.close();
        done();
      }, DRAIN_MS);
    };
    const timer = setInterval(() => {
      if (!stillWanted(files, reader)) end();
    }, CHECK_EVERY_MS);
    for (const signal of STOPS) process.on(signal, end);
  });
}

const STOPS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
