// A disk that says no (full, read-only, over quota, a file where a folder
// should be) is not a bug in oncall: the responder gets one line naming the
// path and the fix, never a stack trace. The store wraps every call that
// touches the disk with `diskError`; the bin's last safety net (src/main.ts)
// uses `errnoLine` for anything that slipped past with a path attached.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { OncallError } from '../../errors.js';

export function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * The disk itself said no (full, over quota, read-only, failing): exit 1 with
 * the fix, even for a path the user chose (`--out`). A path that cannot be a
 * file (no such folder, a folder in its place) stays a usage error.
 */
export function isDiskTrouble(error: NodeJS.ErrnoException): boolean {
  return ['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EIO'].includes(error.code ?? '');
}

/** The nearest existing ancestor of `path` (itself included) when it is not a folder. */
function fileInTheWay(path: string): string | undefined {
  for (let at = path; ; at = dirname(at)) {
    try {
      return statSync(at).isDirectory() ? undefined : at;
    } catch {
      // Missing, or under a file: climb.
    }
    if (dirname(at) === at) return undefined;
  }
}

interface DiskErrorOptions {
  /** What we were doing, for "cannot <doing> <path>": write (default), read, create... */
  doing?: string;
  /** Whether moving the data folder (ONCALL_HOME) is a fix worth naming. */
  inDataHome?: boolean;
}

function notAFolder(path: string, elsewhere: string): string {
  const file = fileInTheWay(path);
  const what = file === undefined || file === path ? 'it' : file;
  return `${what} is a file where a folder should be. Move it away${elsewhere}.`;
}

function reasonAndFix(path: string, error: NodeJS.ErrnoException, elsewhere: string): string {
  switch (error.code) {
    case 'ENOSPC':
      return 'the disk is full. Free some space and try again.';
    case 'EDQUOT':
      return 'your disk quota is used up. Free some space and try again.';
    case 'EFBIG':
      return 'the file would exceed the file size limit. Raise it (`ulimit -f`) and try again.';
    case 'EROFS':
      return `the file system is read-only. Remount it read-write${elsewhere}.`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied. Check its owner and mode${elsewhere}.`;
    case 'EISDIR':
      return `it is a folder where a file should be. Move it away${elsewhere}.`;
    case 'ENOENT':
      return 'no such file or folder.';
    case 'EIO':
      return 'the disk reported an I/O error. Check the disk (`dmesg`) before trusting it.';
    case 'EEXIST':
      // A mkdir that finds a file in its place is the same trouble as ENOTDIR.
      if (error.syscall !== 'mkdir') return 'it already exists.';
      return notAFolder(path, elsewhere);
    case 'ENOTDIR':
      return notAFolder(path, elsewhere);
    default:
      return `${error.message.replace(/\.$/, '')}.`;
  }
}

/** The disk said no: a command that could go on without the file still must not hide it. */
export class DiskError extends OncallError {
  constructor(message: string) {
    super(message);
    this.name = 'DiskError';
  }
}

/** One line, exit 1: `cannot write <path>: <why>. <fix>.` */
export function diskError(
  path: string,
  error: NodeJS.ErrnoException,
  options: DiskErrorOptions = {},
): OncallError {
  const elsewhere = options.inDataHome === false ? '' : ', or set ONCALL_HOME to another folder';
  return new DiskError(
    `cannot ${options.doing ?? 'write'} ${path}: ${reasonAndFix(path, error, elsewhere)}`,
  );
}

const DOING: Record<string, string> = {
  mkdir: 'create',
  open: 'open',
  read: 'read',
  scandir: 'read',
  stat: 'read',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove',
};

/**
 * The last safety net: an errno error that names a path becomes one line.
 * Anything else (no path: not a disk problem we can explain) returns undefined
 * and keeps its stack, because it may well be a bug.
 */
export function errnoLine(error: unknown): string | undefined {
  if (!isErrno(error) || typeof error.path !== 'string') return undefined;
  const doing = DOING[error.syscall ?? ''] ?? 'write';
  return diskError(error.path, error, { doing, inDataHome: false }).message;
}
