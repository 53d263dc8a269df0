// `oncall use <id>`: its argument.
import { defineCommand } from '../definition/define.js';

export const useCommand = defineCommand({
  name: 'use',
  description: 'make an incident the active one',
  arguments: [
    { name: 'id', description: 'incident id (or an unambiguous part of it)', required: true },
  ],
});
