// `npm run bench`, the shell hooks: what `eval "$(oncall hook <shell>)"` costs
// a prompt, and how soon a typed command is in the log.
//   6. per command, in the shell itself: the hook's functions called 1000 times
//      (bash: PS0 expanded and the precmd; zsh: preexec and precmd; fish: the
//      fish_preexec and fish_postexec events) minus the same loop without
//      them: with the hook loaded and capture off, then with capture on (the
//      recorder recording alongside).                       target <= 5 ms
//   7. a typed command's prompt back -> its event in the log, capture on
//      (median and worst of 20).                            target <= 2000 ms
// Each shell that is installed (bash, zsh, fish) runs in a pseudo-terminal
// with the built bin's hook; BENCH_HOOK_CALLS (default 1000) and
// BENCH_HOOK_ROUNDS (default 3, medians) set the counts.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = process.env.BENCH_BIN ?? join(root, 'bin', 'oncall');
const CALLS = Number(process.env.BENCH_HOOK_CALLS ?? 1000);
const ROUNDS = Number(process.env.BENCH_HOOK_ROUNDS ?? 3);
const PROMPT = 'P> ';

const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>]/g;

const installed = (shell) =>
  spawnSync('sh', ['-c', 'command -v "$0"', shell], { encoding: 'utf8' }).stdout.trim();

/** The loop, timed inside the shell: microseconds per call with the hook, and without it. */
const LOOPS = {
  bash: `__b() { local i t0 t1 t2; t0=$EPOCHREALTIME; for ((i=0;i<${CALLS};i++)); do history -s "echo $i"; : "\${PS0@P}"; __oncall_precmd; done; t1=$EPOCHREALTIME; for ((i=0;i<${CALLS};i++)); do history -s "echo $i"; : ; : ; done; t2=$EPOCHREALTIME; echo "BENCH $(( (\${t1//[!0-9]/}-\${t0//[!0-9]/}) / ${CALLS} )) $(( (\${t2//[!0-9]/}-\${t1//[!0-9]/}) / ${CALLS} ))"; }; __b`,
  zsh: `__b() { local i t0=$EPOCHREALTIME t1 t2; for ((i=0;i<${CALLS};i++)); do __oncall_preexec "echo $i"; __oncall_precmd; done; t1=$EPOCHREALTIME; for ((i=0;i<${CALLS};i++)); do :; :; done; t2=$EPOCHREALTIME; printf "BENCH %.0f %.0f\\n" $(( (t1-t0)*1e6/${CALLS} )) $(( (t2-t1)*1e6/${CALLS} )) }; __b`,
  // fish has no clock: its \`time\` around each loop.
  fish: `time for i in (seq ${CALLS}); emit fish_preexec "echo $i"; emit fish_postexec "echo $i"; end; time for i in (seq ${CALLS}); true; true; end`,
};

const RC = {
  bash: ['.bashrc', `PS1='${PROMPT}'\neval "$(oncall hook bash)"\n`],
  zsh: ['.zshrc', `PROMPT='${PROMPT}'\neval "$(oncall hook zsh)"\n`],
  // fish writes its history file after every command: off, so the loop times the hook.
  fish: [
    'config/fish/config.fish',
    `function fish_prompt; printf '${PROMPT}'; end\nfunction fish_greeting; end\nset -g fish_history ''\noncall hook fish | source\n`,
  ],
};

function parse(shell, text) {
  if (shell !== 'fish')
    return text
      .match(/BENCH (\d+) (\d+)/)
      .slice(1)
      .map(Number);
  const m = [...text.matchAll(/Executed in +([\d.]+) (micros|millis|secs)/g)];
  const us = (v, u) => Number(v) * (u === 'micros' ? 1 : u === 'millis' ? 1000 : 1e6);
  return [us(m[0][1], m[0][2]) / CALLS, us(m[1][1], m[1][2]) / CALLS];
}

/** A shell in a pseudo-terminal: type a line, wait for text on its screen. */
function terminal(shell, box) {
  const term = pty.spawn(installed(shell), shell === 'bash' ? ['--noprofile', '-i'] : ['-i'], {
    name: 'xterm-256color',
    cols: 200,
    rows: 50,
    cwd: box.dir,
    env: box.env,
  });
  let screen = '';
  let seen = 0;
  term.onData((d) => {
    screen += d.replace(ANSI, '').replace(/\r/g, '');
  });
  const waitFor = (pattern, timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const rest = screen.slice(seen);
        const m = typeof pattern === 'string' ? rest.indexOf(pattern) : rest.search(pattern);
        if (m >= 0) {
          const found = typeof pattern === 'string' ? pattern : rest.slice(m).match(pattern)[0];
          seen += m + found.length;
          return resolve(rest.slice(0, m + found.length));
        }
        if (Date.now() - started > timeoutMs)
          return reject(new Error(`${shell}: ${pattern} not seen`));
        setTimeout(poll, 2);
      };
      poll();
    });
  const type = async (line, expect) => {
    term.write(`${line}\r`);
    const text = expect ? await waitFor(expect) : '';
    await waitFor(PROMPT);
    return text;
  };
  return { term, waitFor, type };
}

