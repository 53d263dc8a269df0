// Does a command change something? Decided from a command's words (never
// a substring of the text), through wrappers (wrappers.ts: sudo, xargs, ssh
// host '…', `oc debug node/x --`, aws-vault exec, gds aws, find -exec…):
// - programs whose arguments are data (cat, grep, echo, dig…) only read;
// - programs that always change something (rm, mv, kill, chmod…) change;
// - a few need their own reading: sed -i, tee, find -delete, journalctl
//   --vacuum, curl's method, a database client's SQL, redis-cli's command,
//   and the subcommand tables of kubectl/oc, helm, terraform, systemctl,
//   docker/podman/crictl, git, etcdctl and the package managers;
// - everything else, and whatever those tables do not say changes, is read by
//   the verbs in its word path (verbs.ts): `virtctl stop`, `velero restore
//   create`, `ip link set`, `cf delete-service-key` change; `get`, `describe`,
//   `list`, `logs`, `show`, `status`, `top`, `inspect` read; no verb: unknown.
// `changes`: confirmed by typing its verb (or yes); `reads`: runs with one key;
// `unknown`: a yes/no question, No by default. The rule is documented in
// examples/runbooks/README.md.
// This module needs no shell parser (its top-level await cannot go into the
// bundles that render texts): command-effect.ts adds the reading of quoted scripts.
import { changingVerbInName, effectOfPath, wordPath } from './verbs.js';
import { innerOf } from './wrappers.js';

type Effect = 'changes' | 'reads' | 'unknown';

export interface Classified {
  effect: Effect;
  /** The word that makes it change something (`drain`, `delete`): what the responder types. */
  verb?: string;
}

/** Programs whose arguments are data (patterns, files, names, text): they read, whatever words follow. */
const DATA_READERS = new Set(
  'cat less more head tail grep egrep fgrep zgrep rg ag awk jq yq cut sort uniq wc tr column ls ll df du free top htop ps pgrep pstree uptime w who id whoami hostname uname date dig nslookup host ping traceroute tracepath mtr ss netstat lsof nc telnet openssl stat file diff cmp md5sum sha256sum base64 echo printf true test printenv which type dmesg vmstat iostat mpstat sar nproc lscpu lsblk blkid findmnt tcpdump strace sleep tree realpath readlink basename dirname getent ldd pidof iotop iftop nethogs http kubectx kubens wget'.split(
    ' ',
  ),
);

/** Builtins that change the shell itself (its options, variables, directory), nothing outside it. */
const SHELL_ITSELF = new Set(
  'set unset export cd pushd popd source . alias unalias shopt trap umask read local declare typeset readonly : wait shift return exit'.split(
    ' ',
  ),
);

/** Programs that only read unless a changing verb follows them (`ip link set`, `mount /dev/x /mnt`). */
const READS_WITHOUT_VERB = new Set(
  'ip ifconfig route arp ethtool mount ssh mosh sudo doas env nohup time timeout nice ionice stdbuf xargs watch chroot exec command builtin find journalctl nsenter'.split(
    ' ',
  ),
);

/** Programs whose every use changes something. */
const ALWAYS = new Set(
  'rm rmdir mv dd shred truncate fallocate kill pkill killall reboot shutdown halt poweroff chmod chown chgrp ln mkdir touch mkfs mkswap swapoff swapon umount useradd userdel usermod groupadd groupdel passwd chpasswd sysctl-w logrotate'.split(
    ' ',
  ),
);

/** Subcommands that change something, per program (first non-option word after the program). */
const CHANGING_SUBCOMMANDS: Record<string, string[]> = {
  kubectl:
    'delete apply create replace patch edit scale autoscale drain cordon uncordon taint label annotate set expose run cp'.split(
      ' ',
    ),
  helm: 'install upgrade uninstall delete del un rollback push'.split(' '),
  terraform: 'apply destroy import taint untaint force-unlock'.split(' '),
  systemctl:
    'start stop restart reload try-restart reload-or-restart try-reload-or-restart enable disable mask unmask kill isolate daemon-reload reset-failed set-property edit poweroff reboot halt'.split(
      ' ',
    ),
  docker:
    'rm rmi kill stop restart start pause unpause prune run create update pull push tag build load commit'.split(
      ' ',
    ),
  git: 'push reset clean commit merge rebase revert cherry-pick rm mv restore checkout switch pull am apply stash'.split(
    ' ',
  ),
  etcdctl: 'del put defrag compact'.split(' '),
  apt: 'install remove purge upgrade dist-upgrade full-upgrade autoremove'.split(' '),
  pip: 'install uninstall'.split(' '),
  npm: 'install uninstall ci publish'.split(' '),
};

