// `oncall runbook show --json`, `lint` and `drill --dry-run` on the shapes of
// team runbooks round two (test/fixtures/runbooks/team-shapes/, our own text):
// what is offered to run is exactly what the author wrote, prompts and program
// dialogues are never part of a command, things that are not commands are never
// offered, nothing the author wrote is dropped, and lint names each guess.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, sandbox } from '../../../helpers/in-process.js';
import { FIXTURES } from '../../../helpers/paths.js';

/** A dollar sign, so that `${D}{X}` in a template reads as the runbook writes `${X}`. */
const D = '$';
const file = (name: string) => join(FIXTURES, 'runbooks', 'team-shapes', name);

interface ShownCommand {
  line: number;
  script: string;
  prompt: string | null;
  inside: string | null;
  expectedOutput: string | null;
  placeholders: { name: string; text: string; kind: string; example?: string }[];
  changesState: boolean;
  readOnly: boolean;
  inline: boolean;
}

async function show(
  name: string,
): Promise<{ id: string; title: string; commands: ShownCommand[] }[]> {
  const r = await oncall(sandbox(), ['runbook', 'show', '--json', file(name)]);
  expect(r.code, r.stderr).toBe(0);
  return (
    JSON.parse(r.stdout) as { steps: { id: string; title: string; commands: ShownCommand[] }[] }
  ).steps;
}

/** Each step's commands as `line: script`. */
async function scripts(name: string): Promise<Record<string, string[]>> {
  const steps = await show(name);
  return Object.fromEntries(
    steps.map((s) => [s.id, s.commands.map((c) => `${c.line}: ${c.script}`)]),
  );
}

/** Lint's lines for the file, without its path. */
async function lint(name: string): Promise<string[]> {
  const r = await oncall(sandbox(), ['runbook', 'lint', file(name)]);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith(file(name)))
    .map((l) => l.slice(file(name).length + 1));
}

