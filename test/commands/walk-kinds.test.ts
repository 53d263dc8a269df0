// The other step kinds through a real terminal: a secret that never reaches
// the log (and is asked again after a resume), a shell step that quotes what
// the responder typed, a countdown, a poll, and an escalation to a contact.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, readEvents } from '../helpers/cli.js';
import { KEY, spawnOncall } from '../helpers/pty.js';
import { ofType, walkSandbox } from '../helpers/walk.js';

const SECRET = 'sk-very-secret-123';
const NASTY = "O'Brien; touch pwned";

describe('ask, secret, shell, wait and escalate steps', () => {
  it('keeps secrets out of the log, quotes values for a shell, waits, polls and escalates', async () => {
    const box = walkSandbox('contacts:\n  dba:\n    name: Dana\n');
    const t = spawnOncall(
      [
        'start',
        'kinds',
        '--title',
        'Payments failing',
        '--sev',
        'SEV3',
        '--impact',
        'some cards fail',
        '--started-at',
        '2m ago',
      ],
      box,
    );
    await t.waitFor('Step 1 of 7');
    await t.waitFor('❯ Answer');
    t.press(KEY.enter);
    await t.waitFor('Customer name?');
    t.answer(NASTY);
    await t.waitFor('Step 2 of 7');
    await t.waitFor('❯ Answer');
    t.press(KEY.enter);
    await t.waitFor('API token?');
    t.answer(SECRET);
    await t.waitFor('Step 3 of 7');
    await t.waitFor('❯ Run the check');
    t.press(KEY.ctrlC);
    await t.waitFor('Paused. Resume with: oncall resume');
    expect(await t.exit).toBe(0);

    // The secret was only in memory: resume asks for it again before it is needed.
    const r = spawnOncall(['resume'], box);
    await r.waitFor('Step 3 of 7');
    await r.waitFor('❯ Run the check');
    r.press(KEY.enter);
    await r.waitFor('token is secret and was not kept; give it again.');
    await r.waitFor('API token?');
    r.answer(SECRET);
    await r.waitFor('calling with token [REDACTED]');

    await r.waitFor('Step 4 of 7');
    await r.waitFor('❯ Run the check');
    r.press(KEY.enter);
    await r.waitFor(`hello ${NASTY}`);

    await r.waitFor('Step 5 of 7');
    await r.waitFor('❯ Start waiting (1s)');
    r.press(KEY.enter);
    await r.waitFor('✓ time is up');

    await r.waitFor('Step 6 of 7');
    await r.waitFor('❯ Poll until it passes');
    r.press(KEY.enter);
    await r.waitFor('✓ it passed');

    await r.waitFor('Step 7 of 7');
    await r.waitFor('❯ Escalate to Dana (dba)');
    r.press(KEY.enter);
    await r.waitFor('What do you need from Dana (dba)?');
    r.press(KEY.enter); // the runbook's ask is the default
    await r.waitFor('Escalation to Dana (dba) recorded.');
    // The summary to send, rendered from the log: the ask with its variable filled in.
    await r.waitFor(`Check the payments replica lag for ${NASTY}`);
    await r.waitFor('oncall escalate --to dba');
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
    expect(callApi).toMatchObject({
      shell: 'sh',
      argv: [expect.stringContaining('"$ONCALL_SECRET_1"')],
    });
    const greet = ofType(events, 'command.started').find((e) => e.stepId === 'greet');
    expect(greet).toMatchObject({ shell: 'sh', argv: [`echo "hello" 'O'\\''Brien; touch pwned'`] });
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
