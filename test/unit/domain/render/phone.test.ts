// The short escalation is one phone screen (20 lines of 40 columns), ranked by
// what the woken reader needs, with every repeat one line and no word broken
// in two; checked on many nights, rendered as a terminal of that size shows it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../../src/domain/config/schema.js';
import { escalationMessage } from '../../../../src/domain/delivery/message.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import type { RenderInput } from '../../../../src/domain/render/facts.js';
import { escalationModel } from '../../../../src/domain/render/models.js';
import { PHONE, phoneRows, phoneWords } from '../../../../src/domain/render/phone.js';
import { markdownForTerminal } from '../../../../src/domain/text/markdown-terminal.js';
import { markdownToPlain } from '../../../../src/domain/text/markup.js';
import { renderNamed } from '../../../../src/infra/templates/templates.js';
import { type NightShape, night } from '../../../helpers/night.js';

const config = {
  contacts: { dana: { name: 'Dana Okafor', role: 'database on-call', phone: '+1 555 0142' } },
  links: { dashboard: 'https://grafana.example.com/d/checkout' },
  severities: DEFAULT_SEVERITIES,
  templates: {},
};
const to = { key: 'dana', contact: config.contacts.dana };

function inputOf(events: OncallEvent[]): RenderInput {
  const now = new Date(Date.parse(events.at(-1)?.ts ?? '') + 60_000);
  return { state: foldIncident(events), events, config, now, tz: 'UTC' };
}

async function shortForm(
  shape: NightShape,
  ask = 'Is db-1 healthy? Can you raise max_connections?',
) {
  const model = escalationModel(inputOf(night({ open: true, ...shape })), { to, ask, long: false });
  return (await renderNamed('escalation', model, { config, tz: 'UTC' })).text;
}