const ALIASES: Record<string, string> = {
  oc: 'kubectl',
  k: 'kubectl',
  tofu: 'terraform',
  terragrunt: 'terraform',
  podman: 'docker',
  nerdctl: 'docker',
  crictl: 'docker',
  'apt-get': 'apt',
  yum: 'apt',
  dnf: 'apt',
  pip3: 'pip',
};

/** Subcommands with a second word that decides: `rollout undo`, `oc adm drain`, `docker system prune`. */
const SECOND_WORD: Record<string, Record<string, string[] | 'all'>> = {
  kubectl: {
    rollout: ['undo', 'restart', 'pause', 'resume'],
    adm: 'cordon uncordon drain taint prune upgrade certificate policy groups manage-node reboot-machine-config-pool restart-kubelet copy-to-node'.split(
      ' ',
    ),
    config:
      'set set-context set-cluster set-credentials use-context use delete-context delete-cluster delete-user rename-context unset'.split(
        ' ',
      ),
    certificate: ['approve', 'deny'],
  },
  terraform: {
    state: ['rm', 'mv', 'push', 'replace-provider'],
    workspace: ['new', 'delete', 'select'],
  },
  docker: {
    system: ['prune'],
    image: ['rm', 'prune', 'push', 'tag', 'build', 'load'],
    container: ['rm', 'prune', 'kill', 'stop', 'restart', 'start', 'run', 'create', 'update'],
    volume: ['rm', 'prune', 'create'],
    network: ['rm', 'prune', 'create', 'connect', 'disconnect'],
    compose: ['up', 'down', 'restart', 'stop', 'rm', 'kill', 'pull', 'build', 'start', 'create'],
    service: ['rm', 'scale', 'update', 'create'],
    stack: ['rm', 'deploy'],
  },
  etcdctl: {
    member: ['remove', 'add', 'update', 'promote'],
    snapshot: ['restore'],
    alarm: ['disarm'],
    lease: ['revoke'],
    'move-leader': 'all',
  },
  git: { branch: ['-d', '-D', '-m', '-M', '--delete'], tag: ['-d', '--delete'] },
};

const SQL = /\b(drop|delete|truncate|update|insert|alter|create|grant|revoke)\b/i;
const REDIS =
  /^(flushall|flushdb|del|unlink|set|hset|expire|config|shutdown|rename|lpush|rpush|sadd|zadd|failover|replicaof|slaveof|save|bgsave|bgrewriteaof)$/i;

/** Options of CLIs that take the next word as their value. */
const VALUE_OPTIONS = new Set(
  '-n --namespace --context --cluster --kubeconfig -s --server --user --token -u -g -c -C -f -o -l -p -i -t -w -e -H -X --request -d --data -T -F -I'.split(
    ' ',
  ),
);

