// The bash hook beside the prompt tools responders already load, in both
// orders of the rc lines: their real init scripts (vendored in
// test/fixtures/shell with their licences), each with a stand-in for its
// binary. A tool loaded after the hook may put itself before it (direnv
// prepends to PROMPT_COMMAND; starship moves PROMPT_COMMAND into a variable of
// its own and evaluates it after a test that resets $?; bash-preexec runs it
// after its own precmd functions): every command typed must still be recorded
// once, with its own exit code and pipeline, and the tool must still work.
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { type Sandbox, startIncident } from '../../helpers/cli.js';
import { FIXTURES } from '../../helpers/paths.js';
import { type Terminal, waitUntil } from '../../helpers/pty.js';
import {
  direnvHook,
  standIns,
  starshipInit,
  type ToolBins,
  typedRuns,
} from '../../helpers/shell-tools.js';
import { shellSandbox, startShell, writeRc } from '../../helpers/shells.js';

const PROMPT = 'P> ';
interface Neighbour {
  title: string;
  /** The tool's init text, given its stand-in binaries. */
  init: (bins: ToolBins) => string;
  /** What the screen shows after `false` when the tool still works. */
  worksAfterFalse?: string;
}

const NEIGHBOURS: Neighbour[] = [
  {
    title: 'starship',
    init: (b) => starshipInit('bash', b),
    worksAfterFalse: '[star 1]',
  },
  {
    title: 'direnv',
    init: direnvHook,
  },
  {
    title: 'bash-preexec with a precmd function',
    init: () =>
      `source '${join(FIXTURES, 'shell', 'bash-preexec.sh')}'\nu_precmd() { echo "[user-pc $?]"; }\nprecmd_functions+=(u_precmd)\n`,
    worksAfterFalse: '[user-pc 1]',
  },
];

const HOOK = 'eval "$(oncall hook bash)"\n';

/** The typed commands as [line, exit code, pipestatus, directory]. */
const typedRunsOf = (box: Sandbox) =>
  typedRuns(box).map((r) => [r.line, r.exit, r.pipes ?? null, r.cwd]);

async function typeLines(t: Terminal, n: Neighbour, box: Sandbox): Promise<void> {
  const type = async (line: string, shows?: string) => {
    t.answer(line);
    if (shows) await t.waitFor(shows, 40_000);
    await t.waitFor(PROMPT, 40_000);
  };
  await t.waitFor(PROMPT, 20_000);
  await type('oncall capture on', 'Recording the commands typed in this terminal');
  await type('false', n.worksAfterFalse);
  await type('true | false');
  await type('false | true');
  await type('nosuchcommand-xyz', 'command not found');
  await type('echo x');
  await type('echo x'); // a repeat, with HISTIGNORE's `&` (ignore a repeat) in the rc
  await type('cd envdir');
  await type('echo "FOO=$FOO"', n.title === 'direnv' ? 'FOO=from-envrc' : 'FOO=');
  await waitUntil(
    'the last command in the log',
    () => typedRunsOf(box).some((r) => r[0] === 'echo "FOO=$FOO"'),
    20_000,
  );
  await type('oncall capture off', 'Stopped recording this terminal');
  await type('echo "hi=[$HISTIGNORE]"', 'hi=[&:ls]');
}

describe.concurrent('oncall hook bash beside other prompt tools, in both orders', () => {
  for (const n of NEIGHBOURS) {
    for (const order of ['hook first', 'hook last'] as const) {
      it(`${n.title}, ${order}: each command once, its exit code and pipeline its own`, async ({
        expect,
      }) => {
        const box = shellSandbox();
        await startIncident(box);
        const init = n.init(standIns(box, PROMPT));
        const rc = order === 'hook first' ? `${HOOK}${init}` : `${init}${HOOK}`;
        writeRc(box, 'bash', `PS1='${PROMPT}'\nHISTCONTROL=ignoreboth\nHISTIGNORE='&:ls'\n${rc}`);
        const t = startShell(box, 'bash');
        try {
          await typeLines(t, n, box);
        } finally {
          t.kill();
        }
        expect(typedRunsOf(box)).toEqual([
          ['false', 1, null, box.dir],
          ['true | false', 1, [0, 1], box.dir],
          ['false | true', 0, [1, 0], box.dir],
          ['nosuchcommand-xyz', 127, null, box.dir],
          ['echo x', 0, null, box.dir],
          ['echo x', 0, null, box.dir],
          ['cd envdir', 0, null, box.dir],
          ['echo "FOO=$FOO"', 0, null, join(box.dir, 'envdir')],
        ]);
      }, 120_000);
    }
  }
});
