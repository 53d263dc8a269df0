// Every channel carries the escalation as the printed text ranks it: what was
// changed (the rollback), what was found, what did not work with a repeat as
// one line, the ideas and the next update; nothing points at oncall's own
// commands; and the Slack post mentions a contact with a member id.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AllChannels, allChannels } from '../../../helpers/channels.js';
import { oncall } from '../../../helpers/in-process.js';

let all: AllChannels | undefined;
afterEach(async () => {
  await all?.close();
  all = undefined;
});

const DANA =
  '  dana: { name: Dana Okafor, slack: U0123ABCD, reach: [pager, chat, teams, hook, sms] }';

describe('one escalation, every channel', () => {
  it('ranked and collapsed the same everywhere; Slack mentions Dana', async () => {
    all = await allChannels({ extraYaml: DANA });
    const { box, services } = all;
    // A kubectl that only says what it did: the rollback changes something.
    const kubectl = join(box.cwd, 'kubectl');
    writeFileSync(kubectl, '#!/bin/sh\necho "deployment.apps/web image updated"\n');
    chmodSync(kubectl, 0o755);
    expect(
      (
        await oncall(box, [
          'start',
          '--title',
          'Checkout error rate high',
          '--sev',
          'SEV2',
          '--impact',
          '12% of checkouts fail',
          '--no-input',
          '--runbook',
          'none',
        ])
      ).code,
    ).toBe(0);
    for (let i = 0; i < 6; i++)
      await oncall(box, [
        'run',
        '--',
        process.execPath,
        '-e',
        'console.log("HTTP/2 503"); process.exit(22)',
      ]);
    await oncall(box, [
      'run',
      '--',
      kubectl,
      'set',
      'image',
      'deployment/web',
      'web=registry.example.com/web:2024.06.11-3',
    ]);
    await oncall(box, ['note', '--finding', 'db-1 pool at 100/100 connections']);
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
    const r = await oncall(box, ['escalate', '--to', 'dana', '--ask', 'Is db-1 healthy?']);
    expect(r.code, r.stderr).toBe(0);

    const page = services.pager.received[0]?.body as {
      payload: { custom_details: Record<string, unknown> };
    };
    const details = page.payload.custom_details;
    expect(Object.keys(details)).toEqual([
      'incident',
      'title',
      'severity',
      'status',
      'commander',
      'ask',
      'impact',
      'changed',
      'found',
      'did_not_work',
      'open',
      'next_update',
      'event_id',
    ]);
    expect(details.changed).toEqual([
      expect.stringMatching(/^\d\d:\d\d `kubectl set image … web:2024\.06\.11-3` → exit 0$/),
    ]);
    expect(details.found).toEqual([expect.stringMatching(/db-1 pool at 100\/100 connections$/)]);
    expect(details.did_not_work).toEqual([
      expect.stringMatching(/failed ×6 \(exit 22\), last \d\d:\d\d$/),
    ]);

    const post = services.chat.received[0]?.body as {
      text: string;
      blocks: { text?: { text: string } }[];
    };
    expect(post.text.startsWith('<@U0123ABCD> ')).toBe(true);
    expect(post.blocks[1]?.text?.text).toBe('<@U0123ABCD> *The ask:* Is db-1 healthy?');
    expect(post.blocks.map((b) => b.text?.text.split('\n')[0])).toEqual(
      expect.arrayContaining([
        '*Changed*',
        '*Found*',
        '*Did not work*',
        '*Open hypotheses*',
        '*Next update*',
      ]),
    );

    for (const { channel, body } of all.sent()) {
      const raw = JSON.stringify(body);
      expect(raw, channel).not.toMatch(/oncall |--long/);
      expect(raw.match(/failed ×6/g), channel).toHaveLength(
        channel === 'chat' ? 2 : channel === 'hook' ? 2 : 1,
      );
    }
  });
});
