// `oncall hook bash|zsh|fish`: the snippet for the shell's rc file.
import { CAPTURED_SHELLS } from '../../domain/capture/record.js';
import { UsageError } from '../../errors.js';
import { defineCommand } from '../definition/define.js';

export const hookCommand = defineCommand({
  name: 'hook',
  description:
    'print the hook for your shell\'s rc file (eval "$(oncall hook bash)"); it records only after `oncall capture on`',
  arguments: [
    {
      name: 'shell',
      description: CAPTURED_SHELLS.join(', '),
      required: true,
      parse: (text: string, label: string) => {
        if ((CAPTURED_SHELLS as readonly string[]).includes(text)) {
          return text as (typeof CAPTURED_SHELLS)[number];
        }
        throw new UsageError(`${label}: ${text} is not one of ${CAPTURED_SHELLS.join(', ')}`);
      },
    },
  ],
});
