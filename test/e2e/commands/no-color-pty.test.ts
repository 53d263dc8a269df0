// NO_COLOR (no-color.org) at a real terminal: the screens that mark state
// with colour (status, bare `oncall`, a text shown rendered) print no colour
// codes; without it, and with FORCE_COLOR set too, they do. Only the built bin
// proves it: chalk reads the terminal and the environment as the process starts.
import { describe, expect, it } from 'vitest';
import { spawnOncall } from '../../helpers/pty.js';
import { wordsIncident } from '../../helpers/words.js';

/** An SGR sequence: a colour or a style. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape sequences is the point
const SGR = /\x1b\[[0-9;]*m/;

async function printed(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const box = await wordsIncident();
  const term = spawnOncall(args, { ...box, env: { ...box.env, ...env } });
  expect(await term.exit).toBe(0);
  return term.raw();
}

describe('NO_COLOR at a terminal', () => {
  it.each([[['status']], [[]], [['update', 'still rolling back']]])(
    'oncall %j: no colour with NO_COLOR, colour without it or with FORCE_COLOR',
    async (args: string[]) => {
      expect(await printed(args, { NO_COLOR: '1' })).not.toMatch(SGR);
      expect(await printed(args, { NO_COLOR: '1', FORCE_COLOR: '1' })).toMatch(SGR);
      // The sandbox sets NO_COLOR for every test: unset here.
      expect(await printed(args, { NO_COLOR: undefined })).toMatch(SGR);
    },
  );
});
