// The session recording's file, beside the incident's log: written a line at
// a time as the session goes (0600, like the log), so a crash loses at most
// the command under way.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface CastFile {
  /** The file's name in the incident's folder. */
  name: string;
  path: string;
  write(line: string): void;
  close(): void;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `shell-20260312T021000Z.cast`, numbered when a session started in the same second. */
export function openCast(incidentDir: string, startedAt: Date): CastFile {
  const d = startedAt;
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  for (let n = 1; ; n++) {
    const name = `shell-${stamp}${n === 1 ? '' : `-${n}`}.cast`;
    const path = join(incidentDir, name);
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && n < 100) continue;
      throw error;
    }
    return {
      name,
      path,
      write: (line) => {
        writeSync(fd, line);
      },
      close: () => closeSync(fd),
    };
  }
}
