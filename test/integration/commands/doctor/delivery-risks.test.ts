// `oncall doctor` is not "Ready for the rotation." while a delivery has failed
// for good (an archived Slack channel: 410 channel_is_archived, contracts.md
// B5): it names the channel, when and why. `--send-test` of a PagerDuty
// channel triggers a real alert: said before sending, confirmed on a terminal,
// `--yes` without one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../helpers/context.js';
import { deliveryBox } from '../../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import { type Box, oncall, startIncident } from '../../../helpers/in-process.js';
import { ScriptedPrompter } from '../../../helpers/prompter.js';

let pd: FakeService;
let slack: FakeService;
let box: Box;
beforeEach(async () => {
  pd = await fakeService({ status: 202, body: '{"status":"success","message":"Event processed"}' });
  slack = await fakeService({ status: 200, body: 'ok' });
  box = deliveryBox({ pagerduty: pd, slack });
});
afterEach(async () => {
  await pd.close();
  await slack.close();
});

describe('doctor after a delivery failed for good', () => {
  it('names the channel, when and why, and is not ready; a later delivery clears it', async () => {
    const id = await startIncident(box);
    slack.fallback({ status: 410, body: 'channel_is_archived' });
    const update = await oncall(box, ['update', 'Rolled back 4.2']);
    expect(update.stderr).toContain(
      'Could not send via Slack (chat): HTTP 410: channel_is_archived',
    );
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `✗ channel chat: the update via Slack (chat) failed for good at 2026-03-12 02:10 UTC (incident ${id}): HTTP 410: channel_is_archived; the channel is archived: unarchive it, or set a webhook for another channel in SLACK_WEBHOOK_URL. Fix the channel, then \`oncall outbox flush --failed --incident ${id}\``,
    );
    expect(r.stdout).not.toContain('Ready for the rotation.');
    expect(r.stdout).toMatch(/\d+ problem\(s\) to fix before your rotation\./);

    slack.fallback({ status: 200, body: 'ok' });
    box.clock.advance(MINUTE);
    expect((await oncall(box, ['outbox', 'flush', '--failed'])).code).toBe(0);
    const again = await oncall(box, ['doctor']);
    expect(again.stdout).not.toContain('failed for good');
    expect(again.stdout).toContain('Ready for the rotation.');
  });
});

describe('doctor --send-test of a PagerDuty channel', () => {
  const pages = () => pd.received.map((q) => (q.body as { event_action: string }).event_action);

  it('without a terminal and without --yes: exit 2 naming the flag, nothing sent', async () => {
    const r = await oncall(box, ['doctor', '--send-test', 'pager']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'warning: --send-test pager triggers a real PagerDuty alert (severity info) on the service behind PD_ROUTING_KEY, resolved at once; on a high-urgency service it can still notify whoever is on call.\n' +
        'oncall: --send-test pager pages for real; no terminal to confirm on. Pass --yes to send it anyway.\n',
    );
    expect(r.stdout).toBe('');
    expect(pd.received).toEqual([]);
  });

  it('on a terminal: says so, asks, and sends only on yes', async () => {
    const no = new ScriptedPrompter([{ ask: 'Trigger the test alert now?', answer: false }]);
    const declined = await oncall({ ...box, interactive: true, prompter: no }, [
      'doctor',
      '--send-test',
      'pager',
    ]);
    expect(declined.stderr).toContain('triggers a real PagerDuty alert (severity info)');
    expect(declined.stdout).toContain('! send-test pager: not sent (you said no)');
    expect(pd.received).toEqual([]);

    const yes = new ScriptedPrompter([{ ask: 'Trigger the test alert now?', answer: true }]);
    const sent = await oncall({ ...box, interactive: true, prompter: yes }, [
      'doctor',
      '--send-test',
      'pager',
    ]);
    expect(sent.stdout).toContain(
      '✓ send-test pager: test alert accepted (HTTP 202) and resolved at once',
    );
    expect(pages()).toEqual(['trigger', 'resolve']);
    expect(
      (pd.received[0]?.body as { payload: { severity: string } } | undefined)?.payload.severity,
    ).toBe('info');
    expect(yes.unanswered).toEqual([]);
  });

  it('--yes sends without asking; a Slack test needs no confirmation', async () => {
    expect((await oncall(box, ['doctor', '--send-test', 'pager', '--yes'])).code).toBe(0);
    expect(pages()).toEqual(['trigger', 'resolve']);
    const chat = await oncall(box, ['doctor', '--send-test', 'chat']);
    expect(chat.code).toBe(0);
    expect(chat.stderr).toBe('');
  });
});
