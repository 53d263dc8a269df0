// Does a command change something? The rules are in command-effect-words.ts;
// here they also read a wrapper's quoted remote script (`ssh h 'sudo systemctl
// restart x'`) with the shell parser, which the walk and lint have loaded.
import { type Classified, classifyCommands as classifyWith } from './command-effect-words.js';
import { parseShell } from './shell.js';
import { commandWords, writesFiles } from './shell-words.js';

/** A quoted remote script, read with the shell parser. */
function classifyScript(script: string): Classified {
  const root = parseShell(script);
  return classifyCommands(commandWords(root, script), writesFiles(root, script));
}

export function classifyCommands(commands: string[][], writes: boolean): Classified {
  return classifyWith(commands, writes, classifyScript);
}
