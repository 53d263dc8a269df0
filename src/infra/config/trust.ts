// A config file is trusted like code: a JavaScript config runs, and any config
// names the runbooks whose commands we run. On a shared jump host a file
// planted in /tmp would do that for whoever works below it. So, as git does for
// `safe.directory`, a config is refused unless the current user owns it and
// nobody else can write it; checked before the file is read, let alone run.
// Root's files are no exception: a root-owned config is accepted only by root.
import { statSync } from 'node:fs';

interface FileOwnership {
  uid: number;
  mode: number;
}

/** Who we are and who owns a file: injectable, since tests run as root. */
export interface TrustProbe {
  /** Undefined where the platform has no uids (Windows): nothing to check. */
  uid: number | undefined;
  stat(file: string): FileOwnership;
}

export function processTrustProbe(): TrustProbe {
  return { uid: process.getuid?.(), stat: (file) => statSync(file) };
}

/** Why `file` may not be loaded (one line naming it and the fix), or undefined when it may. */
export function distrust(file: string, probe: TrustProbe): string | undefined {
  if (probe.uid === undefined) return undefined;
  let owner: FileOwnership;
  try {
    owner = probe.stat(file);
  } catch (error) {
    return `${file}: cannot be checked (${(error as NodeJS.ErrnoException).code ?? 'error'}); fix its permissions or remove it`;
  }
  const { uid, mode } = owner;
  if (uid !== probe.uid) {
    const who = uid === 0 ? 'root' : `uid ${uid}`;
    return `${file}: owned by ${who}, not by you (uid ${probe.uid}); a config runs code and names the commands you run. Fix: if it is yours, \`chown ${probe.uid} ${file}\`; if not, delete it`;
  }
  const writers = [mode & 0o020 ? 'group' : '', mode & 0o002 ? 'others' : ''].filter(Boolean);
  if (writers.length) {
    return `${file}: writable by ${writers.join(' and ')}; anyone who can write it can run code as you. Fix: \`chmod go-w ${file}\``;
  }
  return undefined;
}
