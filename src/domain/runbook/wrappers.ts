// Commands that run another command: what they hand on is classified too, so a
// delete behind `sudo`, `ssh host '…'`, `aws-vault exec p --`, `gds aws role`,
// `find … -exec rm`, `knife ssh q '…'` or `oc rsh pod` is seen. A quoted remote
// script is parsed as a shell script (`parse` below), not split on spaces.

/** Per wrapper, its options that take the next word as their value. */
const VALUES: Record<string, string[]> = {
  sudo: ['-u', '-g', '-C', '-p', '-h', '-U', '-r', '-t', '-D'],
  doas: ['-u', '-C'],
  ssh: [
    '-i',
    '-p',
    '-l',
    '-F',
    '-J',
    '-o',
    '-L',
    '-R',
    '-D',
    '-E',
    '-c',
    '-b',
    '-m',
    '-O',
    '-Q',
    '-S',
    '-W',
    '-w',
    '-B',
    '-e',
  ],
  xargs: ['-I', '-d', '-P', '-n', '-s', '-L', '-E', '-a'],
  nice: ['-n'],
  ionice: ['-c', '-n', '-p'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  watch: ['-n', '-d', '--interval'],
  env: ['-u', '-C', '-S'],
  nsenter: ['-t', '--target'],
  stdbuf: ['-i', '-o', '-e'],
};

/** The words after the options (and `NAME=value`s) of a wrapper. */
function afterOptions(args: string[], program = ''): string[] {
  const values = VALUES[program] ?? [];
  let i = 0;
  while (i < args.length && (args[i]?.startsWith('-') || /^\w+=/.test(args[i] ?? ''))) {
    if (args[i] === '--') return args.slice(i + 1);
    if (values.includes(args[i] ?? '')) i++;
    i++;
  }
  return args.slice(i);
}

/** The value of the first of `options` in args (`-c '…'`, `--command=…`). */
function optionValue(args: string[], options: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (options.includes(a)) return args[i + 1];
    const eq = options.find((o) => o.startsWith('--') && a.startsWith(`${o}=`));
    if (eq) return a.slice(eq.length + 1);
  }
  return undefined;
}

const SIMPLE = new Set(
  'sudo doas nohup time exec command builtin stdbuf ionice nice timeout watch xargs env nsenter unshare'.split(
    ' ',
  ),
);

/**
 * What a wrapper runs: words of one command, or a script to parse (a quoted
 * remote command); undefined when the program hands nothing on.
 */
export function innerOf(
  program: string,
  args: string[],
): string[] | { script: string } | undefined {
  const dashes = args.indexOf('--');
  if (SIMPLE.has(program)) {
    const rest = afterOptions(args, program);
    if (program === 'timeout' && /^\d/.test(rest[0] ?? '')) return rest.slice(1);
    if (program === 'watch' || program === 'env') return oneScript(rest);
    return rest;
  }
  switch (program) {
    case 'chroot':
      return args.slice(1 + args.findIndex((a) => !a.startsWith('-')));
    case 'ssh':
    case 'mosh':
      return oneScript(afterOptions(args, 'ssh').slice(1));
    case 'sh':
    case 'bash':
    case 'zsh':
    case 'dash':
    case 'ksh': {
      const script = optionValue(args, ['-c']);
      return script === undefined ? undefined : { script };
    }
    case 'find': {
      const at = args.findIndex((a) => /^-(exec|execdir|ok|okdir)$/.test(a));
      if (at < 0) return undefined;
      const end = args.findIndex((a, i) => i > at && (a === ';' || a === '\\;' || a === '+'));
      return args.slice(at + 1, end < 0 ? undefined : end);
    }
    case 'knife':
      return args[0] === 'ssh' ? scriptOf(args.at(-1)) : undefined;
    case 'cf':
    case 'bosh':
      return args.includes('ssh') ? scriptOf(optionValue(args, ['-c', '--command'])) : undefined;
    case 'gcloud':
      return args.includes('ssh') ? scriptOf(optionValue(args, ['--command'])) : undefined;
    case 'gds':
    case 'gds-cli':
      return args[0] === 'aws' ? afterOptions(args.slice(2)) : undefined;
    case 'aws-vault':
      return args[0] === 'exec' ? afterOptions(args.slice(2)) : undefined;
    case 'bundle':
    case 'pipenv':
    case 'poetry':
      return ['exec', 'run'].includes(args[0] ?? '') ? args.slice(1) : undefined;
    case 'oc':
    case 'kubectl':
      if (args[0] === 'rsh') return afterOptions(args.slice(1)).slice(1);
      return dashes >= 0 ? args.slice(dashes + 1) : undefined;
    default:
      return dashes >= 0 ? args.slice(dashes + 1) : undefined;
  }
}

/** One quoted word holding a whole command line (`ssh h 'sudo systemctl restart x'`) is a script. */
function oneScript(words: string[]): string[] | { script: string } {
  const [only] = words;
  return words.length === 1 && only && /\s/.test(only) ? { script: only } : words;
}

function scriptOf(text: string | undefined): { script: string } | undefined {
  return text ? { script: text } : undefined;
}
