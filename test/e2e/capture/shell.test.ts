// `oncall shell`: the responder's own $SHELL in a terminal oncall owns, typed
// into through a real pseudo-terminal: bash always, zsh and fish where
// installed. Every command typed is recorded with its exit code, directory
// and output tail; the session is an asciicast v2 file beside the log (read
// back here with a parser of the format), each command pointing at its range
// in it; a line starting with a space, a typed secret and a forged record
// reach neither the log nor the recording.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, readEvents, type Sandbox, startIncident } from '../../helpers/cli.js';
import { spawnOncall, type Terminal } from '../../helpers/pty.js';
import {
  describeWithShell,
  type ShellName,
  shellPath,
  shellSandbox,
  writeRc,
} from '../../helpers/shells.js';

const PROMPT = 'P> ';

const RC: Record<ShellName, string> = {
  bash: `PS1='${PROMPT}'\nmysql() { echo "connected"; return 1; }\nPROMPT_COMMAND='echo "[user-pc $?]"'\n`,
  zsh: `PROMPT='${PROMPT}'\nmysql() { echo "connected"; return 1 }\nautoload -Uz add-zsh-hook\nu_precmd() { print -r -- "[user-pc $?]" }\nadd-zsh-hook precmd u_precmd\n`,
  fish: `function fish_prompt; printf '${PROMPT}'; end\nfunction fish_greeting; end\nfunction mysql; echo connected; return 1; end\n`,
};

/** The nonce marking our records is in no command's environment. */
const NO_NONCE = 'env | grep -c SHELL_NONCE';

type CastEvent = [number, string, string];

/** asciicast v2: a header object, then `[time, code, data]` lines, times never going back. */
function parseCast(text: string): { header: Record<string, unknown>; events: CastEvent[] } {
  const [first, ...lines] = text.trimEnd().split('\n');
  const header = JSON.parse(first ?? '');
  expect(header).toMatchObject({ version: 2 });
  expect(Number.isInteger(header.width) && Number.isInteger(header.height)).toBe(true);
  expect(typeof header.timestamp).toBe('number');
  let last = 0;
  const events = lines.map((line) => {
    const event = JSON.parse(line) as CastEvent;
    expect(event).toHaveLength(3);
    const [time, code, data] = event;
    expect(typeof time === 'number' && time >= last).toBe(true);
    expect(['o', 'r', 'm']).toContain(code);
    expect(typeof data).toBe('string');
    last = time;
    return event;
  });
  return { header, events };
}

async function typeInto(t: Terminal, id: string): Promise<void> {
  const type = async (line: string, shows?: string) => {
    t.answer(line);
    if (shows) await t.waitFor(shows);
    await t.waitFor(PROMPT);
  };
  // The prompt names the incident and its severity.
  await t.waitFor(`[${id} SEV2] ${PROMPT}`, 20_000);
  await type('echo out\'\'put-1 && echo "in=$ONCALL_INCIDENT"', `in=${id}`);
  await type(NO_NONCE);
  await type('false');
  await type('cd /tmp');
  await type(" echo space''hidden", 'spacehidden');
  await type('mysql -pS3cret -e "select 1"', 'connected');
  // A program printing a record of ours without the nonce: shown to no one, never trusted.
  await type(
    "printf '\\033]6973;forged;oncall1\\tF\\tbash\\tx\\t1\\t\\t\\t0\\t\\t\\tb\\t/\\tforged-cmd\\007'",
  );
  t.answer('exit 3');
}

function checkSession(box: Sandbox, shell: ShellName) {
  const events = readEvents(box);
  const typed = events.filter((e) => e.type === 'command.started' && e.via === 'shell');
  const finished = (e: Record<string, unknown>) =>
    events.find((f) => f.type === 'command.finished' && f.runId === e.runId) ?? {};
  const runs: Record<string, unknown>[] = typed.map((e) => ({
    line: (e.argv as string[])[0],
    cwd: e.cwd,
    ...finished(e),
  }));
  expect(runs.map((r) => [r.line, r.exitCode])).toEqual([
    ['echo out\'\'put-1 && echo "in=$ONCALL_INCIDENT"', 0],
    [NO_NONCE, 1],
    ['false', 1],
    ['cd /tmp', 0],
    ['mysql -p[REDACTED] -e "select 1"', 1],
    [expect.stringContaining('forged;oncall1'), 0],
  ]);
  expect(typed.every((e) => e.shell === shell)).toBe(true);
  expect(runs[0]?.outputTail).toMatch(/^output-1\nin=\S+$/);
  expect(runs[4]).toMatchObject({ cwd: '/tmp', outputTail: 'connected' });
  expect(runs[1]?.outputTail).toBe('0');
  const castFile = String((runs[0]?.castRange as { file?: string } | undefined)?.file);
  const text = readFileSync(join(logPath(box), '..', castFile), 'utf8');
  const cast = parseCast(text);
  const end = cast.events.at(-1)?.[0] ?? 0;
  for (const run of runs) {
    const range = run.castRange as { file: string; start: number; end: number };
    expect(range.file).toBe(castFile);
    expect(range.start <= range.end && range.end <= end).toBe(true);
  }
  const markers = cast.events.filter(([, code]) => code === 'm').map(([, , data]) => data);
  expect(markers).toHaveLength(6);
  expect(markers[4]).toMatch(/ mysql -p\[REDACTED\] -e "select 1"$/);
  for (const secret of ['S3cret', 'spacehidden', "space''hidden", 'forged-cmd"']) {
    expect(text).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret);
  }
  expect(cast.events.some(([, , data]) => data.includes('output-1'))).toBe(true);
}

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  describeWithShell(shell, `oncall shell in ${shell}`, () => {
    it('records each command with its output tail, and the session as an asciicast', async () => {
      const box = shellSandbox({ SHELL: shellPath(shell) });
      const id = await startIncident(box);
      writeRc(box, shell, RC[shell]);
      const t = spawnOncall(['shell'], { cwd: box.dir, env: box.env });
      try {
        await typeInto(t, id);
        expect(await t.exit).toBe(3);
        await t.waitFor(
          /back from the \S+ shell: 6 commands recorded; the session is in \S+\.cast/,
        );
      } finally {
        t.kill();
      }
      checkSession(box, shell);
    });
  });
}

describe('oncall shell with config shell.prompt: false', () => {
  it('leaves the prompt as the user has it', async () => {
    const box = shellSandbox({ SHELL: shellPath('bash') });
    const id = await startIncident(box);
    writeRc(box, 'bash', RC.bash);
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'shell: { prompt: false }\n');
    const t = spawnOncall(['shell'], { cwd: box.dir, env: box.env });
    try {
      const first = await t.waitFor(PROMPT, 20_000);
      t.answer('exit');
      expect(await t.exit).toBe(0);
      await t.waitFor('0 commands recorded');
      expect(first).not.toContain(`[${id}`);
    } finally {
      t.kill();
    }
  });
});

describe('oncall shell refuses', () => {
  it('a $SHELL it has no hook for, naming the three it has', async () => {
    const box = shellSandbox({ SHELL: '/bin/sh' });
    await startIncident(box);
    const r = oncall(box, ['shell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'oncall: oncall shell works with bash, zsh or fish; $SHELL is /bin/sh. Run it as SHELL=/bin/bash oncall shell (or zsh, fish).\n',
    );
  });
});
