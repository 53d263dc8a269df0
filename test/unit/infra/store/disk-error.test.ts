// Disk errors read as one line naming the path and the fix; errors that do not
// name a path are left alone, so a bug keeps its stack.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OncallError } from '../../../../src/errors.js';
import { diskError, errnoLine } from '../../../../src/infra/store/disk-error.js';

function errno(code: string, syscall = 'open', path?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: fake, ${syscall}`);
  error.code = code;
  error.syscall = syscall;
  if (path) error.path = path;
  return error;
}

/** What node itself throws: the real error for `run`. */
function thrown(run: () => unknown): NodeJS.ErrnoException {
  try {
    run();
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
  throw new Error('expected a throw');
}

describe('diskError', () => {
  it.each([
    ['ENOSPC', 'the disk is full. Free some space and try again.'],
    ['EDQUOT', 'your disk quota is used up. Free some space and try again.'],
    ['EFBIG', 'the file would exceed the file size limit. Raise it (`ulimit -f`) and try again.'],
    [
      'EROFS',
      'the file system is read-only. Remount it read-write, or set ONCALL_HOME to another folder.',
    ],
    [
      'EACCES',
      'permission denied. Check its owner and mode, or set ONCALL_HOME to another folder.',
    ],
    ['EPERM', 'permission denied. Check its owner and mode, or set ONCALL_HOME to another folder.'],
  ])('%s: one line, exit 1, naming the path and the fix', (code, why) => {
    const error = diskError('/data/log', errno(code));
    expect(error).toBeInstanceOf(OncallError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(`cannot write /data/log: ${why}`);
  });

  it('names the file that stands where a folder should be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-disk-'));
    const file = join(dir, 'home');
    writeFileSync(file, '');
    const deep = join(file, 'incidents', 'x');
    const error = thrown(() => mkdirSync(deep, { recursive: true }));
    expect(diskError(deep, error, { doing: 'create' }).message).toBe(
      `cannot create ${deep}: ${file} is a file where a folder should be. Move it away, or set ONCALL_HOME to another folder.`,
    );
    const onTop = thrown(() => mkdirSync(file, { recursive: true }));
    expect(onTop.code).toBe('EEXIST');
    expect(diskError(file, onTop, { doing: 'create' }).message).toBe(
      `cannot create ${file}: it is a file where a folder should be. Move it away, or set ONCALL_HOME to another folder.`,
    );
  });

  it('says so when a folder stands where a file should be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-disk-'));
    const error = thrown(() => readFileSync(dir));
    expect(diskError(dir, error, { doing: 'read' }).message).toBe(
      `cannot read ${dir}: it is a folder where a file should be. Move it away, or set ONCALL_HOME to another folder.`,
    );
  });
});

describe('errnoLine, the last safety net', () => {
  it('turns an errno error that names a path into one line without the data-folder hint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-disk-'));
    const file = join(dir, 'f');
    writeFileSync(file, '');
    const error = thrown(() => mkdirSync(join(file, 'sub')));
    expect(errnoLine(error)).toBe(
      `cannot create ${join(file, 'sub')}: ${file} is a file where a folder should be. Move it away.`,
    );
    expect(errnoLine(errno('ENOSPC', 'write', '/x/y'))).toBe(
      'cannot write /x/y: the disk is full. Free some space and try again.',
    );
  });

  it('leaves everything else alone: a bug keeps its stack', () => {
    expect(errnoLine(new TypeError('x is undefined'))).toBeUndefined();
    expect(errnoLine(errno('ECONNRESET', 'read'))).toBeUndefined(); // no path
    expect(errnoLine('a string')).toBeUndefined();
  });
});