/** The first words that are not options (skipping an option's value where it takes one). */
function subcommands(args: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (!a.includes('=') && VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words;
}

function classifyCurl(args: string[]): Classified {
  const method =
    args.find((a, i) => ['-X', '--request'].includes(args[i - 1] ?? '') && a) ??
    args.find((a) => a.startsWith('--request='))?.slice(10) ??
    args.find((a) => /^-X\w/.test(a))?.slice(2);
  if (method && !/^(GET|HEAD|OPTIONS)$/i.test(method))
    return { effect: 'changes', verb: method.toLowerCase() };
  const sends = args.some((a) => /^(-d|--data.*|-F|--form.*|-T|--upload-file|--json)(=|$)/.test(a));
  return sends ? { effect: 'changes', verb: 'post' } : { effect: 'reads' };
}

/** Reads a quoted remote script (`ssh h 'sudo systemctl restart x'`); see command-effect.ts. */
type ScriptReader = (script: string) => Classified;

/** One simple command (its words, program first), and what it hands on. */
function classifyWords(words: string[], script?: ScriptReader): Classified {
  const [raw, ...args] = words;
  if (!raw) return { effect: 'reads' };
  const program = raw.split('/').pop() ?? raw;
  const outer = classifyProgram(program, args);
  const inner = innerOf(program, args);
  if (inner === undefined) return outer;
  // Without a script reader (a text's pure rendering), a quoted script is not read.
  const handed = Array.isArray(inner)
    ? inner.length
      ? classifyWords(inner, script)
      : undefined
    : script?.(inner.script);
  // A wrapper is what it runs; it reads when it runs nothing.
  const self =
    READS_WITHOUT_VERB.has(program) && outer.effect !== 'changes'
      ? { effect: 'reads' as const }
      : outer;
  return handed ? worst([self, handed]) : self;
}

function classifyProgram(program: string, args: string[]): Classified {
  const name = ALIASES[program] ?? program;
  if (ALWAYS.has(program)) return { effect: 'changes', verb: program };
  if (program === 'sed' && args.some((a) => /^(-i|--in-place)/.test(a)))
    return { effect: 'changes', verb: 'sed' };
  if (program === 'tee' && args.some((a) => !a.startsWith('-')))
    return { effect: 'changes', verb: 'tee' };
  if (program === 'find' && args.some((a) => a === '-delete'))
    return { effect: 'changes', verb: 'delete' };
  if (program === 'journalctl' && args.some((a) => /^--(vacuum|rotate|flush)/.test(a))) {
    return { effect: 'changes', verb: 'journalctl' };
  }
  if (program === 'service') {
    const op = subcommands(args)[1];
    return op && op !== 'status' ? { effect: 'changes', verb: op } : { effect: 'reads' };
  }
  if (program === 'curl') return classifyCurl(args);
  if (DATA_READERS.has(program) || SHELL_ITSELF.has(program)) return { effect: 'reads' };
  if (/^(psql|mysql|mariadb|sqlite3|clickhouse-client|cockroach)$/.test(program)) {
    const statement = args.find((a) => SQL.test(a));
    return statement
      ? { effect: 'changes', verb: SQL.exec(statement)?.[1]?.toLowerCase() ?? 'yes' }
      : { effect: 'reads' };
  }
  if (program === 'redis-cli') {
    const op = subcommands(args).find((w) => REDIS.test(w));
    return op ? { effect: 'changes', verb: op.toLowerCase() } : { effect: 'reads' };
  }
  return classifySubcommand(name, args);
}

/** A program's subcommand table, if it has one, then the verbs in its word path. */
function classifySubcommand(name: string, args: string[]): Classified {
  const table = classifyByTable(name, args);
  if (table?.effect === 'changes') return table;
  const byVerb = effectOfPath(wordPath(args));
  if (byVerb?.effect === 'changes') return byVerb;
  if (table) return table;
  if (byVerb) return { effect: 'reads' };
  const named = changingVerbInName(name);
  if (named) return { effect: 'changes', verb: named };
  return READS_WITHOUT_VERB.has(name) ? { effect: 'reads' } : { effect: 'unknown' };
}

function classifyByTable(name: string, args: string[]): Classified | undefined {
  const changing = CHANGING_SUBCOMMANDS[name];
  if (!changing) return undefined;
  const [first, second] = subcommands(args);
  if (!first) return { effect: 'reads' };
  if (changing.includes(first)) return { effect: 'changes', verb: first };
  const deeper = SECOND_WORD[name]?.[first];
  if (deeper === 'all') return { effect: 'changes', verb: first };
  if (deeper) {
    const hit = deeper.find((w) => w === second || args.includes(w));
    return hit ? { effect: 'changes', verb: hit.replace(/^-+/, '') || first } : { effect: 'reads' };
  }
  return { effect: 'reads' };
}

const RANK: Record<Effect, number> = { reads: 0, unknown: 1, changes: 2 };

function worst(all: Classified[]): Classified {
  return all.reduce((a, b) => (RANK[b.effect] > RANK[a.effect] ? b : a), { effect: 'reads' });
}

/** The effect of a script: the worst of its simple commands; writing to a file changes something. */
export function classifyCommands(
  commands: string[][],
  writes: boolean,
  script?: ScriptReader,
): Classified {
  const found = worst(commands.map((words) => classifyWords(words, script)));
  if (found.effect !== 'changes' && writes) return { effect: 'changes', verb: 'yes' };
  return found;
}
