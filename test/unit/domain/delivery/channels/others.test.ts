// Teams (a Workflows webhook: one Adaptive Card in a message), the generic
// webhook's documented body, and a command's stdin and environment.
import { describe, expect, it } from 'vitest';
import { commandRequest } from '../../../../../src/domain/delivery/channels/command.js';
import { teamsBody } from '../../../../../src/domain/delivery/channels/teams.js';
import { webhookBody } from '../../../../../src/domain/delivery/channels/webhook.js';
import { EVENT_ID, escalationFixture } from '../../../../helpers/message.js';

describe('the Teams message', () => {
  it('is a message with one Adaptive Card attachment', () => {
    const body = teamsBody(escalationFixture()) as {
      type: string;
      attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.contentUrl).toBeNull();
    const card = attachment?.content as {
      type: string;
      version: string;
      body: Record<string, unknown>[];
    };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.4');
    const runs = (i: number) =>
      (card.body[i] as { type: string; inlines: { type: string; text: string }[] }).inlines;
    expect(card.body.every((e) => e.type === 'RichTextBlock')).toBe(true);
    expect(runs(0)).toEqual([
      {
        type: 'TextRun',
        text: 'Escalation to Bob Stone: Checkout returns 500',
        weight: 'Bolder',
        size: 'Medium',
      },
    ]);
    const text = (i: number) =>
      runs(i)
        .map((r) => r.text)
        .join('');
    expect([1, 2, 3].map(text)).toEqual([
      'Ask: Is the primary healthy?',
      'Impact: EU checkout fails for 30% · trend: steady',
      'Status: SEV2 · Investigating',
    ]);
    expect([4, 5].map(text)).toEqual([
      'Tried',
      '- 02:12 rolled back 4.2\n- 02:15 restarted the pool',
    ]);
    expect(runs(card.body.length - 1)[0]).toMatchObject({ isSubtle: true });
    expect(text(card.body.length - 1)).toContain(`event ${EVENT_ID}`);
  });

  it('shows every text verbatim: TextRuns read no Markdown, and a link shows its address', () => {
    const body = teamsBody(
      escalationFixture({
        ask: '**urgent** [open](https://evil.example/login) {{DATE(2026-03-12T02:10:00Z)}}',
      }),
    );
    const json = JSON.stringify(body);
    expect(json).not.toContain('"TextBlock"');
    expect(json).not.toContain('"FactSet"');
    expect(json).toContain(
      '"text":"urgent open (https://evil.example/login) {{DATE(2026-03-12T02:10:00Z)}}"',
    );
  });
});

describe('the generic webhook body', () => {
  it('is { kind, incident, event, to, text, markdown, delivery }', () => {
    const message = escalationFixture();
    const body = webhookBody(message, `${EVENT_ID}.hook`);
    expect(Object.keys(body)).toEqual([
      'kind',
      'incident',
      'event',
      'to',
      'text',
      'markdown',
      'delivery',
    ]);
    expect(body).toMatchObject({
      kind: 'escalation',
      incident: message.incident,
      event: message.event,
      to: { key: 'bob', name: 'Bob Stone' },
      markdown: message.markdown,
      delivery: `${EVENT_ID}.hook`,
    });
    expect(body.text).toBe(
      'Escalation to Bob Stone: Checkout returns 500\nThe ask: Is the primary healthy?\n- 02:12 rolled back <4.2> & watched\n',
    );
  });
});

describe('the command channel', () => {
  it('has the text on stdin and the facts in ONCALL_* variables', () => {
    const message = escalationFixture();
    expect(commandRequest(message, 'd1')).toEqual({
      stdin: message.markdown,
      env: {
        ONCALL_KIND: 'escalation',
        ONCALL_INCIDENT: '2026-03-12-0210-checkout-returns-500',
        ONCALL_TITLE: 'Checkout returns 500',
        ONCALL_SEVERITY: 'SEV2',
        ONCALL_STATUS: 'active',
        ONCALL_COMMANDER: 'Alice Chen',
        ONCALL_SUMMARY: 'Escalation to Bob Stone: Checkout returns 500',
        ONCALL_EVENT_ID: EVENT_ID,
        ONCALL_DELIVERY: 'd1',
        ONCALL_TO: 'bob',
        ONCALL_TO_NAME: 'Bob Stone',
        ONCALL_ASK: 'Is the primary healthy?',
        ONCALL_SERVICE: 'checkout',
      },
    });
  });
});
