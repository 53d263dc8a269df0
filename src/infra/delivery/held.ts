// What a sender holds while it sends: the outbox items' locks and the process
// groups of command channels. Ended with oncall, however it ends: on exit, and
// on Ctrl-C, SIGTERM or SIGHUP (then the signal is raised again, so oncall
// still ends as it would have). So no lock is left behind for the next flush
// to wait on, and no script oncall started outlives it. A SIGKILL cannot be
// caught: the next sender sees that the lock's process is gone and takes it
// over (outbox-files.ts).
import { unlinkSync } from 'node:fs';

const locks = new Set<string>();
const groups = new Set<number>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function endAll(): void {
  for (const file of locks) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  locks.clear();
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // Another part of oncall handles this signal (the walk pauses on Ctrl-C, `run`
  // records how its command ended): it decides; what is held goes at exit.
  if (process.listenerCount(signal) > 1) return;
  endAll();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', endAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', endAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

function settle(): void {
  if (!locks.size && !groups.size) uninstall();
}

/** Sends `signal` to every process of the group led by `pid`; gone already is fine. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

export function holdLock(file: string): void {
  locks.add(file);
  install();
}

export function letGoLock(file: string): void {
  locks.delete(file);
  settle();
}

export function holdGroup(pid: number): void {
  groups.add(pid);
  install();
}

export function letGoGroup(pid: number): void {
  groups.delete(pid);
  settle();
}
