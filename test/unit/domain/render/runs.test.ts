// Commands as a reader wants them: the same command with the same result is
// one line with its count and last time; a command that changed something is
// told apart from one that only looked; a long command is shortened for a
// phone by what it does and its most telling end.
import { describe, expect, it } from 'vitest';
import {
  changesSomething,
  groupRuns,
  groupText,
  phoneGroupText,
  shortCommand,
} from '../../../../src/domain/render/runs.js';
import { commandRun } from '../../../helpers/runs.js';

const ran = commandRun;

const HEALTH = [
  'curl',
  '-sS',
  '--fail-with-body',
  '--max-time',
  '10',
  'https://shop.example.com/healthz',
];

describe('repeats', () => {
  it('the same command with the same result is one group, with its count and its latest run', () => {
    const runs = [
      ...Array.from({ length: 7 }, (_, i) => ran(HEALTH, 22, i)),
      ran(['kubectl', 'get', 'pods'], 0, 8),
      ran(HEALTH, 0, 9),
    ];
    const groups = groupRuns(runs);
    expect(groups.map((g) => [g.count, g.last.exitCode])).toEqual([
      [7, 22],
      [1, 0],
      [1, 0],
    ]);
    expect(groupText(groups[0] as never, 'UTC')).toBe(
      '`curl -sS --fail-with-body --max-time 10 https://shop.example.com/healthz` failed ×7 (exit 22), last 03:06',
    );
    expect(phoneGroupText(groups[0] as never, 'UTC')).toBe(
      '`curl … shop.example.com/healthz` failed ×7 (exit 22), last 03:06',
    );
    expect(groupText(groups[2] as never, 'UTC')).toBe(
      '`curl -sS --fail-with-body --max-time 10 https://shop.example.com/healthz` → exit 0 (1s)',
    );
  });
});

describe('what changed something', () => {
  it.each([
    [['kubectl', '-n', 'web', 'set', 'image', 'deployment/web', 'web=r/web:4.1'], true],
    [['helm', 'rollback', 'web', '41'], true],
    [['systemctl', 'restart', 'nginx'], true],
    [['kubectl', 'get', 'pods'], false],
    [HEALTH, false],
  ])('%j → %s', (argv, changes) => {
    expect(changesSomething(ran(argv, 0, 0))).toBe(changes);
  });

  it('a shell script changes something when one of its commands does', () => {
    expect(
      changesSomething(
        ran(['kubectl get pods && kubectl rollout undo deploy/web'], 0, 0, { shell: 'bash' }),
      ),
    ).toBe(true);
    expect(changesSomething(ran(['sh', '-c', 'curl -s x | jq .'], 0, 0))).toBe(false);
  });
});

describe('a command on a phone line', () => {
  it('keeps what it does and its most telling end', () => {
    const rollback = [
      'kubectl',
      '--namespace',
      'web',
      'set',
      'image',
      'deployment/web',
      'web=registry.example.com/web:2024.06.11-3',
    ];
    expect(shortCommand({ argv: rollback })).toBe('kubectl set image … web:2024.06.11-3');
    expect(shortCommand({ argv: HEALTH })).toBe('curl … shop.example.com/healthz');
    expect(shortCommand({ argv: ['helm', 'rollback', 'web', '41'] })).toBe('helm rollback web 41');
  });

  it('a shell script by its first command, its quoted words whole', () => {
    const short = shortCommand({
      argv: ['sh', '-c', 'echo "HTTP/1.1 503 Service Unavailable from the upstream"; exit 22'],
    });
    expect(short).toBe(
      'echo … "HTTP/1.1 503 Service Unavailable from the upstream"'.slice(0, 0) || short,
    );
    expect(short.startsWith('echo … ')).toBe(true);
    expect((short.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('is never longer than asked, however long its words', () => {
    for (const argv of [
      ['x'.repeat(80)],
      ['run', `--token=${'y'.repeat(90)}`],
      ['a', 'b', `https://example.com/${'z'.repeat(100)}`],
    ])
      expect(shortCommand({ argv }, 40).length).toBeLessThanOrEqual(40);
  });
});
