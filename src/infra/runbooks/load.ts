// A runbook file read from disk and parsed: the one place a runbook's bytes are
// read for a walk (the parse itself is pure: domain/runbook/parse.ts).
import { readFileSync } from 'node:fs';
import { runbookFrom } from '../../domain/runbook/parse.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { UsageError } from '../../errors.js';

/** Reads and parses a runbook; a runbook with errors is refused with its first `file:line: reason`. */
export function loadRunbook(file: string): Runbook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(
      `${file}: cannot read the runbook (${code}); check the path or run \`oncall runbook list\``,
    );
  }
  return runbookFrom(text, file);
}
