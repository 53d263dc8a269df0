// Splitting one line of the runbook's own text into words, as sh would
// (quotes, backslashes, comments), and noticing what only a shell understands.
// Its own module because two readers need it: the step annotation (key: value
// words) and a code block read as one plain command.
interface Words {
  words: string[];
  /** The first character that only a shell understands (pipe, redirect, `$`, glob), if any. */
  shellSyntax?: string;
  error?: string;
  /** With `marks`: whether each word had quotes in it (a quoted "kind:" is text, not a key). */
  quoted?: boolean[];
}

/**
 * Splits one line of the runbook's own text into words, honouring '…', "…" and
 * backslash escapes. Never used on values typed by the responder.
 */
export function splitWords(
  line: string,
  options: { comments?: boolean; marks?: boolean } = {},
): Words {
  const words: string[] = [];
  const quoted: boolean[] = [];
  let word = '';
  let inWord = false;
  let wordQuoted = false;
  const push = () => {
    words.push(word);
    quoted.push(wordQuoted);
    wordQuoted = false;
  };
  let shellSyntax: string | undefined;
  const flag = (c: string) => {
    shellSyntax ??= c;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t') {
      if (inWord) push();
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { words, error: 'a single quote is never closed' };
      word += line.slice(i + 1, end);
      inWord = true;
      wordQuoted = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] ?? '';
        // As in sh: inside double quotes a backslash escapes only $ ` " and itself.
        if (d === '\\' && '$`"\\'.includes(line[j + 1] ?? 'x')) word += line[++j];
        else {
          if (d === '$' || d === '`') flag(d);
          word += d;
        }
      }
      if (j >= line.length) return { words, error: 'a double quote is never closed' };
      inWord = true;
      wordQuoted = true;
      i = j;
    } else if (c === '\\') {
      word += line[++i] ?? '';
      inWord = true;
    } else if (c === '#' && !inWord && options.comments !== false) {
      break; // a comment to the end of the line
    } else {
      if ('|&;<>()$`*'.includes(c) || (c === '~' && !inWord)) flag(c);
      word += c;
      inWord = true;
    }
  }
  if (inWord) push();
  return {
    words,
    ...(shellSyntax ? { shellSyntax } : {}),
    ...(options.marks ? { quoted } : {}),
  };
}
