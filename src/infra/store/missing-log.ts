// An incident whose log is not there (its folder moved, emptied or deleted by
// hand; the active pointer left naming it): a name that leads nowhere, so a
// bad input (exit 2), said with how the incident was named and the fix. Only
// worded when the open failed: no command pays for it otherwise.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UsageError } from '../../errors.js';
import { activeFile } from './paths.js';

/** The error for a log at `file` (`<home>/incidents/<id>/events.jsonl`) that does not exist. */
export function missingLog(file: string): UsageError {
  const dir = dirname(file);
  const id = basename(dir);
  const pointer = activeFile(dirname(dirname(dir)));
  let active: string | undefined;
  try {
    active = readFileSync(pointer, 'utf8').trim();
  } catch {
    // No pointer: the incident was named on the command line.
  }
  if (active === id) {
    return new UsageError(
      `the active incident ${id} (named in ${pointer}) has no log at ${file}: it was moved or deleted. Pick another with \`oncall use <id>\` (\`oncall list\` shows them), or start one with \`oncall start\`.`,
    );
  }
  return new UsageError(
    `incident ${id} has no log at ${file}: it was moved or deleted. Run \`oncall list\` to see incidents.`,
  );
}
