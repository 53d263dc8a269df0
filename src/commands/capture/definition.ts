// `oncall capture on|off`: record the commands typed in this terminal (one
// with the hook: `oncall hook <shell>`), and `capture record`, the recorder
// `capture on` starts in the background (commands/capture/capture.ts serves all three).
import { defineCommand, defineGroup } from '../definition/define.js';

export const captureGroup = defineGroup({
  name: 'capture',
  description: 'record the commands typed in this terminal (it needs `oncall hook <shell>`)',
});

const drill = {
  type: 'boolean',
  description: 'record into a drill (a drill records nothing from the shell unless asked)',
} as const;

export const captureOnCommand = defineCommand({
  name: 'on',
  description: 'record the commands typed from now on in this terminal into the incident',
  flags: { drill },
});

export const captureOffCommand = defineCommand({
  name: 'off',
  description: 'stop recording this terminal',
});

export const captureRecordCommand = defineCommand({
  name: 'record',
  description: "a terminal's recorder, started by `oncall capture on`",
  hidden: true,
  flags: {
    session: {
      type: 'string',
      value: 'id',
      description: "the terminal's session (ONCALL_CAPTURE_SESSION)",
    },
    drill,
  },
});
