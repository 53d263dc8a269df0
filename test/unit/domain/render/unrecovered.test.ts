// What did not work: a failure stays listed until the same command succeeds
// later. A retry with other flags or numbers is the same command; another
// script, URL or subcommand of the same program is not.
import { describe, expect, it } from 'vitest';
import type { CommandRun, IncidentState } from '../../../../src/domain/incident/fold.js';
import { unrecoveredFailures } from '../../../../src/domain/render/facts.js';
import { commandRun } from '../../../helpers/runs.js';

let minute = 0;
/** Each run a minute after the one before, as a responder retries. */
const ran = (argv: string[], exitCode: number, extra: Partial<CommandRun> = {}) =>
  commandRun(argv, exitCode, ++minute, extra);

const failing = (commands: CommandRun[]) =>
  unrecoveredFailures({ commands } as unknown as IncidentState).map((r) => r.argv.join(' '));

describe('what did not work', () => {
  it('a retry with more flags or another number fixes the failure', () => {
    expect(
      failing([
        ran(['./check-pool.sh', '--env', 'prod'], 1),
        ran(['./check-pool.sh', '--env', 'prod', '--timeout', '60'], 0),
        ran(['kubectl', 'get', 'pods'], 1),
        ran(['kubectl', 'get', 'pods', '-o', 'wide'], 0),
      ]),
    ).toEqual([]);
  });

  it('another script, URL or subcommand of the same program does not', () => {
    expect(
      failing([
        ran(['sh', '-c', 'curl -f https://shop/healthz'], 22),
        ran(['sh', '-c', 'echo rolled back'], 0),
        ran(['curl', '-fsS', 'https://shop.example.com/healthz'], 22),
        ran(['curl', '-fsS', 'https://status.example.com/'], 0),
        ran(['kubectl', '-n', 'web', 'rollout', 'status', 'deploy/web'], 1),
        ran(['kubectl', '-n', 'web', 'set', 'image', 'deploy/web', 'web=web:3'], 0),
      ]),
    ).toEqual([
      'sh -c curl -f https://shop/healthz',
      'curl -fsS https://shop.example.com/healthz',
      'kubectl -n web rollout status deploy/web',
    ]);
  });

  it('a later success of the same command fixes it; an earlier one does not; a finding is no failure', () => {
    expect(
      failing([
        ran(['health'], 0),
        ran(['health'], 22),
        ran(['db-check'], 1),
        ran(['db-check'], 0),
        ran(['curl', 'https://shop/'], 22, {
          finding: 'the 503 confirms the alert',
        } as Partial<CommandRun>),
      ]),
    ).toEqual(['health']);
  });
});
