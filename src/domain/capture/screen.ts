// What a terminal showed, as text: a command's output as bytes for a screen
// (colours, cursor moves, progress bars redrawn with carriage returns) read
// back as the lines a person saw, for the output tail kept as evidence.
import { tail } from '../text/tail.js';
import { safeBlock } from '../text/terminal-safe.js';

/** CSI, OSC (BEL or ST ended), and the two-character escapes. */
const ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>]/g;

/** The lines as shown: escapes out, each line what follows its last carriage return. */
export function screenLines(text: string): string[] {
  const lines = text
    .replace(ESCAPES, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1).trimEnd());
  while (lines.length && lines.at(-1) === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return lines;
}

/** The last lines a command showed, with nothing left that could drive a terminal. */
export function screenTail(text: string): string {
  return safeBlock(tail(screenLines(text).join('\n')));
}
