// `oncall shell` when the user's rc loads the hook itself, before a prompt
// theme (starship's real init script, with a stand-in binary), and with a
// fish prompt of the user's that shows the last status: the prompt still
// names the incident, the theme and the user's prompt still show the
// command's own status, and each command is recorded with its exit code.
import { describe, it } from 'vitest';
import { type Sandbox, startIncident } from '../../helpers/cli.js';
import { spawnOncall, type Terminal, waitUntil } from '../../helpers/pty.js';
import { standIns, starshipInit, typedRuns } from '../../helpers/shell-tools.js';
import {
  describeWithShell,
  type ShellName,
  shellPath,
  shellSandbox,
  writeRc,
} from '../../helpers/shells.js';

const PROMPT = 'P> ';

interface Case {
  shell: ShellName;
  title: string;
  rc: (box: Sandbox) => string;
  /** The prompt after `false`, the incident's tag first. */
  afterFalse: string;
}

const FISH_START = 'function fish_greeting; end\n';
const CASES: Case[] = [
  {
    shell: 'bash',
    title: 'the hook, then starship',
    rc: (box) =>
      `PS1='${PROMPT}'\neval "$(oncall hook bash)"\n${starshipInit('bash', standIns(box, PROMPT))}`,
    afterFalse: `SEV2] [star 1] ${PROMPT}`,
  },
  {
    shell: 'fish',
    title: 'the hook, then starship',
    rc: (box) =>
      `${FISH_START}oncall hook fish | source\n${starshipInit('fish', standIns(box, PROMPT))}`,
    afterFalse: `SEV2] [star 1] ${PROMPT}`,
  },
  {
    shell: 'fish',
    title: 'a prompt that shows the status',
    rc: () => `${FISH_START}function fish_prompt; printf 'st=%s ${PROMPT}' $status; end\n`,
    afterFalse: `SEV2] st=1 ${PROMPT}`,
  },
];

/** The typed commands as [line, exit code, pipestatus]. */
const exits = (box: Sandbox) => typedRuns(box).map((r) => [r.line, r.exit, r.pipes ?? null]);

async function typeInto(t: Terminal, c: Case, box: Sandbox): Promise<void> {
  await t.waitFor(PROMPT, 20_000);
  t.answer('echo first');
  await t.waitFor(PROMPT, 20_000);
  t.answer('false');
  await t.waitFor(c.afterFalse, 20_000);
  t.answer('true | false');
  await t.waitFor(c.afterFalse, 20_000);
  await waitUntil('the pipeline in the log', () => exits(box).length === 3, 20_000);
  t.answer('exit');
  await t.exit;
}

describe.concurrent('oncall shell beside prompt themes', () => {
  for (const c of CASES) {
    describeWithShell(c.shell, `oncall shell in ${c.shell}: ${c.title}`, () => {
      it('names the incident in the prompt, keeps the status the prompt shows, records each exit code', async ({
        expect,
      }) => {
        const box = shellSandbox({ SHELL: shellPath(c.shell) });
        await startIncident(box);
        writeRc(box, c.shell, c.rc(box));
        const t = spawnOncall(['shell'], { cwd: box.dir, env: box.env });
        try {
          await typeInto(t, c, box);
        } finally {
          t.kill();
        }
        expect(exits(box)).toEqual([
          ['echo first', 0, null],
          ['false', 1, null],
          ['true | false', 1, [0, 1]],
        ]);
      }, 120_000);
    });
  }
});
