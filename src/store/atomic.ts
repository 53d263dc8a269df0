// Small files replaced whole (the active-incident pointer, a postmortem draft and
// its checksum) are written beside their target and renamed over it, so a reader
// sees the old file or the new one, never half of one. A write that fails (a full
// disk, a read-only one) removes its temporary file: no `*.tmp` is left behind.
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
export function writeFileAtomic(file: string, text: string | Uint8Array, mode = 0o600): void {
  const tmp = tempBeside(file);
  try {
    // 'wx': never follow or reuse something already lying at the temporary name.
    writeFileSync(tmp, text, { mode, flag: 'wx' });
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
