// The postmortem read the next morning: its timeline a fraction of the log,
// keeping every decision, finding, state change, page and update; steps as
// outcomes, a wait's polls as one row; the leadup only what came before
// detection; what the commands printed as evidence, once each; impact over
// time; the night as a Mermaid chart with a text fallback.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../../src/domain/config/schema.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import type { RenderInput } from '../../../../src/domain/render/facts.js';
import { postmortemModel } from '../../../../src/domain/render/postmortem.js';
import { renderNamed } from '../../../../src/infra/templates/templates.js';
import { event } from '../../../helpers/events.js';
import { type NightShape, night } from '../../../helpers/night.js';

const config = {
  contacts: { dana: { name: 'Dana Okafor', role: 'database on-call' } },
  links: {},
  severities: DEFAULT_SEVERITIES,
  templates: {},
};

function inputOf(events: OncallEvent[], tz = 'UTC'): RenderInput {
  return {
    state: foldIncident(events),
    events,
    config,
    now: new Date('2026-11-22T09:00:00.000Z'),
    tz,
  };
}

const draftOf = async (events: OncallEvent[], tz = 'UTC') =>
  (await renderNamed('postmortem', postmortemModel(inputOf(events, tz)), { config, tz })).text;

const section = (text: string, heading: string) =>
  text.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';

describe('the postmortem timeline', () => {
  it.each<NightShape>([{}, { polls: 40, findings: 5 }, { failures: 8, wordy: 2 }])(
    'is a fraction of the log and keeps every decision, finding and state change: %o',
    (shape) => {
      const events = night(shape);
      const { timeline } = postmortemModel(inputOf(events));
      expect(timeline.length).toBeLessThan(events.length / 2);
      const texts = timeline.map((r) => r.text).join('\n');
      for (const e of events) {
        if (e.type === 'note') expect(texts).toContain(e.text);
        if (e.type === 'severity.changed') expect(texts).toContain(`severity ${e.from} → ${e.to}`);
        if (e.type === 'impact.changed') expect(texts).toContain(`impact now: ${e.impact}`);
        if (e.type === 'step.decided') expect(texts).toContain(`chose "${e.choice}"`);
        if (e.type === 'update.sent') expect(texts).toContain(e.text);
      }
      for (const kept of [
        'incident declared',
        'mitigated: ',
        'resolved: ',
        'offered the handoff to Dana Okafor',
      ])
        expect(texts).toContain(kept);
      expect(texts).toContain('escalation to Dana Okafor (sent via pager, chat): Is db-1 healthy?');
      // Bookkeeping is left out; a step is its outcome.
      expect(texts).not.toMatch(/walk paused|walk resumed|step \S+ done|previous_version =/);
      expect(texts).toContain('step check-health: 503 from the health endpoint');
    },
  );

  it("a wait's polls are one row saying how they went", () => {
    const { timeline } = postmortemModel(inputOf(night({ polls: 9 })));
    const waits = timeline.filter((r) => r.text.includes('/healthz'));
    expect(waits.map((r) => r.text)).toEqual([
      'ran `curl -sS --fail-with-body --max-time 10 --include https://shop.example.com/healthz` → failed, exit 22 (0s)',
      'wait wait-healthy: polled `curl -sS --fail-with-body --max-time 10 --include https://shop.example.com/healthz` ×9 over 2m: failed every time (exit 22); gave up (timed out)',
    ]);
  });

  it('the same command run again by hand with the same result is one row', () => {
    const events = night();
    const opened = events[0] as OncallEvent;
    const more = [0, 1, 2].flatMap((i) => [
      event('command.started', `2026-11-22T03:30:0${i}.000Z`, {
        incident: opened.incident,
        runId: `x${i}`,
        argv: ['kubectl', 'get', 'pods'],
        cwd: '/',
      }),
      event('command.finished', `2026-11-22T03:30:0${i}.500Z`, {
        incident: opened.incident,
        runId: `x${i}`,
        exitCode: 0,
        durationMs: 500,
        outputTail: 'web-1 Running\n',
      }),
    ]);
    const { timeline } = postmortemModel(inputOf([...events, ...more]));
    expect(timeline.filter((r) => r.text.includes('kubectl get pods')).map((r) => r.text)).toEqual([
      'ran `kubectl get pods` ×3, the last at 03:30 UTC → exit 0 (0s)',
    ]);
  });
});