function sandbox(shell) {
  const dir = mkdtempSync(join(tmpdir(), `oncall-bench-hook-${shell}-`));
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'oncall'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`, {
    mode: 0o755,
  });
  const env = {
    PATH: `${binDir}:${process.env.PATH}`,
    HOME: dir,
    ONCALL_HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    ONCALL_ACTOR: 'bench@host',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
  };
  const [rc, text] = RC[shell];
  mkdirSync(dirname(join(dir, rc)), { recursive: true });
  writeFileSync(join(dir, rc), text);
  const started = spawnSync(
    process.execPath,
    [bin, 'start', '--title', 'hook bench', '--sev', 'SEV4', '--no-input', '--runbook', 'none'],
    { cwd: dir, env, encoding: 'utf8' },
  );
  if (started.status !== 0) throw new Error(started.stderr);
  const incident = readdirSync(join(env.ONCALL_HOME, 'incidents'))[0];
  return { dir, env, log: join(env.ONCALL_HOME, 'incidents', incident, 'events.jsonl') };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Microseconds the hook adds per command: the loop with it minus the loop without. */
async function perCommand(shell, sh) {
  const costs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const text = await sh.type(
      LOOPS[shell],
      shell === 'fish' ? /Executed in[\s\S]*Executed in[^\n]*\n/ : /BENCH \d+ \d+\n/,
    );
    const [withHook, without] = parse(
      shell,
      shell === 'fish' ? text : text.slice(text.lastIndexOf('BENCH')),
    );
    costs.push(withHook - without);
  }
  return median(costs);
}

/** The last bytes of the log: enough for the few events just appended. */
function tailOf(log) {
  const fd = openSync(log, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 16384);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The typed line's command.finished is in the log (it comes last: zsh and fish record the start earlier). */
function finishedIn(log, line) {
  const events = tailOf(log)
    .split('\n')
    .filter((l) => l.startsWith('{') && l.endsWith('}'))
    .map((l) => JSON.parse(l));
  const started = events.find((e) => e.type === 'command.started' && e.argv?.[0] === line);
  return (
    started !== undefined &&
    events.some((e) => e.type === 'command.finished' && e.runId === started.runId)
  );
}

/** From a typed command's prompt coming back to its end in the log, 20 times. */
async function promptToLog(sh, log) {
  const delays = [];
  for (let i = 0; i < 20; i++) {
    const line = `true bench-${i}`;
    await sh.type(line);
    const back = performance.now();
    while (!finishedIn(log, line)) {
      if (performance.now() - back > 5000) throw new Error('a typed command never reached the log');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    delays.push(performance.now() - back);
  }
  return { median: median(delays), worst: Math.max(...delays) };
}

async function measure(shell) {
  const box = sandbox(shell);
  const sh = terminal(shell, box);
  try {
    await sh.waitFor(PROMPT, 30_000);
    const off = await perCommand(shell, sh);
    await sh.type('oncall capture on', 'Recording');
    const latency = await promptToLog(sh, box.log);
    const on = await perCommand(shell, sh);
    await sh.type('oncall capture off', 'Stopped');
    return { off, on, latency };
  } finally {
    sh.term.write('exit\r');
    await new Promise((resolve) => sh.term.onExit(resolve));
    rmSync(box.dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  }
}

const ms = (us) => `${(us / 1000).toFixed(2)} ms`;
console.log();
console.log(
  `shell hooks: their cost per command, timed in the shell (${CALLS} calls, median of ${ROUNDS}), and a typed command's way to the log`,
);
for (const shell of ['bash', 'zsh', 'fish']) {
  if (!installed(shell)) {
    console.log(`  ${shell.padEnd(5)} not installed (apt-get install -y ${shell}): not measured`);
    continue;
  }
  const r = await measure(shell);
  const verdict = r.on <= 5000 ? 'met' : 'NOT met';
  console.log(
    `  ${shell.padEnd(5)} capture off ${ms(r.off).padStart(9)}   capture on ${ms(r.on).padStart(9)}  (target <= 5 ms: ${verdict})   prompt -> log ${r.latency.median.toFixed(1)} ms median, ${r.latency.worst.toFixed(1)} ms worst (target <= 2000 ms: ${r.latency.worst <= 2000 ? 'met' : 'NOT met'})`,
  );
}
