// A log with no readable incident.opened event cannot be folded: every reading
// command refuses it, and a note or a command recorded into it is kept but
// shown by none. Both say it in the same words: the file and line, why, and
// the fix. Small: the note's bundle carries it.

/** Where the opening event should be and why it is not readable there (line 0: the whole file). */
export interface UnopenedAt {
  file: string;
  line: number;
  reason: string;
  /** The line is an event of this other incident: the file is that incident's log. */
  otherIncident?: string;
}

/** One line: `file:line: why`, what it means (`consequence`), and the fix. */
export function unopenedWords(at: UnopenedAt, consequence: string): string {
  const where = at.line > 0 ? `${at.file}:${at.line}` : at.file;
  const fresh = 'start a new incident with `oncall start`';
  const fix = at.otherIncident
    ? `it is incident ${at.otherIncident}'s log (copied, or its folder renamed): put it back in that incident's folder, or ${fresh}`
    : at.line > 0
      ? `repair line ${at.line} (the incident.opened event oncall wrote first), or ${fresh}`
      : fresh;
  return `${where}: ${at.reason}, and the log has no readable incident.opened event: ${consequence}. Fix: ${fix}.`;
}
