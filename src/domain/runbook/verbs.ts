// The verb rule: whether a command changes something is read from the verbs in
// its word path (the words after the program, before its options' values and
// its arguments), not from a list of programs. `virtctl stop vm-1`, `velero
// restore create`, `ip link set eth0 down`, `cf delete-service-key`,
// `gitlab-rake db:migrate` change state whatever the program; `get`,
// `describe`, `list`, `logs`, `show`, `status`, `top`, `inspect` only read.
// The first verb in the path decides (`kubectl get pods restart-1` reads); a
// word may carry its verb first (`delete-db-instance`, `get-credentials`, a
// rake task's `db:migrate`) or later (`force-unlock`).

const CHANGING = new Set(
  `stop start restart reload delete destroy remove rm rmi del erase wipe purge prune flush
  create restore apply patch edit replace update upgrade downgrade modify set unset reset
  scale drain cordon uncordon taint untaint label annotate evict kill reboot terminate shutdown
  rollback revert migrate failover switchover promote demote enable disable pause resume suspend
  unsuspend truncate drop revoke grant rotate import push deploy release sync reinit reinitialize
  unlock lock install uninstall mount unmount umount attach detach cancel abort up down move mv
  rename cp put post write add format clear clean expire invalidate trigger publish deallocate change
  resize recreate rebuild reindex vacuum compact defrag rerun retry bounce recycle renew approve
  deny isolate mask unmask seal unseal leave join load unload`
    .split(/\s+/)
    .filter(Boolean),
);

const READING = new Set(
  `get list ls describe show status logs log top version help diff plan inspect info check watch
  search explain view print history events ps whoami validate lint health ping tree stats
  metrics count query read fetch output env members can`
    .split(/\s+/)
    .filter(Boolean),
);

type Effect = 'changes' | 'reads';

/** The verb a word carries and what it means: the word itself, its first part, or a later part that changes. */
function verbOf(word: string): Effect | undefined {
  const w = word.toLowerCase();
  if (CHANGING.has(w)) return 'changes';
  if (READING.has(w)) return 'reads';
  const parts = w.split(/[-_:]/).filter(Boolean);
  const [first] = parts;
  if (!first || parts.length < 2) return undefined;
  // A task (`db:migrate`, `ps:restart`, `cache:clear`) names its verb last.
  if (w.includes(':')) {
    if (parts.some((p) => CHANGING.has(p))) return 'changes';
    return READING.has(parts.at(-1) ?? '') ? 'reads' : undefined;
  }
  if (CHANGING.has(first)) return 'changes';
  if (READING.has(first)) return 'reads';
  return parts.some((p) => CHANGING.has(p)) ? 'changes' : undefined;
}

/** Options that take the next word as their value (so it is no verb). */
const VALUE_OPTIONS = new Set(
  '-n --namespace --context --cluster --kubeconfig -s --server --user --token -u -g -c -C -f -o -l -p -i -t -w -e -H -X --request -d --data -T -F -I --zone --region --project --profile --output --format --selector -z -r'.split(
    ' ',
  ),
);

/** Up to four words after the program that are not options, their values or plain arguments. */
export function wordPath(args: string[]): string[] {
  const path: string[] = [];
  for (let i = 0; i < args.length && path.length < 4; i++) {
    const a = args[i] ?? '';
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (!a.includes('=') && VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    // A value (a path, a URL, a key=value, an address) ends the path.
    if (/[/=@]|^\d/.test(a)) break;
    path.push(a);
  }
  return path;
}

/** The effect the first verb of the path gives, and that verb; undefined when it has none. */
export function effectOfPath(path: string[]): { effect: Effect; verb: string } | undefined {
  for (const word of path) {
    const effect = verbOf(word);
    if (effect) return { effect, verb: word.toLowerCase() };
  }
  return undefined;
}

/** A program named for what it does to something (`failover.sh`, `restart-web`): its verb. */
export function changingVerbInName(program: string): string | undefined {
  const parts = program.toLowerCase().split(/[-_.]/);
  return parts.find((p) => CHANGING.has(p));
}
