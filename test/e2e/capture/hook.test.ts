// `oncall hook <shell>` + `oncall capture on|off` in real shells, typed into as
// a responder would in a pseudo-terminal: bash always, zsh and fish where
// installed. Each shell's rc has the user's own prompt hooks first (a
// PROMPT_COMMAND string or array, a zsh precmd, a fish postexec), then the
// hook; they must all still run, and the log must hold exactly what was
// typed after `capture on`: exit codes and directories right, a line starting
// with a space and every secret left out.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { oncall, readEvents, type Sandbox, startIncident } from '../../helpers/cli.js';
import { FIXTURES } from '../../helpers/paths.js';
import { type Terminal, waitUntil } from '../../helpers/pty.js';
import { typedRuns } from '../../helpers/shell-tools.js';
import {
  describeWithShell,
  type ShellName,
  shellSandbox,
  startShell,
  writeRc,
} from '../../helpers/shells.js';

const PROMPT = 'P> ';

interface HookCase {
  shell: ShellName;
  title: string;
  /** The user's rc file, ending with the hook. */
  rc: string;
  /** What the user's own prompt hook prints after `false`. */
  userHookSaw: string;
  /** HISTCONTROL once capture is off: given back as it was. */
  histcontrolAfter?: string;
}

// Stand-ins for the programs a responder types, so each line has a known exit code.
const BASH_TOOLS = 'mysql() { return 1; }\ncurl() { return 7; }\n';
const CASES: HookCase[] = [
  {
    shell: 'bash',
    title: 'bash with a PROMPT_COMMAND string and HISTCONTROL=ignoreboth',
    rc: `PS1='${PROMPT}'\nHISTCONTROL=ignoreboth\n${BASH_TOOLS}PROMPT_COMMAND='echo "[user-pc $?]"'\neval "$(oncall hook bash)"\n`,
    userHookSaw: '[user-pc 1]',
    histcontrolAfter: 'ignoreboth',
  },
  {
    shell: 'bash',
    title: 'bash under bash-preexec, with a precmd function of the user',
    rc: `PS1='${PROMPT}'\nHISTCONTROL=ignoreboth\n${BASH_TOOLS}source '${join(FIXTURES, 'shell', 'bash-preexec.sh')}'\nu_precmd() { echo "[user-pc $?]"; }\nprecmd_functions+=(u_precmd)\neval "$(oncall hook bash)"\n`,
    userHookSaw: '[user-pc 1]',
  },
  {
    shell: 'bash',
    title: 'bash with a PROMPT_COMMAND array',
    rc: `PS1='${PROMPT}'\nHISTCONTROL=ignorespace\n${BASH_TOOLS}PROMPT_COMMAND=('echo "[user-pc $?]"' 'echo "[user-pc-2]"')\neval "$(oncall hook bash)"\n`,
    userHookSaw: '[user-pc 1]\n[user-pc-2]',
  },
  {
    shell: 'zsh',
    title: "zsh with the user's precmd (add-zsh-hook)",
    rc: `PROMPT='${PROMPT}'\nsetopt HIST_IGNORE_SPACE\nmysql() { return 1 }\ncurl() { return 7 }\nautoload -Uz add-zsh-hook\nu_precmd() { print -r -- "[user-pc $?]" }\nadd-zsh-hook precmd u_precmd\neval "$(oncall hook zsh)"\n`,
    userHookSaw: '[user-pc 1]',
  },
  {
    shell: 'fish',
    title: "fish with the user's fish_postexec",
    rc: `function fish_prompt; printf '${PROMPT}'; end\nfunction fish_greeting; end\nfunction mysql; return 1; end\nfunction curl; return 7; end\nfunction u_post --on-event fish_postexec; echo "[user-pc $status]"; end\noncall hook fish | source\n`,
    userHookSaw: '[user-pc 1]',
  },
];

function typer(t: Terminal) {
  return async (line: string, shows?: string) => {
    t.answer(line);
    // Generous: a recorder is a new Node process, and CI machines are loaded.
    if (shows) await t.waitFor(shows, 40_000);
    await t.waitFor(PROMPT, 40_000);
  };
}

