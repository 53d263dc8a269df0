// Does a command change something? Decided from the shell parser's words (never
// a substring of the text): each simple command's program and its subcommand,
// looking through wrappers (sudo, xargs, ssh host, `oc debug node/x --`...).
// `changes`: confirmed by typing its verb (or yes); `reads`: runs with one key;
// `unknown` (a program not listed here): a yes/no question, No by default.
//
// The lists are the documented rule (examples/runbooks/README.md says so):
// kubectl/oc, helm, terraform, systemctl/service, docker/podman/crictl, git,
// etcdctl, the cloud CLIs, databases, curl/wget, and file and process tools.

type Effect = 'changes' | 'reads' | 'unknown';

interface Classified {
  effect: Effect;
  /** The word that makes it change something (`drain`, `delete`): what the responder types. */
  verb?: string;
}

const READS = new Set(
  'sudo doas env nohup time timeout nice ionice stdbuf xargs watch chroot ssh exec command builtin cat less more head tail grep egrep fgrep zgrep rg ag awk jq yq cut sort uniq wc tr column ls ll find df du free top htop ps pgrep pstree uptime w who id whoami hostname uname date dig nslookup host ping traceroute tracepath mtr ss netstat lsof ip ifconfig route arp ethtool nc telnet openssl stat file diff cmp md5sum sha256sum base64 echo printf true test env printenv which type dmesg journalctl vmstat iostat mpstat sar nproc lscpu lsblk blkid findmnt mount tcpdump strace curl wget http kubectx kubens watch sleep tree realpath readlink basename dirname getent ldd pidof iotop iftop nethogs'.split(
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
  /^(flushall|flushdb|del|unlink|set|hset|expire|config|shutdown|rename|lpush|rpush|sadd|zadd)$/i;

/** Options of wrappers and CLIs that take the next word as their value. */
const VALUE_OPTIONS = new Set(
  '-n --namespace --context --cluster --kubeconfig -s --server --user --token -u -g -c -C -f -o -l -p -i -t -w -e -H -X --request -d --data -T -F -I'.split(
    ' ',
  ),
);

/** Words that hand the rest of the line to another command. */
function innerCommand(program: string, args: string[]): string[] | undefined {
  const dashes = args.indexOf('--');
  switch (program) {
    case 'sudo':
    case 'doas':
    case 'nohup':
    case 'time':
    case 'exec':
    case 'command':
    case 'builtin':
    case 'stdbuf':
    case 'ionice':
    case 'nice':
    case 'timeout':
    case 'watch':
    case 'xargs':
    case 'env': {
      let i = 0;
      while (i < args.length && (args[i]?.startsWith('-') || /^\w+=/.test(args[i] ?? ''))) {
        if (['-u', '-n', '-g', '-I', '-d', '-P', '-s'].includes(args[i] ?? '')) i++;
        i++;
      }
      if (program === 'timeout' && /^\d/.test(args[i] ?? '')) i++;
      return args.slice(i);
    }
    case 'chroot':
      return args.slice(1 + args.findIndex((a) => !a.startsWith('-')));
    case 'ssh': {
      const rest = args.filter(
        (a, i) => !a.startsWith('-') && !VALUE_OPTIONS.has(args[i - 1] ?? ''),
      );
      return rest.slice(1);
    }
    case 'sh':
    case 'bash':
    case 'zsh': {
      const script = args[args.indexOf('-c') + 1];
      return args.includes('-c') && script ? script.split(/\s+/) : undefined;
    }
    default:
      return dashes >= 0 ? args.slice(dashes + 1) : undefined;
  }
}

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

function classifyCloud(program: string, args: string[]): Classified {
  const words = subcommands(args);
  if (program === 'aws' && words[0] === 's3') {
    const op = words[1] ?? '';
    return ['rm', 'mv', 'cp', 'sync', 'rb', 'mb'].includes(op)
      ? { effect: 'changes', verb: op }
      : { effect: 'reads' };
  }
  const op = words.find((w) =>
    /^(delete|terminate|stop|start|reboot|put|create|update|modify|remove|attach|detach|run|set|reset|revoke|authorize|register|deregister|restore|invoke|resize|deploy|deallocate|restart|scale|add)(-|$)/.test(
      w,
    ),
  );
  return op ? { effect: 'changes', verb: op } : { effect: 'reads' };
}

/** One simple command (its words, program first). */
function classifyWords(words: string[]): Classified {
  const [raw, ...args] = words;
  if (!raw) return { effect: 'reads' };
  const program = raw.split('/').pop() ?? raw;
  const inner = innerCommand(program, args);
  const outer = classifyProgram(program, args);
  if (!inner?.length) return outer;
  return worst([outer, classifyWords(inner)]);
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
  if (['aws', 'gcloud', 'az'].includes(program)) return classifyCloud(program, args);
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

function classifySubcommand(name: string, args: string[]): Classified {
  const changing = CHANGING_SUBCOMMANDS[name];
  if (!changing) return READS.has(name) ? { effect: 'reads' } : { effect: 'unknown' };
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
export function classifyCommands(commands: string[][], writes: boolean): Classified {
  const found = worst(commands.map(classifyWords));
  if (found.effect !== 'changes' && writes) return { effect: 'changes', verb: 'yes' };
  return found;
}
