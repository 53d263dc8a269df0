// The everyday commands run from bundles of their own, without commander
// (src/fast/, src/main.ts). Whichever way a command is typed, what it prints,
// writes and exits with must be what the full CLI does with the same words:
// both are run here on copies of one incident and compared (the full CLI in
// a process that stays: helpers/cli.ts viaFullCli).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeIncident } from '../../../bench/incident.mjs';
import { oncall, type Result, type Sandbox, sandbox, viaFullCli } from '../../helpers/cli.js';
import { installedCopy } from '../../helpers/installed.js';
import { BIN, ROOT } from '../../helpers/paths.js';

const CONFIG = `contacts:
  dana: { name: Dana Okafor, phone: "+1 555 0100", reach: page }
  erin: { name: Erin Vale, chat: "@erin" }
`;

/** A responder's laptop: a night of every kind of event, the active incident, two contacts. */
function night(): Sandbox {
  const box = sandbox();
  const runbook = join(ROOT, 'examples', 'runbooks', 'api-latency.md');
  writeIncident(box.home, 'night', 240, runbook);
  writeFileSync(join(box.home, 'active'), 'night');
  mkdirSync(join(box.env.XDG_CONFIG_HOME ?? '', 'oncall'), { recursive: true });
  writeFileSync(join(box.env.XDG_CONFIG_HOME ?? '', 'oncall', 'config.yaml'), CONFIG);
  return box;
}

/** A copy of `box`'s laptop, so a command that records can run once each way. */
function twin(box: Sandbox): Sandbox {
  const other = sandbox();
  for (const [from, to] of [
    [box.home, other.home],
    [box.env.XDG_CONFIG_HOME ?? '', other.env.XDG_CONFIG_HOME ?? ''],
  ] as const)
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  return other;
}

/** What may differ between two runs moments apart: clock times, durations, ids, the sandboxes' paths. */
function comparable(text: string): string {
  return text
    .replace(/\/[^\s"]*oncall-test-\w+/g, '<dir>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<ts>')
    .replace(/\b\d\d:\d\d\b/g, '<hh:mm>')
    .replace(/"(elapsedMs|runningForMs)": \d+/g, '"$1": <ms>')
    .replace(/\b\d+[smhd]\b/g, '<duration>');
}

/**
 * Runs `args` on two copies of `box` (left as it was), each way once, and
 * compares; returns what the bin (the fast path) did.
 */
async function sameEitherWay(box: Sandbox, args: string[], { log = true } = {}): Promise<Result> {
  const mine = twin(box);
  const other = twin(box);
  const fast = oncall(mine, args);
  const full = await viaFullCli(other, args);
  const what = `oncall ${args.join(' ')}`;
  expect(fast.code, what).toBe(full.code);
  expect(comparable(fast.stdout), what).toBe(comparable(full.stdout));
  expect(comparable(fast.stderr), what).toBe(comparable(full.stderr));
  if (!log) return fast;
  const events = (b: Sandbox) =>
    comparable(readFileSync(join(b.home, 'incidents', 'night', 'events.jsonl'), 'utf8'));
  expect(events(mine), what).toBe(events(other));
  return fast;
}

/** The words of each everyday command, as typed at 2am. */
const EVERYDAY = [
  [],
  ['status'],
  ['status', '--json'],
  ['timeline'],
  ['timeline', '--md'],
  ['timeline', '--json', '--incident', 'night'],
  ['update', '--no-post', 'Still', 'looking', 'at', 'the', 'pool'],
  ['update', '--no-post', '--', '--not-a-flag'],
  ['escalate', '--to', 'dana', '--ask', 'check replication lag', '--no-send'],
  ['handoff', '--to=erin', '--note', 'shift change', '--no-send'],
  ['postmortem', '--force'],
  ['export', '--json'],
];

describe('the fast path of the everyday commands', () => {
  it('prints, records and exits as the full CLI does, and needs nothing of it (so it is the path taken)', async () => {
    const bin = join(installedCopy(['cli.js']), 'bin', 'oncall');
    const box = night();
    for (const args of EVERYDAY) {
      const fast = await sameEitherWay(box, args);
      // The same words where the full CLI is not there at all.
      const mine = twin(box);
      const r = spawnSync(process.execPath, [bin, ...args], {
        cwd: mine.cwd,
        env: mine.env,
        encoding: 'utf8',
      });
      expect(r.status, args.join(' ')).toBe(0);
      expect(comparable(r.stdout), args.join(' ')).toBe(comparable(fast.stdout));
    }
  });

  it('use nothing the Node running them has deprecated (run with --throw-deprecation)', () => {
    const box = night();
    // One command of each bundle: what a bundle uses of Node, it uses as it loads.
    const eachBundle = new Map([...EVERYDAY, ['note', 'pool drained']].map((a) => [a[0], a]));
    for (const args of eachBundle.values()) {
      const mine = twin(box);
      const r = spawnSync(process.execPath, ['--throw-deprecation', BIN, ...args], {
        cwd: mine.cwd,
        env: mine.env,
        encoding: 'utf8',
      });
      expect([r.status, r.stderr.includes('Deprecat')], args.join(' ')).toEqual([0, false]);
    }
  });

  it('leaves to commander what it would answer itself, in its own words', async () => {
    const box = night();
    for (const args of [
      ['status', '--bogus'],
      ['status', 'extra'],
      ['timeline', '--json=yes'],
      ['update'],
      ['update', '--no-post'],
      ['escalate', '--to'],
      ['escalate', '--ask', '-x'],
      ['handoff', '--to', 'nobody-at-all', '--no-send'],
      ['postmortem', '--template'],
      ['status', '--incident', ''],
    ])
      expect((await sameEitherWay(box, args)).code, args.join(' ')).not.toBe(0);
    await sameEitherWay(box, ['status', '-V']); // the program's own flag, after a command
  });

  it('bare `oncall` with no incident under way shows the full help', async () => {
    const box = sandbox();
    const r = await sameEitherWay(box, [], { log: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: oncall [options] [command]');
    expect(r.stdout).toContain('Paged? Start with `oncall start`');
  });
});