const captureFiles = (box: Sandbox) => {
  const dir = join(box.home, 'capture');
  return existsSync(dir) ? readdirSync(dir) : [];
};

async function typeANight(box: Sandbox, t: Terminal, c: HookCase, id: string): Promise<void> {
  const type = typer(t);
  await t.waitFor(PROMPT, 20_000);
  await type("echo before''capture", 'beforecapture');
  await type('oncall capture on', 'Recording the commands typed in this terminal');
  await type("echo hel''lo", 'hello');
  await type("echo hel''lo", 'hello'); // a repeat is recorded too, whatever ignoredups says
  await type('false', c.userHookSaw);
  await type('cd /tmp');
  await type('pwd', '/tmp');
  await type(" echo space''hidden", 'spacehidden');
  await type('mysql -pS3cret -e "select 1"');
  await type('export TOKEN=abc123tok');
  await type('curl -H "Authorization: Bearer xyzSECRET" https://api.example.com/health');
  await type('ls /nonexistent | true');
  await type('echo "in=$ONCALL_INCIDENT"', `in=${id}`);
  await type("echo last''one", 'lastone');
  // In the log soon after its prompt (how soon is measured in bench/hook.mjs, not here).
  await waitUntil(
    'the last command in the log',
    () => typedRuns(box).some((r) => r.line === "echo last''one"),
    20_000,
  );
  await type('oncall capture off', 'Stopped recording this terminal');
  await type("echo after''capture", 'aftercapture');
  if (c.histcontrolAfter) await type('echo "hc=[$HISTCONTROL]"', `hc=[${c.histcontrolAfter}]`);
  // The terminal's end ends its recorder.
  await type('oncall capture on', 'Recording');
  t.answer('exit');
  await t.exit;
  await waitUntil(
    'the recorder gone with its terminal',
    () => captureFiles(box).length === 0,
    20_000,
  );
}

// Each shell in a terminal and home of its own, all at once: a case waits
// most of its time on its shell, its recorder and their prompts.
describe.concurrent('oncall hook in real shells', () => {
  for (const c of CASES) {
    describeWithShell(c.shell, `oncall hook ${c.shell}: ${c.title}`, () => {
      it('records what is typed after capture on, as typed, and nothing else', async ({
        expect,
      }) => {
        const box = shellSandbox();
        const id = await startIncident(box);
        writeRc(box, c.shell, c.rc);
        const t = startShell(box, c.shell);
        try {
          await typeANight(box, t, c, id);
        } finally {
          t.kill();
        }
        const runs = typedRuns(box);
        expect(runs.map((r) => [r.line, r.exit])).toEqual([
          ["echo hel''lo", 0],
          ["echo hel''lo", 0],
          ['false', 1],
          ['cd /tmp', 0],
          ['pwd', 0],
          ['mysql -p[REDACTED] -e "select 1"', 1],
          ['export TOKEN=[REDACTED]', 0],
          ['curl -H "Authorization: Bearer [REDACTED]" https://api.example.com/health', 7],
          ['ls /nonexistent | true', 0],
          ['echo "in=$ONCALL_INCIDENT"', 0],
          ["echo last''one", 0],
        ]);
        expect(runs.find((r) => r.line === 'cd /tmp')?.cwd).toBe(box.dir);
        expect(runs.find((r) => r.line === 'pwd')?.cwd).toBe('/tmp');
        expect(runs.find((r) => r.line.startsWith('ls'))?.pipes).toEqual([2, 0]);
        const log = JSON.stringify(readEvents(box));
        for (const hidden of [
          'S3cret',
          'abc123tok',
          'xyzSECRET',
          'space',
          'capture',
          'oncall capture',
        ]) {
          expect(log).not.toContain(hidden);
        }
        const timeline = oncall(box, ['timeline']);
        expect(timeline.stdout).toContain(`typed in ${c.shell}: \`false\` → failed, exit 1`);
      }, 120_000);
    });
  }
});
