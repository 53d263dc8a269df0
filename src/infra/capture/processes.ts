// The processes of a capture: is the recorder (or the terminal's shell) still
// there, is a shell this process's ancestor, and telling a recorder to stop.
import { readFileSync } from 'node:fs';

/** A process exists (ours to signal, or another user's: EPERM still means it is there). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent of a process, from /proc; undefined without /proc (macOS) or once it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return ppid ? Number(ppid) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is this process's parent, grandparent...: the terminal's shell
 * that ran `oncall capture on` (directly, or through npx). True where there is
 * no /proc to ask: then the hook's session is trusted as it is.
 */
export function isAncestor(pid: number): boolean {
  let at: number | undefined = process.ppid;
  if (parentOf(process.pid) === undefined) return true;
  for (let depth = 0; at !== undefined && at > 1 && depth < 64; depth++) {
    if (at === pid) return true;
    at = parentOf(at);
  }
  return false;
}

/** Asks a recorder to stop (it reads what is left in its pipe, then ends). */
export function stopProcess(pid: number): void {
  // A recorder in this very process (a test's) sees its `.on` file go instead.
  if (pid === process.pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Gone already.
  }
}
