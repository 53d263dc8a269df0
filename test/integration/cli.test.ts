// The commander wiring run in process: argv in, an exit code out, and what a
// user sees on the streams, with no process of its own to spawn.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { eventsOf, startIncidentIn, testContext } from '../helpers/context.js';

const argv = (...args: string[]) => ['node', 'oncall', ...args];

describe('runCli in process', () => {
  it('runs a command with its flags and exits 0', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    expect(await runCli(argv('note', '--finding', 'p99', 'is', '4s'), ctx)).toBe(0);
    expect(ctx.stdout.take()).toMatch(/^Noted \(finding\) at 02:10 in /);
    expect(eventsOf(ctx).at(-1)).toMatchObject({ kind: 'finding', text: 'p99 is 4s' });
  });

  it('a usage error from a command: exit 2 and one line on stderr, no stack', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    expect(await runCli(argv('sev', 'SEV9'), ctx)).toBe(2);
    expect(ctx.stderr.take()).toBe(
      'oncall: <level> SEV9: not a severity; use one of SEV1, SEV2, SEV3, SEV4\n',
    );
    expect(ctx.stdout.text).toBe('');
  });

  it('a flag commander does not know: exit 2 with its message', async () => {
    const ctx = testContext();
    expect(await runCli(argv('status', '--jsn'), ctx)).toBe(2);
    expect(ctx.stderr.take()).toContain("unknown option '--jsn'");
  });

  it('a missing answer without a terminal: exit 2 naming the flag, nothing asked', async () => {
    const ctx = testContext();
    expect(await runCli(argv('start', '--sev', 'SEV2', '--runbook', 'none'), ctx)).toBe(2);
    expect(ctx.stderr.take()).toMatch(/^oncall: missing --title \(.*\); no terminal to ask on\./);
    expect(ctx.prompter.asked).toEqual([]);
  });

  it("`oncall help <command>` shows that command's help, as --help does", async () => {
    for (const words of [['start'], ['runbook'], ['postmortem']]) {
      const viaHelp = testContext();
      expect(await runCli(argv('help', ...words), viaHelp)).toBe(0);
      const viaFlag = testContext();
      expect(await runCli(argv(...words, '--help'), viaFlag)).toBe(0);
      expect(viaHelp.stdout.text).toMatch(new RegExp(`^Usage: oncall ${words.join(' ')} `));
      expect(viaHelp.stdout.text).toBe(viaFlag.stdout.text);
    }
    const nothing = testContext();
    expect(await runCli(argv('help'), nothing)).toBe(0);
    expect(nothing.stdout.text).toContain('Commands:');
  });
});
