// A night in a real terminal: what one command exports reaches the walk's
// later commands, each value is asked once, and a word typed to confirm can
// never become a value. Through the built bin in a pseudo-terminal; every
// wait polls the screen with a deadline.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvents, sandbox } from '../../helpers/cli.js';
import { fakeTools, WALKED } from '../../helpers/fake-tools.js';
import { ofType, openWalk } from '../../helpers/walk.js';

/** A laptop with the walked runbooks configured and kubectl faked; `start <runbook>` walking it. */
function walkIn(runbook: string) {
  const box = sandbox({ ONCALL_ACTOR: 'alice@host' });
  box.env.PATH = fakeTools(box.dir);
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), `runbooks: [${JSON.stringify(WALKED)}]\n`);
  const facts = ['--title', 'Pod stuck', '--sev', 'SEV3', '--impact', 'web slow'];
  return { box, t: openWalk(box, ['start', runbook, ...facts, '--started-at', '1m ago']) };
}

describe('a walk in a real terminal', () => {
  it('carries an export, asks each value once, and never takes the confirming word as a value', async () => {
    const box = sandbox({ ONCALL_ACTOR: 'alice@host' });
    box.env.PATH = fakeTools(box.dir);
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), `runbooks: [${JSON.stringify(WALKED)}]\n`);
    const t = openWalk(box, [
      'start',
      'night',
      ...[
        '--title',
        'Pod stuck',
        '--sev',
        'SEV3',
        '--impact',
        'web slow',
        '--started-at',
        '1m ago',
      ],
    ]);

    await t.step(1, 2);
    await t.pick('Run it');
    await t.waitFor('✓ exit 0');
    await t.pick('Done with this step');

    // The export reached this step: $NS is filled in, never asked.
    await t.step(2, 2);
    await t.waitFor('$ kubectl -n "web" delete pod <pod-name>');
    await t.pick('Run it (give its value first, then you type to confirm)');
    // Expecting the confirmation, the responder types its word: refused, asked again.
    await t.reply('Value for <pod-name>:', 'delete');
    await t.waitFor('"delete" confirms a command; it is not taken as a value.');
    await t.reply('Value for <pod-name>:', 'api-1');
    // The command in full, filled in, before the confirmation.
    await t.waitFor('$ kubectl -n "web" delete pod api-1');
    await t.reply('Confirm: type "delete" or yes to run the command above', 'delete');
    await t.waitFor('✓ exit 0');

    // The next command needs the same value: not asked again.
    await t.waitFor('Command 2 of 2');
    await t.pick('Run it');
    await t.waitFor('kubectl -n web get pod api-1');
    await t.waitFor('✓ exit 0');
    await t.pick('Done with this step');
    await t.waitFor('That was the last step');
    expect(await t.exit).toBe(0);

    // After the confirmation nothing was asked again (the prompt redraws as keys are typed,
    // so the screen is read from there on).
    const screen = t.screen();
    expect(screen.slice(screen.lastIndexOf('Confirm: type "delete"'))).not.toContain('Value for');
    expect(screen).not.toContain('$NS (not set here)');
    expect(readFileSync(join(box.cwd, 'kubectl.log'), 'utf8')).toBe(
      'kubectl -n web delete pod api-1\nkubectl -n web get pod api-1\n',
    );
    const events = readEvents(box);
    expect(ofType(events, 'step.answered').map((e) => [e.variable, e.value])).toEqual([
      ['pod-name', 'api-1'],
    ]);
    expect(ofType(events, 'command.finished')[0]).toMatchObject({ variables: { NS: 'web' } });
  });
});

describe("a command in the walk's shell", () => {
  it('keeps the terminal: it reads what the responder types, as a password prompt would', async () => {
    const { t } = walkIn('terminal');
    await t.step(1, 1);
    await t.pick('Run it');
    await t.waitFor('stdin is the terminal');
    await t.waitFor('✓ exit 0');
    await t.pick('Run it');
    await t.reply('Type a word: ', 'quiet');
    await t.waitFor('QUIET');
    await t.waitFor('✓ exit 0');
    await t.pick('Done with this step');
    expect(await t.exit).toBe(0);
  });
});
