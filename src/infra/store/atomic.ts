// Small files replaced whole (the active-incident pointer, a postmortem draft and
// its checksum) are written beside their target and renamed over it, so a reader
// sees the old file or the new one, never half of one. A write that fails (a full
// disk, a read-only one) removes its temporary file: no `*.tmp` is left behind.
import {
  closeSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The temporary name: hidden, beside the target, unique to this process and call. */
function tempBeside(file: string): string {
  const unique = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return join(dirname(file), `.${basename(file)}.${unique}.tmp`);
}

/**
 * Replaces `file` with `text` atomically. Throws the file system's own error
 * (callers word it for their user) after removing the temporary file.
 */
export function writeFileAtomic(
  file: string,
  text: string | Uint8Array | Iterable<Uint8Array>,
  mode = 0o600,
): void {
  const tmp = tempBeside(file);
  try {
    // 'wx': never follow or reuse something already lying at the temporary name.
    if (typeof text === 'string' || text instanceof Uint8Array)
      writeFileSync(tmp, text, { mode, flag: 'wx' });
    else writeChunks(tmp, text, mode);
    renameSync(tmp, file);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created (the open failed), or already renamed: nothing to clean.
    }
    throw error;
  }
}

/**
 * Creates `file` holding `text`, whole, unless it exists (false then): written
 * under a name of its own, then linked into place (link(2) fails when the name
 * exists). A lock made so is never seen empty: one created with O_EXCL and
 * then written can be read in between, and taken for a dead holder's.
 */
export function createWhole(file: string, text: string, mode = 0o600): boolean {
  const tmp = tempBeside(file);
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    linkSync(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** A new file written a chunk at a time (a draft of megabytes is never one buffer). */
function writeChunks(file: string, chunks: Iterable<Uint8Array>, mode: number): void {
  const fd = openSync(file, 'wx', mode);
  try {
    for (const chunk of chunks)
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at);
  } finally {
    closeSync(fd);
  }
}