/** Every word of the rendered rows is a word of the text: none was cut in two to fit. */
function brokenWords(markdown: string, rows: string[]): string[] {
  const words = new Set(markdownToPlain(markdown).replace(/`/g, '').split(/\s+/));
  return rows
    .flatMap((r) => r.replace(/^\s*[•☐]\s/, '').split(/\s+/))
    .filter((w) => w && !words.has(w));
}

const NIGHTS: NightShape[] = [
  {},
  { polls: 40 },
  { wordy: 3 },
  { findings: 6, failures: 5 },
  { polls: 1, findings: 0 },
  { long: true, wordy: 2, failures: 4 },
  { wordy: 2, findings: 4, failures: 12, polls: 25 },
];

describe('the short escalation on a phone', () => {
  it.each(NIGHTS)(
    'fits 20 lines of 40 columns, no line twice, no word broken: %o',
    async (shape) => {
      const text = await shortForm(shape);
      const rows = markdownForTerminal(text, PHONE.columns);
      expect(rows.length, rows.join('\n')).toBeLessThanOrEqual(PHONE.rows);
      expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(PHONE.columns);
      expect(brokenWords(text, rows)).toEqual([]);
      const lines = text.trimEnd().split('\n');
      expect(new Set(lines).size).toBe(lines.length);
      // The model measures what the template prints (backticks counted: an upper bound).
      expect(lines.reduce((n, l) => n + phoneRows(l), 0)).toBeGreaterThanOrEqual(rows.length);
    },
  );

  it('a long title, ask and impact are cut at a word, leaving room for what was changed and found', async () => {
    const ask =
      'Can you check whether the Tuesday maintenance changed the idle timeout or keepalive settings on the EU edge load balancers, and if so roll them back to the previous values? We need someone with network admin access, and the change record from the maintenance, and a second pair of eyes on the rollback plan before 04:00.';
    const text = await shortForm({ long: true, findings: 3 }, ask);
    const rows = markdownForTerminal(text, PHONE.columns);
    expect(rows.length, rows.join('\n')).toBeLessThanOrEqual(PHONE.rows);
    expect(brokenWords(text, rows)).toEqual([]);
    expect(text).toContain('**The ask:** Can you check whether the Tuesday maintenance changed');
    expect(text).toMatch(/\*\*The ask:\*\* [^\n]*\w…\n/);
    expect(text).toContain('`kubectl set image … web:2024.06.11-3` → exit 0');
    expect(text).toContain('db-1 pool at 100/100 connections (look 3)');
  });

  it('carries the ask, the impact now, the rollback, the latest finding, and the failing poll as one line', async () => {
    const text = await shortForm({ findings: 3 });
    expect(text).toContain('**The ask:** Is db-1 healthy? Can you raise max_connections?');
    expect(text).toContain('**Impact:** 40% of checkouts fail, EU and US · worsening: SEV2 → SEV1');
    expect(text).toContain('`kubectl set image … web:2024.06.11-3` → exit 0');
    expect(text).toContain('db-1 pool at 100/100 connections (look 3)');
    const polls = text.split('\n').filter((l) => l.includes('/healthz'));
    expect(polls).toEqual([expect.stringMatching(/failed ×10 \(exit 22\), last 03:08$/)]);
    expect(text).toMatch(/\*\*Next update:\*\* by 03:26 UTC\n$/);
  });

  it('is ranked: what was changed, then found, then what did not work, then the ideas', async () => {
    const text = await shortForm({});
    const order = [
      '**The ask:**',
      '**Impact:**',
      '**Changed:**',
      '**Found:**',
      '**Did not work:**',
      '**Open:**',
      '**Ruled out:**',
      '**Next update:**',
    ];
    const at = order.map((h) => text.indexOf(h)).filter((i) => i >= 0);
    expect(at.length).toBeGreaterThanOrEqual(7);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('says how many facts a list left out, and never points at oncall', async () => {
    const text = await shortForm({ findings: 12, failures: 15, wordy: 2 });
    expect(text).toMatch(/\*\*Found:\*\* \(\+\d+ more\)/);
    expect(text).not.toMatch(/oncall |--long/);
  });

  it('a long ask still fits its place; the lists give way', async () => {
    const ask =
      'Please check replication lag, connection counts and the slow query log on db-1 and db-2, and tell us whether failing over to the replica is safe right now';
    const text = await shortForm({}, ask);
    expect(text).toContain(ask);
    expect(markdownForTerminal(text, PHONE.columns).length).toBeLessThanOrEqual(PHONE.rows);
  });

  it('a night typed in a hurry: the same note twice, a long host as commander, a URL in the ask', async () => {
    const events = night({ open: true });
    const opened = events[0] as OncallEvent;
    const host = 'alice@ip-10-0-12-34.eu-central-1.compute.internal';
    for (const e of events) if (e.actor === opened.actor) Object.assign(e, { actor: host });
    const again = (kind: string, text: string, minute: number) =>
      ({
        ...opened,
        id: `again-${kind}-${minute}`,
        type: 'note',
        kind,
        text,
        ts: `2026-11-22T03:1${minute}:30.000Z`,
      }) as OncallEvent;
    events.push(
      again('finding', 'db-1 pool at 100/100 connections (look 1)', 3),
      again('finding', 'db-1 pool at 100/100 connections (look 1)', 3),
      again('hypothesis', 'connection pool exhausted on db-1', 4),
    );
    const ask =
      'Is https://grafana.example.com/d/db-1-connections?orgId=1&from=now-1h healthy to you?';
    const model = escalationModel(inputOf(events), { to, ask, long: false });
    const text = (await renderNamed('escalation', model, { config, tz: 'UTC' })).text;
    const rows = markdownForTerminal(text, PHONE.columns);
    expect(rows.length, rows.join('\n')).toBeLessThanOrEqual(PHONE.rows);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(PHONE.columns);
    expect(brokenWords(text, rows)).toEqual([]);
    const lines = text.trimEnd().split('\n');
    expect(new Set(lines).size).toBe(lines.length);
    expect(text).toContain('db-1 pool at 100/100 connections (look 1) (×3)');
    expect((text.match(/connection pool exhausted on db-1/g) ?? []).length).toBeLessThanOrEqual(1);
    // The message sent keeps the ask whole; only the phone lines shorten a word.
    expect(escalationMessage(model, opened, text).ask).toBe(ask);
  });

  it('a word longer than a phone line is shortened, not broken', () => {
    const long = 'x'.repeat(60);
    const shown = phoneWords(`see ${long} now`);
    expect(shown.split(' ')[1]?.length).toBeLessThan(PHONE.columns - 4);
    expect(shown).toMatch(/…/);
  });
});