async function dryRun(name: string): Promise<string> {
  const r = await oncall(sandbox(), ['drill', '--dry-run', '--no-input', file(name)]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('nothing the author wrote is dropped (headings, intro, frontmatter)', () => {
  it('walks the intro and its command, and a # Appendix after the steps', async () => {
    expect(await scripts('intro-and-appendix.md')).toEqual({
      intro: ['11: kubectl -n payments get pods -l app=worker'],
      mitigation: [],
      appendix: [],
    });
    const text = await dryRun('intro-and-appendix.md');
    expect(text).toContain('1. Payments queue backlog [manual · intro]');
    expect(text).toContain('Before anything else, open the backlog dashboard');
    expect(text).toContain('Escalate to the data team if the backlog passes ten thousand.');
    expect(text).not.toContain('Internal: page the payments lead');
    expect(await lint('intro-and-appendix.md')).toEqual([]);
  });

  it('cuts a file of ### sections at each, and keeps a lone #### in its step', async () => {
    expect(Object.keys(await scripts('only-h3.md'))).toEqual(['look-at-the-hit-rate', 'warm-it']);
    expect(await dryRun('only-h3.md')).toContain('Older keys have expired anyway.');
    expect(await lint('only-h3.md')).toEqual([
      '5: warning: each `###` heading starts a step: the deepest heading level that splits this file',
    ]);
  });

  it('walks a file without headings as one step, and a catalogue with one step per alert', async () => {
    expect(await scripts('no-headings.md')).toEqual({
      'certificate-about-to-expire': [
        '9: openssl s_client -connect shop.example.test:443 </dev/null',
      ],
    });
    expect(await lint('no-headings.md')).toEqual([
      '5: warning: no heading below the title splits this file: it is walked as one step',
    ]);
    expect((await show('catalogue.md')).map((s) => s.title)).toEqual([
      'Storage alerts',
      'Group: volumes › Alert: VolumeAlmostFull',
      'Group: volumes › Alert: VolumeReadOnly',
      'Group: backups › Alert: BackupMissed',
    ]);
  });

  it('warns about a frontmatter key written twice instead of refusing the file', async () => {
    expect(await scripts('dup-key.md')).toEqual({
      'check-the-cluster': ['11: curl -s http://search-1:9200/_cluster/health'],
    });
    expect(await lint('dup-key.md')).toContain(
      '4: warning: frontmatter key "section" is written twice (first at line 3); the last value is used',
    );
  });

  it('hides HTML comments from the step text, not from commands or inline code', async () => {
    const text = await dryRun('comments.md');
    expect(text).not.toMatch(/DOWNSTREAM|<!--UPSTREAM|vendor/);
    expect(text).toContain('On a community cluster, ask in the channel first.');
    expect(text).toContain('Write `<!-- this -->` in your own runbook');
    expect(await scripts('comments.md')).toEqual({
      'check-the-node': ['12: kubectl describe node node-7   # <!-- kept: inside a command -->'],
    });
  });
});

describe('prompts are never part of a command', () => {
  it('strips named, decorated and continuation prompts, and shows the ones that say where', async () => {
    const [named, continued, variable] = await show('prompts.md');
    expect(named?.commands.map((c) => [c.script, c.prompt])).toEqual([
      ['pytest -x tests/smoke', '(venv) $'],
      ['df -h /var/lib/postgresql', 'admin@db1:~$'],
      ['systemctl status postgresql', '[root@db1 ~]#'],
      ['make plan', 'ops $'],
      ['make apply', '$ops'],
      ['terraform workspace select staging', null],
      ['git status', '~/infra ❯'],
      ['git log -1', '➜  infra git:(main) ✗'],
    ]);
    expect(named?.commands.every((c) => c.placeholders.length === 0)).toBe(true);
    expect(continued?.commands.map((c) => c.script)).toEqual(['echo first \\\nsecond']);
    // `$tool` is a variable the block sets: the line runs the program it names.
    expect(variable?.commands.map((c) => c.script)).toEqual(['tool=kubectl\n$tool get pods']);
    expect(await dryRun('prompts.md')).toContain('$ make apply  (at $ops)');
  });
});

describe('a program the command opens: its dialogue is shown, never run or asked', () => {
  it('keeps what is typed inside psql, gpg, redis-cli and a pod shell with the command that opens it', async () => {
    const [database, card, cache, pod, none, container] = await show('dialogues.md');
    const psql = database?.commands[0];
    expect(database?.commands.map((c) => c.script)).toEqual([
      'psql -h db1 -U app orders',
      'echo back in the shell',
    ]);
    expect(psql?.inside).toBe(
      "psql (16.2)\norders=# select count(*) from jobs where state = '<state>';\n count\n-------\n    12\n(1 row)\norders=# \\q",
    );
    expect(psql?.placeholders).toEqual([]);
    expect(card?.commands.map((c) => [c.script, c.inside])).toEqual([
      [
        'gpg --card-edit',
        'gpg/card> admin\nAdmin commands are allowed\ngpg/card> passwd\nEnter Admin PIN:\nYour selection? 3',
      ],
    ]);
    expect(cache?.commands.map((c) => [c.script, c.inside])).toEqual([
      ['redis-cli -h 10.1.2.3', '10.1.2.3:6379> info replication\nrole:master\nconnected_slaves:1'],
    ]);
    // `rm -rf wal/` is typed in the pod, never run here.
    expect(pod?.commands.map((c) => [c.script, c.inside])).toEqual([
      [
        'kubectl -n monitoring exec -it prometheus-0 -- sh',
        '/prometheus $ rm -rf wal/\n/prometheus $ exit',
      ],
      ['kubectl -n monitoring get pods', null],
    ]);
    expect(none?.commands).toEqual([]);
    // A root prompt (`/app # `) after a command that opens a shell, with no `$ ` before it.
    expect(container?.commands.map((c) => [c.script, c.inside])).toEqual([
      ['docker exec -it web-1 sh', '/app # rm -rf /tmp/cache/*\n/app # exit'],
    ]);
  });

  it('says in lint which lines are typed inside which program, and which blocks have no opener', async () => {
    expect(await lint('dialogues.md')).toEqual([
      '1: warning: no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
      '6: warning: the lines after this command are typed inside psql: shown as instructions, never run',
      '20: warning: the lines after this command are typed inside gpg: shown as instructions, never run',
      '31: warning: the lines after this command are typed inside redis-cli: shown as instructions, never run',
      '40: warning: the lines after this command are typed in the shell it opens: shown as instructions, never run',
      '49: warning: a mysql session (not a shell): shown as text, not run; write the command that opens it first, after `$ `',
      '53: warning: a PowerShell session (not a shell): shown as text, not run; write the command that opens it first, after `$ `',
      '59: warning: the lines after this command are typed in the shell it opens: shown as instructions, never run',
    ]);
    expect(await dryRun('dialogues.md')).toContain('then, inside it (typed by you, never run):');
  });
});

describe('what is not a command is never offered', () => {
  it('offers only the blocks that are commands, tagged as a shell or untagged', async () => {
    expect(await scripts('not-commands.md')).toEqual({
      configuration: [],
      'queries-and-requests': [],
      'output-and-key-maps': [],
      'words-for-people': [],
      'commands-that-stay-commands': [
        '87: kubectl -n web get pods',
        '91: uptime',
        '103: kubectl -n web get events',
      ],
      'a-log-search': [],
      'a-resolver-file': [],
    });
  });

  it('names in lint what each block was read as', async () => {
    const said = (await lint('not-commands.md')).map((l) => l.replace(/, not a command: .*$/, ''));
    expect(said).toEqual([
      '1: warning: no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
      '6: warning: read as ssh_config',
      '12: warning: read as HCL (Terraform)',
      '18: warning: read as an ini or TOML section',
      '23: warning: read as a Dockerfile',
      '30: warning: read as SQL',
      '35: warning: read as a console request (HTTP, not a shell command)',
      '40: warning: read as PromQL',
      '46: warning: read as output (not offered to run)',
      '51: warning: read as output (not offered to run)',
      '56: warning: read as output (not offered to run)',
      '61: warning: read as `key: value` lines',
      '66: warning: read as a key map',
      '73: warning: read as prose',
      '77: warning: read as prose',
      '81: warning: read as text (a capitalised word, not a program)',
      '98: warning: a block tagged `shel` is shown as text, not run: no language oncall runs (did you mean `shell`?)',
      '104: warning: lines from here read as the output of the command above (shown, never run)',
      '111: warning: read as a log search (Splunk, not a shell command)',
      '117: warning: read as settings (`key value` lines of a config file)',
    ]);
  });
});

describe('here-documents end at their end line', () => {
  it('keeps body lines ending in {} and the end line in the command, at a prompt or not', async () => {
    expect(await scripts('heredocs.md')).toEqual({
      'empty-maps-in-the-body-at-a-prompt': [
        '6: cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\ndata: {}\nEOF',
      ],
      'empty-maps-in-the-body-no-prompt': [
        '17: cat <<EOF | kubectl apply -f -\nspec: {}\nstatus: {}\nEOF',
        '21: kubectl get configmap settings',
      ],
      'metrics-pushed-from-a-body': [
        '27: cat <<\'METRICS\' | curl --data-binary @- http://pushgateway:9091/metrics/job/backup\nbackup_last_success{cluster="main"} 1\nbackup_failed{cluster="main"} 0\nMETRICS',
      ],
      'tab-indented-body': ['36: cat <<-END\n\tline one {}\n\tEND'],
    });
    const [prompted] = await show('heredocs.md');
    expect(prompted?.commands[0]?.expectedOutput).toBe('configmap/settings created');
    // The dry run keeps a command's lines under its first, never at the margin like text.
    expect(await dryRun('heredocs.md')).toContain(
      '   $ cat <<EOF | kubectl apply -f -\n     spec: {}\n     status: {}\n     EOF\n',
    );
  });
});

describe('every placeholder is found and named, and none that is not one', () => {
  it(`asks [x], your-x, fillers, ${D}{X?}, ${D}{db-name}, <free text: like x>, <<X>> and {x}`, async () => {
    const asked = Object.fromEntries(
      (await show('placeholders.md')).map((s) => [
        s.id,
        s.commands.map((c) =>
          c.placeholders.map(
            (p) => `${p.text}=${p.name}${p.example ? ` (e.g. ${p.example})` : ''}`,
          ),
        ),
      ]),
    );
    expect(asked).toEqual({
      'square-brackets': [
        ['[db-host]=db-host', '[database]=database'],
        ['[env]=env'],
        ['[SA-NAME]=sa-name', '[PROJECT-ID]=project-id'],
      ],
      'markers-and-fillers': [
        ['your-registry=registry', 'your-app=app'],
        ['YOUR-ORG=org'],
        ['ip-XX-XX-XX-XX.eu-west-1.compute.internal=ip'],
        ['ingester-XXX=ingester'],
        ['ip-10-0-xxx-xxx=values'],
        ['XXXXXXXX=api-key', 'xx.xx.xx.xx=host', 'XXXXXXXXXXXX=token'],
      ],
      'shells-own-forms': [[`${D}{STAGE?}=stage`], [`${D}{shop-db}=shop-db`]],
      'angle-brackets-with-words-and-punctuation': [
        ['<start time: like 2026-01-01T00:00Z>=start-time (e.g. 2026-01-01T00:00Z)'],
        ['<<APP_NAME>>=app-name'],
        ['{app_name}=app-name', '{service_name}=service-name'],
      ],
      'never-placeholders': Array.from({ length: 13 }, () => []),
    });
  });

  it(`names in lint each one it will ask, and what bash would make of ${D}{db-name}`, async () => {
    const said = await lint('placeholders.md');
    expect(said).toContain('6: warning: [db-host] is a placeholder: asked before the command runs');
    expect(said).toContain(
      "37: warning: <start time: like 2026-01-01T00:00Z> is a placeholder: asked before the command runs (the runbook's example, 2026-01-01T00:00Z, offered)",
    );
    expect(said).toContain(
      `31: warning: bash reads ${D}{shop-db} as ${D}{shop} (or the text after the first - when that is unset)`,
    );
    // Nothing in the block of shapes that are never placeholders (lines 42 on).
    expect(said.filter((l) => Number(l.split(':')[0]) >= 42)).toEqual([]);
  });
});

describe('what changes state is decided by the verbs, whatever the program', () => {
  it('asks for a typed confirmation behind wrappers and unknown tools, one key for reading', async () => {
    const [behind, reading] = await show('state.md');
    expect(behind?.commands.map((c) => c.changesState)).toEqual(Array(8).fill(true));
    expect(reading?.commands.map((c) => [c.changesState, c.readOnly])).toEqual(
      Array(4).fill([false, true]),
    );
  });
});

describe('commands written inline in the text', () => {
  it('offers a span that reads as a command line in a list or an instruction, with its placeholders', async () => {
    const [diagnosis, mitigation, mentions] = await show('inline.md');
    // A program and its subcommand alone name a command; an elided one is not one to run.
    // Right after "run", a program oncall does not know is one to run too, and so is a program
    // and one word, as is a span alone in its list item; a mention of one is not.
    expect(mentions?.commands.map((c) => c.script)).toEqual([
      'top -H',
      'brokerctl list_queues name messages',
      'terraform init',
      'bundle install',
    ]);
    expect(
      diagnosis?.commands.map((c) => [
        c.line,
        c.script,
        c.inline,
        c.placeholders.map((p) => p.text),
      ]),
    ).toEqual([
      [5, `kubectl -n ${D}NAMESPACE describe pod ${D}POD`, true, [`${D}NAMESPACE`, `${D}POD`]],
      [
        6,
        `kubectl -n ${D}NAMESPACE get events --field-selector involvedObject.name=${D}POD`,
        true,
        [`${D}NAMESPACE`, `${D}POD`],
      ],
      [15, 'systemctl status <service-name>', true, ['<service-name>']],
      [17, 'journalctl -u <service-name> --since "1 hour ago"', true, ['<service-name>']],
    ]);
    // A mention (`kubectl get pods` output, the `cf push` step), a link's text and a table cell stay text;
    // a span the step also has in a code block is offered once, from the block.
    expect(mitigation?.commands.map((c) => [c.line, c.inline])).toEqual([[24, false]]);
    expect(await lint('inline.md')).toContain(
      '15: warning: `systemctl status <service-name>` in the text reads as a command line: offered to run',
    );
  });
});

describe('values the text calls examples', () => {
  it('asks for a value copied from an example, and offers an example as the default of the placeholder it names', async () => {
    const [claim, node, namespace] = await show('examples.md');
    expect(claim?.commands.map((c) => c.placeholders)).toEqual([
      [{ name: 'pvc', text: 'pvc-1234', kind: 'example', example: 'pvc-1234' }],
      [{ name: 'pvc', text: 'pvc-1234', kind: 'example', example: 'pvc-1234' }],
    ]);
    expect(node?.commands[0]?.placeholders).toEqual([
      { name: 'node-name', text: '<node-name>', kind: 'angle', example: 'node-3' },
    ]);
    // After kubectl's -n it is a namespace: the alert's namespace label is its default.
    expect(namespace?.commands[0]?.placeholders).toEqual([
      { name: 'namespace', text: 'kafka-prod', kind: 'example', example: 'kafka-prod' },
    ]);
  });
});

describe('commands among lines that are not commands', () => {
  it('offers the commands, shows the other lines with them, never runs them', async () => {
    const [between, prints, inside, relative, unsure] = await show('mixed.md');
    expect(between?.commands.map((c) => [c.line, c.script])).toEqual([
      [7, 'cf connect-to-service -no-client shop shop-db'],
      [10, 'pg_dump -F c -f shop.dump postgres://localhost:5432/shop'],
      [16, 'cf delete-service-key shop-db SERVICE_CONNECT'],
    ]);
    expect(prints?.commands.map((c) => [c.script, c.expectedOutput?.split('\n')[0]])).toEqual([
      [
        'terraform plan -target=module.shop',
        'No changes. Your infrastructure matches the configuration.',
      ],
      ['cd ~/.ssh\nls -al', 'total 16'],
      [
        'kubectl get pods | grep shop-api',
        'shop-api-6d4cf56db6-abcde    2/2     Running     0     26m',
      ],
      ['ykman openpgp access change-pin', 'Enter PIN: [123456]'],
    ]);
    expect(prints?.commands[3]?.placeholders).toEqual([]);
    expect(inside?.commands.map((c) => [c.script, c.inside])).toEqual([
      ['kubectl -n shop exec -it shop-cache-0 -- redis-cli', '> info keyspace\n> flushall'],
    ]);
    expect(relative?.commands.map((c) => c.script)).toEqual(['bin/setup --skip-db']);
    expect(unsure?.commands).toEqual([]);
  });

  it('never runs an instruction between commands, and lint says what it was read as', async () => {
    const [between] = await show('mixed.md');
    expect(between?.commands.map((c) => c.script).join('\n')).not.toContain('ctrl+c');
    expect(await lint('mixed.md')).toContain(
      '13: warning: read as a key map, not a command: shown with the commands, never run',
    );
  });
});

describe('runbook show says where each command comes from and what is typed inside', () => {
  it('marks the prompt, the inline origin, the dialogue and an example', async () => {
    const shown = async (name: string) =>
      (await oncall(sandbox(), ['runbook', 'show', file(name)])).stdout;
    expect(await shown('prompts.md')).toContain('(typed at $ops)\n   $ make apply');
    expect(await shown('dialogues.md')).toContain(
      '$ gpg --card-edit\n   then, inside it (typed by you, never run):\n   | gpg/card> admin',
    );
    expect(await shown('inline.md')).toContain(
      '(from the text)\n   $ systemctl status <service-name>',
    );
    expect(await shown('examples.md')).toContain('asks first: <node-name> (e.g. node-3)');
  });
});
