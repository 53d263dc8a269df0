// The other step kinds through a real terminal: a secret that never reaches
// the log (and is asked again after a resume), a shell step that quotes what
// the responder typed, a countdown, a poll, and an escalation to a contact.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, readEvents } from '../../helpers/cli.js';
import { KEY } from '../../helpers/pty.js';
import { ofType, openWalk, startWalk, walkSandbox } from '../../helpers/walk.js';

const SECRET = 'sk-very-secret-123';
const NASTY = "O'Brien; touch pwned";

describe('ask, secret, shell, wait and escalate steps', () => {
  it('keeps secrets out of the log, quotes values for a shell, waits, polls and escalates', async () => {
    const box = walkSandbox('contacts:\n  dba:\n    name: Dana\n');
    const t = startWalk(box, 'kinds', {
      title: 'Payments failing',
      sev: 'SEV3',
      impact: 'some cards fail',
      startedAt: '2m ago',
    });
    await t.step(1, 7, 'Answer');
    await t.reply('Customer name?', NASTY);
    await t.step(2, 7, 'Answer');
    await t.reply('API token?', SECRET);
    await t.step(3, 7);
    await t.interrupt('❯ Run the check');
    await t.paused(130);

    // The secret was only in memory: resume asks for it again before it is needed.
    const r = openWalk(box, ['resume']);
    await r.step(3, 7, 'Run the check');
    await r.waitFor('token is secret and was not kept; give it again.');
    await r.reply('API token?', SECRET);
    await r.waitFor('calling with token [REDACTED]');

    await r.step(4, 7, 'Run the check');
    await r.waitFor(`hello ${NASTY}`);

    await r.step(5, 7, 'Start waiting (1s)');
    await r.waitFor('✓ time is up');

    await r.step(6, 7, 'Poll until it passes');
    await r.waitFor('✓ it passed on the first check');

    await r.step(7, 7, 'Escalate to Dana (dba)');
    await r.waitFor('What do you need from Dana (dba)?');
    r.press(KEY.enter); // the runbook's ask is the default
    await r.waitFor('Escalation to Dana (dba) recorded.');
    // The summary to send, rendered from the log: the ask with its variable filled in.
    await r.waitFor(`Check the payments replica lag for ${NASTY}`);
    // Dana has no channels in this config: how to reach her by hand.
    await r.waitFor('Send it to them: Dana.');
    await r.waitFor('That was the last step');
    expect(await r.exit).toBe(0);

    expect(readFileSync(logPath(box), 'utf8')).not.toContain(SECRET);
    expect(readdirSync(box.cwd)).not.toContain('pwned');
    expect(existsSync(join(box.cwd, 'pwned'))).toBe(false);

    const events = readEvents(box);
    const answered = ofType(events, 'step.answered');
    expect(answered[0]).toMatchObject({ variable: 'customer', value: NASTY });
    expect(answered[1]).toMatchObject({ variable: 'token', secret: true });
    expect(answered[1]).not.toHaveProperty('value');

    const finished = ofType(events, 'command.finished');
    const byStep = (id: string) => finished.filter((e) => e.stepId === id);
    expect(byStep('call-api')[0]).toMatchObject({
      exitCode: 0,
      outputTail: 'calling with token [REDACTED]',
    });
    expect(byStep('greet')[0]).toMatchObject({ exitCode: 0, outputTail: `hello ${NASTY}` });
    const callApi = ofType(events, 'command.started').find((e) => e.stepId === 'call-api');
    // A secret travels in the environment, referenced by name; never in argv or the log.
    expect(callApi).toMatchObject({
      shell: 'sh',
      argv: [expect.stringContaining(`"${'$'}{ONCALL_TOKEN}"`)],
    });
    expect(JSON.stringify(callApi)).not.toContain(SECRET);
    // Any other value too, and the log keeps it beside the script: exactly what ran.
    const greet = ofType(events, 'command.started').find((e) => e.stepId === 'greet');
    expect(greet).toMatchObject({
      shell: 'sh',
      argv: [`echo "hello" "${'$'}{ONCALL_CUSTOMER}"`],
      values: { ONCALL_CUSTOMER: NASTY },
    });
    expect(byStep('ready')[0]).toMatchObject({ exitCode: 0 });

    expect(ofType(events, 'step.waited').map((e) => [e.stepId, e.outcome])).toEqual([
      ['settle', 'elapsed'],
      ['ready', 'passed'],
    ]);
    expect(ofType(events, 'step.waited')[0]?.waitedMs).toBeGreaterThanOrEqual(900);
    expect(ofType(events, 'escalation')[0]).toMatchObject({
      to: 'dba',
      toName: 'Dana',
      ask: `Check the payments replica lag for ${NASTY}`,
    });
    expect(ofType(events, 'walk.finished')).toHaveLength(1);
  });
});

describe('a poll that never passes', () => {
  it('gives up at its timeout, says so plainly, and a skip is recorded with its reason', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'poll-timeout', {
      title: 'Queue stuck',
      sev: 'SEV3',
      impact: 'orders wait',
      startedAt: '1m ago',
      service: 'queue',
    });
    await t.step(1, 2, 'Poll until it passes (up to 2s)');
    // While it polls: which check, what the last one gave, the time left (between two
    // checks, or while the next runs: on a loaded machine the first may take most of the 2 s).
    await t.waitFor(
      /(Check 1 failed, exit 1|Check \d running, last exit 1) · \ds left · Ctrl-C stops the wait/,
    );
    await t.waitFor(/✗ failed: the check failed [23] times, last exit 1; gave up after 2s/);
    await t.skipFailed('queue owner is on it');
    await t.step(2, 2);
    await t.quit('Done');

    const events = readEvents(box);
    const polls = ofType(events, 'command.started');
    expect(polls.map((e) => e.poll)).toEqual(polls.map((_, i) => i + 1));
    expect(ofType(events, 'step.waited')).toEqual([
      expect.objectContaining({ stepId: 'drain', outcome: 'timed-out', polls: polls.length }),
    ]);
    expect(ofType(events, 'step.skipped')).toEqual([
      expect.objectContaining({ stepId: 'drain', reason: 'queue owner is on it' }),
    ]);
    expect(ofType(events, 'command.finished').every((e) => e.exitCode === 1)).toBe(true);
  });
});
