// One code block of plain Markdown (block.ts): which lines are commands, and
// where the lines that are not commands go (lead-in, output, inside a program).
import { describe, expect, it } from 'vitest';
import { readBlock } from '../../../../src/domain/runbook/block.js';

const commands = (content: string, lang = '') => readBlock(content, lang).commands;

describe('lines that are not commands among commands', () => {
  it('shows an instruction between two commands before the second, with its comments', () => {
    expect(commands('# open the tunnel\ncf ssh shop\n# close it\nctrl+c\ncf apps\n')).toEqual([
      { script: 'cf ssh shop', line: 1, intro: '# open the tunnel' },
      { script: 'cf apps', line: 4, intro: '# close it\nctrl+c' },
    ]);
  });

  it('never merges a block into one script across such a line', () => {
    expect(
      commands('export NS=web\nctrl+c\nkubectl -n $NS get pods\n').map((c) => c.script),
    ).toEqual(['export NS=web', 'kubectl -n $NS get pods']);
  });

  it('keeps what follows a command that opens a console inside it', () => {
    expect(commands('kubectl exec -it cache-0 -- redis-cli\n> flushall\n')).toEqual([
      { script: 'kubectl exec -it cache-0 -- redis-cli', line: 0, inside: '> flushall' },
    ]);
  });

  it('reads an unknown word-led line after such a line as text, not a command', () => {
    expect(
      commands('cf scale -i 6 shop\nScaling app shop...\nmemory quota_exceeded\nFAILED\n'),
    ).toEqual([
      {
        script: 'cf scale -i 6 shop',
        line: 0,
        expectedOutput: 'Scaling app shop...\nmemory quota_exceeded\nFAILED',
      },
    ]);
  });

  it('is text when it starts with a command it cannot vouch for', () => {
    expect(readBlock('frobnicate now\nFrobnication started.\n', '')).toEqual({
      commands: [],
      guesses: [
        [
          0,
          'could not tell commands from output in this block: shown as text, not offered to run; put `$ ` before each command',
        ],
      ],
    });
  });
});

describe('a `$name` at the start of a line', () => {
  it('is a prompt named after the machine before a program, whatever the program', () => {
    expect(commands('$prod rabbitmqctl purge_queue orders\n$staging kubectl get pods\n')).toEqual([
      { script: 'rabbitmqctl purge_queue orders', line: 0, prompt: '$prod' },
      { script: 'kubectl get pods', line: 1, prompt: '$staging' },
    ]);
  });

  it('is the variable a loop or read sets', () => {
    expect(
      commands('for host in web-1 web-2; do\n  $host status\ndone\n').map((c) => c.script),
    ).toEqual(['for host in web-1 web-2; do\n  $host status\ndone']);
  });
});

describe('a root prompt in the shell a command opens (`/app # `, `# `)', () => {
  it('is typed inside that shell, in a transcript', () => {
    expect(
      commands(
        '$ kubectl exec -it web-1 -- /bin/sh\n/app # rm -rf /tmp/cache/*\n/app # exit\n$ kubectl get pods\n',
      ),
    ).toEqual([
      {
        script: 'kubectl exec -it web-1 -- /bin/sh',
        line: 0,
        inside: '/app # rm -rf /tmp/cache/*\n/app # exit',
      },
      { script: 'kubectl get pods', line: 3 },
    ]);
  });

  it('is typed inside that shell, in a block without prompts', () => {
    expect(
      commands('docker exec -it web-1 sh\n/app # rm -rf /tmp/cache/*\n# exit\n').map((c) => [
        c.script,
        c.inside,
      ]),
    ).toEqual([['docker exec -it web-1 sh', '/app # rm -rf /tmp/cache/*\n# exit']]);
  });
});

describe('a config file of `key value` lines', () => {
  it('is text, not commands', () => {
    expect(readBlock('nameserver 127.0.0.1\nport 53\n', '')).toEqual({
      commands: [],
      guesses: [
        [
          0,
          'read as settings (`key value` lines of a config file), not a command: the block is shown as text, not offered to run; tag the block with its language, or put `$ ` before each command',
        ],
      ],
    });
  });

  it('leaves options, a shell-tagged block and an assignment with a placeholder as commands', () => {
    expect(commands('chromium --version\nchromedriver --version\n').map((c) => c.script)).toEqual([
      'chromium --version',
      'chromedriver --version',
    ]);
    expect(commands('nameserver 127.0.0.1\nport 53\n', 'sh').map((c) => c.script)).toEqual([
      'nameserver 127.0.0.1',
      'port 53',
    ]);
    expect(commands('db_id="<e.g. shop-postgres>"\n').map((c) => c.script)).toEqual([
      'db_id="<e.g. shop-postgres>"',
    ]);
  });

  it('leaves two commands of programs it knows, or of one program, as commands', () => {
    expect(commands('uptime\nfree -m\n').map((c) => c.script)).toEqual(['uptime', 'free -m']);
    expect(commands('bin/app stop\nbin/app start\n').map((c) => c.script)).toEqual([
      'bin/app stop',
      'bin/app start',
    ]);
  });
});
