// Here-documents found the way the shell finds them, line by line, before any
// parsing: after a line holding `<<EOF` (`<<-EOF`, `<<'EOF'`, `<<"EOF"`, two on
// one line), the lines up to the one that is exactly `EOF` are its body, whatever
// they hold. The shell parser's error recovery alone got this wrong for a body
// line ending in `{}` (`spec: {}`): it ended the command there and showed `EOF`
// as output. A command with a here-document still open is unfinished.

interface Scan {
  /** A here-document's end line is still to come. */
  open: boolean;
  /** 0-based line indices of every body line (end lines not included). */
  bodyLines: Set<number>;
}

/** The delimiters a command line opens, in order (quotes and comments skipped). */
function delimitersOn(line: string, state: { quote: string }): { word: string; tabs: boolean }[] {
  const found: { word: string; tabs: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (state.quote) {
      if (c === '\\' && state.quote === '"') i++;
      else if (c === state.quote) state.quote = '';
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') state.quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) break;
    else if (line.startsWith('<<', i) && line[i + 2] !== '<' && line[i - 1] !== '<') {
      const m = /^<<(-?)\s*(?:'([^']+)'|"([^"]+)"|\\?([^\s;&|<>()'"]+))/.exec(line.slice(i));
      const word = m?.[2] ?? m?.[3] ?? m?.[4];
      if (m && word) {
        found.push({ word, tabs: m[1] === '-' });
        i += m[0].length - 1;
      }
    }
  }
  return found;
}

export function scanHeredocs(text: string): Scan {
  const lines = text.split('\n');
  const bodyLines = new Set<number>();
  const pending: { word: string; tabs: boolean }[] = [];
  const state = { quote: '' };
  lines.forEach((line, i) => {
    const current = pending[0];
    if (!current) {
      pending.push(...delimitersOn(line, state));
      return;
    }
    if ((current.tabs ? line.replace(/^\t+/, '') : line) === current.word) pending.shift();
    else bodyLines.add(i);
  });
  return { open: pending.length > 0, bodyLines };
}

/** The text with each here-document's body lines emptied (end lines kept): for parsing its structure. */
export function withoutHeredocBodies(text: string): string {
  const { bodyLines } = scanHeredocs(text);
  if (!bodyLines.size) return text;
  return text
    .split('\n')
    .map((line, i) => (bodyLines.has(i) ? '' : line))
    .join('\n');
}
