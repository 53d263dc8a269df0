// The postmortem draft of a long night: every list told whole up to its
// bounds, and by its two ends past them, with one item between saying how
// many are left out and where each one is. An ordinary night is told whole.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../../src/domain/config/schema.js';
import { type OncallEvent, validateEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { byTime } from '../../../../src/domain/incident/told.js';
import { LIST_BOUNDS, TIMELINE_BOUNDS } from '../../../../src/domain/render/bounded.js';
import { condensedTimeline } from '../../../../src/domain/render/condensed.js';
import { describerOf, type RenderInput } from '../../../../src/domain/render/facts.js';
import { postmortemModel } from '../../../../src/domain/render/postmortem.js';
import { renderNamed } from '../../../../src/infra/templates/templates.js';
import { event } from '../../../helpers/events.js';
import { longIncident } from '../../../helpers/long-incident.js';
import { type NightShape, night } from '../../../helpers/night.js';

const config = {
  contacts: { dana: { name: 'Dana Okafor', role: 'database on-call' } },
  links: {},
  severities: DEFAULT_SEVERITIES,
  templates: {},
};

function inputOf(events: OncallEvent[]): RenderInput {
  const now = new Date(Date.parse(events.at(-1)?.ts ?? '2026-11-22T09:00:00Z') + 60_000);
  return { state: foldIncident(events), events, config, now, tz: 'Europe/Berlin' };
}

function timelineOf(events: OncallEvent[], bounds = TIMELINE_BOUNDS) {
  const input = inputOf(events);
  const describe = describerOf(input);
  return condensedTimeline(input, byTime(events), (e) => describe(e), bounds);
}

/** How many commands the rows tell: a row each, a repeat's or a wait's count. */
function commandsIn(rows: { text: string }[]): number {
  let n = 0;
  for (const { text } of rows) {
    const times = /(?:^ran |polled ).*?×(\d+)/.exec(text);
    if (times) n += Number(times[1]);
    else if (text.startsWith('ran ')) n += 1;
  }
  return n;
}

const NO_BOUNDS = { head: Number.MAX_SAFE_INTEGER, tail: Number.MAX_SAFE_INTEGER };

/** A night's log being written: `add(type, s, fields)` at `s` seconds past 02:00 UTC, each with its counter. */
function logOfNight() {
  const t0 = Date.parse('2026-11-22T02:00:00.000Z');
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  let lamport = 0;
  const events: OncallEvent[] = [];
  const add = (type: string, s: number, fields: Record<string, unknown>) =>
    events.push(event(type, at(s), { lamport: ++lamport, ...fields }));
  return { events, at, add };
}

/** The events, each checked valid as the log holds them. */
function valid(events: OncallEvent[]): OncallEvent[] {
  for (const e of events)
    expect(validateEvent(e).success, JSON.stringify(validateEvent(e))).toBe(true);
  return events;
}

/**
 * A night whose rows join across any cut: the same check run again and again
 * by one responder with notes between (one row, its count growing), and a
 * wait step polling with notes between its polls.
 */
function joinedAcrossCuts(n = 120): OncallEvent[] {
  const { events, add } = logOfNight();
  add('incident.opened', 0, { title: 'Slow', severity: 'SEV3', nextUpdateDue: null });
  const run = (s: number, id: string, argv: string[], stepId?: string) => {
    add('command.started', s, { runId: id, argv, cwd: '/', ...(stepId ? { stepId } : {}) });
    add('command.finished', s + 0.5, { runId: id, exitCode: 0, durationMs: 500, outputTail: '' });
  };
  for (let i = 0; i < n; i++) {
    run(10 * i + 1, `c${i}`, ['kubectl', 'get', 'pods']);
    add('note', 10 * i + 2, { kind: 'note', text: `looked again ${i}` });
    if (i === n / 4) add('step.started', 10 * i + 3, { stepId: 'wait-ready' });
    if (i >= n / 4 && i < (3 * n) / 4)
      run(10 * i + 4, `p${i}`, ['curl', '-f', 'http://x/ready'], 'wait-ready');
    if (i === (3 * n) / 4)
      add('step.waited', 10 * i + 5, { stepId: 'wait-ready', outcome: 'passed', waitedMs: 1000 });
    add('note', 10 * i + 6, { kind: 'finding', text: `finding ${i}` });
  }
  return valid(events);
}

describe('the timeline of a long night', () => {
  const nights: [string, OncallEvent[]][] = [
    ['repeats and polls joined across the cuts', joinedAcrossCuts()],
    ['the bench mix, 3,000 events', longIncident(3_000)],
    ['the bench mix, 701 events', longIncident(701)],
    ...[
      { polls: 300, findings: 200 },
      { failures: 150, findings: 90 },
    ].map((shape: NightShape): [string, OncallEvent[]] => [JSON.stringify(shape), night(shape)]),
  ];

  it.each(nights)('%s: its first and last rows, one row for the events between', (_, events) => {
    const bounds = { head: 40, tail: 30 };
    const whole = timelineOf(events, NO_BOUNDS);
    expect(whole.cut).toBeUndefined();
    const { rows, cut } = timelineOf(events, bounds);
    if (!cut) throw new Error('expected a cut timeline');
    expect(cut.head).toBe(bounds.head);
    expect(cut.tail).toBeGreaterThanOrEqual(bounds.tail);
    expect(rows).toHaveLength(cut.head + 1 + cut.tail);
    expect(cut.leftOut).toBe(cut.to - cut.from);
    expect(cut.leftOut).toBeGreaterThan(0);
    // The head is the whole timeline's start, the tail its end. A repeat or a wait that crosses
    // the cut is told by the rows on each side (a count cut short; a wait's polls in the tail as
    // their own row), so those rows aside, the rows are the whole timeline's.
    const plain = (list: typeof rows) =>
      list.filter((r) => !/^(ran |wait )/.test(r.text)).map((r) => `${r.utc} ${r.text} ${r.who}`);
    const [head, tail] = [plain(rows.slice(0, cut.head)), plain(rows.slice(cut.head + 1))];
    expect(head).toEqual(plain(whole.rows).slice(0, head.length));
    expect(tail).toEqual(plain(whole.rows).slice(-tail.length));
    expect(head.length + tail.length).toBeGreaterThan((bounds.head + bounds.tail) / 2);
    const between = rows[cut.head];
    const ordered = byTime(events);
    const first = ordered[cut.from] as OncallEvent;
    const last = ordered[cut.to - 1] as OncallEvent;
    expect(between?.text).toContain(`_${cut.leftOut.toLocaleString('en-US')} more events`);
    expect(between?.text).toContain(
      `(${first.ts.slice(0, 10)} ${first.ts.slice(11, 16)} UTC to ${last.ts.slice(0, 10)} ${last.ts.slice(11, 16)} UTC)`,
    );
    expect(between?.text).toContain('`oncall timeline` has every one');
    // Every note outside the events left out is in a row; none inside is.
    const told = rows.map((r) => r.text).join('\n');
    ordered.forEach((e, i) => {
      if (
        e.type !== 'note' ||
        ordered.filter((o) => o.type === 'note' && o.text === e.text).length > 1
      )
        return;
      if (i < cut.from || i >= cut.to) expect(told).toContain(e.text.slice(0, 40));
    });
  });

  it.each(nights)('%s: every command outside the events left out is told, once', (_, events) => {
    const ordered = byTime(events);
    // Many cuts: some fall inside a run of repeats or a wait's polls.
    for (let head = 5; head <= 80; head += 13)
      for (let tail = 4; tail <= 60; tail += 17) {
        const { rows, cut } = timelineOf(events, { head, tail });
        if (!cut) continue;
        const commands = ordered.filter(
          (e, i) => e.type === 'command.started' && (i < cut.from || i >= cut.to),
        ).length;
        expect(commandsIn(rows), `head ${head}, tail ${tail}`).toBe(commands);
      }
  });

  it.each(nights)('%s: told whole when its rows fit the bounds and one more', (_, events) => {
    const whole = timelineOf(events, NO_BOUNDS);
    const n = whole.rows.length;
    for (const bounds of [
      { head: n, tail: n },
      { head: Math.floor(n / 2), tail: n - Math.floor(n / 2) - 1 },
    ]) {
      const told = timelineOf(events, bounds);
      expect(told.cut).toBeUndefined();
      expect(told.rows).toEqual(whole.rows);
    }
  });
});

/**
 * A night with 600 of everything a list of the draft tells: impact changes,
 * handoffs, people, findings, decisions, confirmed causes, actions, failed
 * commands (each another), skipped steps, ideas ruled out and left open,
 * escalations, promised updates never sent, links, and notes backfilled
 * before the alert.
 */
function everyListLong(n = 600): OncallEvent[] {
  const { events, at, add } = logOfNight();
  add('incident.opened', 0, {
    title: 'Checkout fails',
    service: 'web',
    severity: 'SEV2',
    impact: '1% of checkouts fail',
    startedAt: at(-7200),
    detectedAt: at(-60),
    nextUpdateDue: at(1800),
  });
  for (let i = 0; i < n; i++) {
    const s = 10 + i * 10;
    const by = { actor: `responder-${i}@host` };
    add('note', -3600 + i, {
      kind: 'note',
      text: `before the alert ${i}`,
      recordedAt: at(s),
      ...by,
    });
    add('impact.changed', s + 1, { impact: `${i}% of checkouts fail` });
    add('handoff', s + 2, { from: 'alice@host', to: `next-${i}`, note: 'shift' });
    add('note', s + 3, { kind: 'finding', text: `finding ${i}`, ...by });
    add('note', s + 3.2, { kind: 'decision', text: `decision ${i}` });
    add('note', s + 3.4, { kind: 'confirmed', text: `cause ${i}` });
    add('note', s + 3.6, { kind: 'action', text: `action ${i}` });
    add('note', s + 3.8, { kind: 'hypothesis', text: `idea ${i}` });
    add('note', s + 4, { kind: 'hypothesis', text: `open idea ${i}` });
    add('note', s + 4.2, { kind: 'ruled-out', text: `idea ${i}` });
    add('note', s + 4.4, { kind: 'note', text: `see https://grafana.example.com/d/${i}` });
    add('command.started', s + 5, { runId: `r${i}`, argv: ['psql', '-h', `db-${i}`], cwd: '/' });
    add('command.finished', s + 5.5, {
      runId: `r${i}`,
      exitCode: 2,
      durationMs: 500,
      outputTail: `refused ${i}\n`,
    });
    add('step.skipped', s + 6, { stepId: `step-${i}`, reason: `not needed ${i}` });
    add('escalation', s + 7, { to: `team-${i}`, toName: `Team ${i}`, ask: `help ${i}` });
    add('severity.changed', s + 8, {
      from: 'SEV2',
      to: 'SEV2',
      reason: 'still',
      nextUpdateDue: at(s + 9),
    });
  }
  // Events as the log holds them: each one valid.
  return valid(events);
}

describe('the postmortem draft of a long night', () => {
  // Each made once for the tests that read them (a model of 12,000 events takes a while to make).
  const once = <T>(make: () => T) => {
    let made: T | undefined;
    return () => {
      made ??= make();
      return made;
    };
  };
  const benchModel = once(() => postmortemModel(inputOf(longIncident(12_000))));
  const everyModel = once(() => postmortemModel(inputOf(everyListLong())));
  const nights: [string, () => ReturnType<typeof postmortemModel>][] = [
    ['the bench mix, 12,000 events', benchModel],
    ['600 of every list', everyModel],
  ];
  const limit = LIST_BOUNDS.head + LIST_BOUNDS.tail + 1;

  it.each(nights)(
    '%s: every list told by its ends, the timeline within its bounds',
    (_, modelOf) => {
      const model = modelOf();
      expect(model.timeline.length).toBeLessThanOrEqual(
        TIMELINE_BOUNDS.head + TIMELINE_BOUNDS.tail + 1 + 50,
      );
      const lists: [string, unknown[]][] = [];
      const walk = (path: string, value: unknown) => {
        if (Array.isArray(value)) lists.push([path, value]);
        else if (value && typeof value === 'object')
          for (const [k, v] of Object.entries(value)) walk(path ? `${path}.${k}` : k, v);
      };
      walk('', model);
      for (const [name, list] of lists) {
        if (name === 'timeline') continue;
        expect(list.length, name).toBeLessThanOrEqual(limit);
        if (list.length < limit) continue;
        const between = list[LIST_BOUNDS.head] as { leftOut?: string } | string;
        const said =
          typeof between === 'string'
            ? between
            : (between.leftOut ?? Object.values(between).join(' '));
        expect(said, name).toMatch(/(?:^|… )[\d,]+ more .* left out of this draft: `?oncall \w+/);
      }
    },
  );

  it('600 of every list: each one is cut, and says so in the draft', async () => {
    const model = everyModel();
    const cut = Object.entries(model)
      .filter(([, v]) => Array.isArray(v) && v.length === limit)
      .map(([k]) => k);
    expect(cut.sort()).toEqual(
      [
        'changed',
        'confirmed',
        'decisions',
        'escalations',
        'failed',
        'findings',
        'handoffs',
        'impactOverTime',
        'involved',
        'leadup',
        'links',
        'openHypotheses',
        'ruledOut',
        'skipped',
        'commands',
      ].sort(),
    );
    expect(model.updates.late).toHaveLength(limit);
    expect(model.handTyped.rows).toHaveLength(limit);
    const { text } = await renderNamed('postmortem', model, { config, tz: 'Europe/Berlin' });
    const leftOut = text.split('\n').filter((l) => l.includes('left out of this draft'));
    for (const what of [
      'impact changes',
      'people',
      'handoffs',
      'events before detection',
      'findings',
      'decisions',
      'confirmed causes',
      'changes',
      'commands that failed',
      'skipped steps',
      'ideas ruled out',
      'open hypotheses',
      'escalations',
      'updates late or not sent',
      'links',
      'commands',
    ])
      expect(
        leftOut.some((l) => l.includes(` more ${what} `)),
        what,
      ).toBe(true);
    for (const line of leftOut) {
      // A bullet that says it, or a table row as wide as its table.
      if (line.startsWith('|')) expect(line.split('|').length, line).toBeGreaterThanOrEqual(5);
      else
        expect(line, line).toMatch(
          /^- (?:(?:Finding|Decision|Confirmed) \(…\): |Status update due )?(?:… )?[\d,]+ more .+ left out of this draft: `oncall (timeline|export --json|runbook suggest)` (has|names|lists) (every|each) one$/,
        );
    }
    expect(text.length).toBeLessThan(1_000_000);
  });

  it('the bench mix: its timeline says which rows it shows', async () => {
    const model = benchModel();
    expect(model.timelineRows).toMatch(
      /^2,0\d\d \(the first 1,000 and the last 1,0\d\d; the [\d,]+ events between them are one row\)$/,
    );
    const { text } = await renderNamed('postmortem', model, { config, tz: 'Europe/Berlin' });
    expect(text).toMatch(
      /## Timeline\n\nTimes in UTC, with local time \(\w+\)\. 2,0\d\d \(the first 1,000/,
    );
    expect(text).toMatch(
      /\n\| … \| … \| _[\d,]+ more events \(.*\) left out of this draft: `oncall timeline` has every one_ \| {2}\|\n/,
    );
  });

  it('an ordinary night is told whole: nothing is left out', async () => {
    for (const shape of [{}, { polls: 40, findings: 30 }] as NightShape[]) {
      const nightModel = postmortemModel(inputOf(night(shape)));
      const { text } = await renderNamed('postmortem', nightModel, { config, tz: 'UTC' });
      expect(text).not.toContain('left out of this draft');
      expect(nightModel.timelineRows).toBe(String(nightModel.timeline.length));
    }
  });
});
