// `oncall hook bash|zsh|fish`: the snippet for the shell's rc file.
import { CAPTURED_SHELLS } from '../../domain/capture/record.js';
import { defineCommand } from '../definition/define.js';

export const hookCommand = defineCommand({
  name: 'hook',
  description:
    'print the hook for your shell\'s rc file (eval "$(oncall hook bash)"); it records only after `oncall capture on`',
  arguments: [{ name: 'shell', description: CAPTURED_SHELLS.join(', '), required: true }],
});
