// `oncall resume`: no arguments, no flags of its own (only the global --incident).
import { defineCommand } from '../definition/define.js';

export const resumeCommand = defineCommand({
  name: 'resume',
  description: 'continue the runbook walk-through exactly where it stopped',
});
