// No secret leaves in any field. A secret is planted in each source of text
// (the title, the impact, notes of each kind, `--ask`, a handoff note, an
// update's words, a step's answers as a peer's log recorded them) and the
// incident is escalated, updated and handed off through every channel kind
// (PagerDuty, Slack, Teams, a webhook, a command); then every string field of
// every request and of the script's stdin and environment is read, and every
// line the delivery wrote to the log. The source's own words must arrive (so
// the check is not vacuous); the secrets never: a `password=`, an AWS access
// key, a Slack token and a team pattern from config (only the full redactor
// knows that one: the quick forms `oncall note` records with do not).
import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type AllChannels, allChannels, CHANNELS } from '../../../helpers/channels.js';
import { stringLeaves } from '../../../helpers/documented.js';
import { logPath, oncall, readEvents, startWords } from '../../../helpers/in-process.js';

const SECRETS = [
  'Hunter2-Sw0rdfish',
  'AKIAQ7XK2LMN5PZR6WTY',
  'xoxb-2048736451-4829374651234-aB3dE5fG7hI9jK1lM3nO5pQ7',
  'ACME-20260312',
];
const planted = (words: string) =>
  `${words} password=${SECRETS[0]} key ${SECRETS[1]} token ${SECRETS[2]} badge ${SECRETS[3]}`;

let all: AllChannels;
afterEach(async () => {
  await all.close();
});

/** A step's answers as a peer's older oncall recorded them: raw, in its own lines of the log. */
function plantStepAnswers(words: string): void {
  const [first] = readEvents(all.box);
  const base = {
    v: 1,
    incident: first?.incident,
    actor: 'dana@laptop',
    ts: '2026-03-12T02:11:00.000Z',
  };
  const lines = [
    {
      ...base,
      id: '0195d0c4-0000-7000-8000-000000000001',
      type: 'step.completed',
      stepId: 'creds',
      note: planted(words),
    },
    {
      ...base,
      id: '0195d0c4-0000-7000-8000-000000000002',
      type: 'step.skipped',
      stepId: 'rotate',
      reason: planted(words),
    },
  ];
  appendFileSync(logPath(all.box), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

interface Source {
  name: string;
  words: string;
  plant: (text: string) => string[][];
}

/** Each source: the commands that put `text` there before the deliveries. */
const SOURCES: Source[] = [
  { name: 'title', words: 'title-words', plant: (t) => [startWords(t)] },
  { name: 'impact', words: 'impact-words', plant: (t) => [[...startWords(), '--impact', t]] },
  {
    name: 'action note',
    words: 'action-words',
    plant: (t) => [startWords(), ['note', '--action', t]],
  },
  {
    name: 'hypothesis',
    words: 'hypothesis-words',
    plant: (t) => [startWords(), ['note', '--hypothesis', t]],
  },
  {
    name: 'ruled out',
    words: 'ruled-words',
    plant: (t) => [startWords(), ['note', '--ruled-out', t]],
  },
  { name: '--ask', words: 'ask-words', plant: () => [startWords()] },
  { name: 'handoff note', words: 'handoff-words', plant: () => [startWords()] },
  { name: 'update text', words: 'update-words', plant: () => [startWords()] },
  { name: 'step answers', words: 'step-words', plant: () => [startWords()] },
];

/** Escalate, update and hand off, the source's own text where it is typed. */
function deliveries(source: Source, text: string): string[][] {
  const ask = source.name === '--ask' ? text : 'Is the primary healthy?';
  const words = source.name === 'update text' ? text : 'Rolled back 4.2';
  const note = source.name === 'handoff note' ? text : 'Over to you';
  return [
    ['escalate', '--to', 'bob', '--long', '--ask', ask],
    ['update', words],
    ['handoff', '--to', 'carol', '--note', note],
  ];
}

describe('no secret leaves in any field', () => {
  it.each(SOURCES)('planted in the $name', async (source) => {
    all = await allChannels({ extraYaml: "redact: ['ACME-[0-9]{8}']" });
    const text = planted(source.words);
    const outputs: string[] = [];
    for (const args of source.plant(text)) {
      const r = await oncall(all.box, args);
      expect(r.code, r.stderr).toBe(0);
    }
    if (source.name === 'step answers') plantStepAnswers(source.words);
    for (const args of deliveries(source, text)) {
      const r = await oncall(all.box, args);
      outputs.push(r.stdout, r.stderr);
      expect(r.code, r.stderr).toBe(0);
    }
    const dry = await oncall(all.box, ['escalate', '--to', 'bob', '--ask', text, '--dry-run']);
    outputs.push(dry.stdout, dry.stderr);

    const sent = all.sent();
    for (const channel of CHANNELS) {
      const fields = sent.filter((s) => s.channel === channel).flatMap((s) => stringLeaves(s.body));
      expect(fields.length, channel).toBeGreaterThan(0);
      // The words came through this channel, in some field...
      expect(
        fields.some(([, value]) => value.includes(source.words)),
        channel,
      ).toBe(true);
      // ...and no field of it holds a secret.
      for (const [path, value] of fields) {
        for (const secret of SECRETS) expect(value, `${channel} ${path}`).not.toContain(secret);
      }
    }
    const written = readEvents(all.box).filter(
      (e) =>
        String(e.type).startsWith('delivery.') ||
        ['escalation', 'update.sent', 'handoff'].includes(String(e.type)),
    );
    expect(written.length).toBeGreaterThan(CHANNELS.length * 3);
    for (const secret of SECRETS) {
      expect(JSON.stringify(written)).not.toContain(secret);
      for (const output of outputs) expect(output).not.toContain(secret);
    }
  });
});
