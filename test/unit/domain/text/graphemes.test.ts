// Text cut to a length keeps each character people see whole: never half of a
// surrogate pair, a letter without its accent, a flag or a family split.
import { describe, expect, it } from 'vitest';
import { cutEvent } from '../../../../src/domain/incident/cut.js';
import { evidenceOf } from '../../../../src/domain/render/evidence.js';
import { phoneWords } from '../../../../src/domain/render/phone.js';
import { showCommand } from '../../../../src/domain/runbook/command-text.js';
import { ellipsized, graphemeHead } from '../../../../src/domain/text/graphemes.js';
import { seeded } from '../../../helpers/seeded.js';

const PEOPLE_SEE = ['a', 'é', 'e\u0301', '中', '😀', '👩‍👩‍👧‍👦', '🇩🇪', '1️⃣', '\r\n', ' '];
const graphemes = (text: string) => [
  ...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text),
];
/** A lone surrogate: half of a character. */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('graphemeHead and ellipsized', () => {
  it('cut only between the characters people see (2,000 seeded texts and lengths)', () => {
    const { pick, joined, random } = seeded(11);
    for (let i = 0; i < 2_000; i++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(PEOPLE_SEE));
      const text = parts.join('') + joined(PEOPLE_SEE, 0, 3);
      const max = Math.floor(random() * (text.length + 2));
      const head = graphemeHead(text, max);
      expect(head.length).toBeLessThanOrEqual(max);
      expect(text.startsWith(head)).toBe(true);
      const whole = graphemes(text).map((g) => g.segment);
      const kept = graphemes(head).map((g) => g.segment);
      expect(kept, JSON.stringify([text, max])).toEqual(whole.slice(0, kept.length));
      expect(ellipsized(text, Math.max(1, max))).not.toMatch(LONE);
    }
  });
});

describe('every text cut for showing', () => {
  const emoji = '😀'.repeat(3_000);

  it('a note cut for the timeline and the postmortem', () => {
    const event = { type: 'note', kind: 'note', text: `a${emoji}`, id: 'n', actor: 'a@h' };
    const note = cutEvent(event as never, 'the log') as unknown as { text: string };
    expect(note.text).toMatch(/ … \[cut: /);
    expect(note.text).not.toMatch(LONE);
  });

  it.each(['', 'x', 'xy'])(
    'an output line in the evidence, a word on a phone, a command shown (after %j)',
    (start) => {
      const run = {
        runId: 'r',
        argv: ['echo'],
        startedAt: '2026-03-12T02:10:00.000Z',
        finishedAt: '2026-03-12T02:10:01.000Z',
        exitCode: 0,
        outputTail: `${start}${emoji}`,
      };
      const [evidence] = evidenceOf([run as never]).outputs;
      expect(evidence?.lines.join('\n')).toContain('…');
      expect(evidence?.lines.join('\n')).not.toMatch(LONE);
      expect(phoneWords(`${start}${emoji.slice(0, 60)}`)).not.toMatch(LONE);
      for (const max of [20, 21])
        expect(showCommand({ argv: ['echo', `${start}${emoji.slice(0, 60)}`] }, max)).not.toMatch(
          LONE,
        );
    },
  );
});