describe('the rest of the draft', () => {
  it('the leadup is only what came before detection', async () => {
    const events = night();
    const opened = events[0] as OncallEvent;
    const deploy = event('note', '2026-11-22T02:50:00.000Z', {
      incident: opened.incident,
      kind: 'note',
      text: 'deployed web 2024.06.12-1',
      recordedAt: '2026-11-22T03:20:00.000Z',
    });
    const text = await draftOf([...events, deploy]);
    const leadup = section(text, 'Trigger and leadup');
    expect(leadup).toContain('note: deployed web 2024.06.12-1');
    for (const response of ['kubectl', 'paused the deploy pipeline', 'db-1 pool'])
      expect(leadup).not.toContain(response);
  });

  it('what the commands printed is evidence, once per output, in a fence', async () => {
    const text = await draftOf(night({ polls: 9 }));
    const evidence = text.split('### Evidence (what the commands printed)\n')[1] ?? '';
    expect(evidence.match(/"status":"unavailable"/g)).toHaveLength(1);
    expect(evidence).toMatch(
      /`curl [^`]+\/healthz` → failed, exit 22 \(0s\) \(×10, 2026-11-22 03:02 UTC to 2026-11-22 03:08 UTC\):/,
    );
    expect(evidence).toContain('```text\nHTTP/2 503');
    expect(evidence).toContain('deployment.apps/web image updated');
  });

  it('impact over time, one clock column in UTC, two elsewhere', async () => {
    const utc = await draftOf(night());
    expect(section(utc, 'Impact')).toContain(
      '| 2026-11-22 03:02 UTC | 2026-11-22 03:10 UTC (8m) | 12% of checkouts fail |\n| 2026-11-22 03:10 UTC | 2026-11-22 03:38 UTC (27m) | 40% of checkouts fail, EU and US |',
    );
    expect(utc).toContain('| UTC | Event | Who |');
    expect(utc).toContain('| Milestone | UTC |\n');
    expect(utc).not.toContain('Local');
    const berlin = await draftOf(night(), 'Europe/Berlin');
    expect(berlin).toContain('| UTC | Local | Event | Who |');
    expect(berlin).toContain('| Milestone | UTC | Local |');
  });

  it('the night as a Mermaid Gantt chart of severity and milestones, and as text', async () => {
    const text = await draftOf(night());
    const chart = text.split('```mermaid\n')[1]?.split('\n```')[0] ?? '';
    expect(chart.split('\n')).toEqual([
      'gantt',
      '  title Severity and milestones (UTC)',
      '  dateFormat YYYY-MM-DD HH:mm:ss',
      '  axisFormat %H:%M',
      '  todayMarker off',
      '  section Severity',
      '  SEV2 :s0, 2026-11-22 02:58:00, 2026-11-22 03:10:00',
      '  SEV1 :crit, s1, 2026-11-22 03:10:00, 2026-11-22 03:38:00',
      '  section Milestones',
      '  impact began :milestone, m0, 2026-11-22 02:58:00, 0m',
      '  alert HighErrorRate :milestone, m1, 2026-11-22 02:59:00, 0m',
      '  declared :milestone, m2, 2026-11-22 03:02:00, 0m',
      '  escalation to Dana Okafor (sent via pager, chat) :milestone, m3, 2026-11-22 03:12:00, 0m',
      '  handoff to Dana Okafor (not accepted) :milestone, m4, 2026-11-22 03:23:00, 0m',
      '  mitigated :milestone, m5, 2026-11-22 03:24:00, 0m',
      '  resolved :milestone, m6, 2026-11-22 03:38:00, 0m',
    ]);
    expect(text).toContain('- Severity (UTC): SEV2 02:58–03:10 (12m) → SEV1 03:10–03:38 (28m)');
    expect(text).toContain('- Milestones (UTC): 02:58 impact began · 02:59 alert HighErrorRate');
  });

  it('the PagerDuty acknowledgement is a milestone once delivered, not while it waits', async () => {
    const events = night();
    const incident = events[0]?.incident;
    const delivery = 'opened/pagerduty-ack';
    events.push(
      event('delivery.queued', '2026-11-22T03:02:00.000Z', {
        incident,
        delivery,
        source: events[0]?.id,
        channel: 'pagerduty',
        via: 'pagerduty-rest',
        kind: 'acknowledge',
        target: {},
        request: {},
      }),
    );
    expect(await draftOf(events)).not.toContain('acknowledged in PagerDuty');
    events.push(
      event('delivery.attempted', '2026-11-22T03:03:00.000Z', {
        incident,
        delivery,
        channel: 'pagerduty',
        attempt: 1,
        outcome: 'delivered',
        durationMs: 90,
      }),
    );
    const text = await draftOf(events);
    expect(text).toContain('  acknowledged in PagerDuty :milestone, m3, 2026-11-22 03:03:00, 0m');
    expect(text).toContain('03:02 declared · 03:03 acknowledged in PagerDuty ·');
  });

  it('an escalation recorded with --no-send is not drawn as sent', async () => {
    const text = await draftOf(night().filter((e) => !e.type.startsWith('delivery.')));
    expect(text).toContain(
      '  escalation to Dana Okafor (recorded, not sent) :milestone, m3, 2026-11-22 03:12:00, 0m',
    );
    expect(text).toContain('03:12 escalation to Dana Okafor (recorded, not sent) ·');
    expect(text).not.toMatch(/escalated to|sent via/);
  });

  it('a name Mermaid would misread is cleaned for the chart only', async () => {
    const events = night();
    const e = events.find((x) => x.type === 'escalation') as OncallEvent & { toName: string };
    e.toName = 'Dana: #1; the "DBA"';
    const text = await draftOf(events);
    expect(text).toContain('  escalation to Dana 1 the DBA (sent via pager, chat) :milestone');
    expect(text).toContain('escalation to Dana: #1; the "DBA" (sent via pager, chat)');
  });

  it('a confirmed cause goes to the contributing factors', async () => {
    const events = night();
    events.push(
      event('note', '2026-11-22T03:30:00.000Z', {
        incident: events[0]?.incident,
        kind: 'confirmed',
        text: 'a config push lowered max_connections on db-1 to 100',
      }),
    );
    const factors = section(await draftOf(events), 'Contributing factors');
    expect(factors).toContain(
      '- Confirmed (2026-11-22 03:30 UTC): a config push lowered max_connections on db-1 to 100',
    );
  });
});
