import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../../src/domain/config/schema.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { commsOf, type RenderInput } from '../../../../src/domain/render/facts.js';
import {
  escalationModel,
  handoffModel,
  updateModel,
} from '../../../../src/domain/render/models.js';
import { postmortemModel, severityPathOf } from '../../../../src/domain/render/postmortem.js';
import { lateUpdates } from '../../../../src/domain/render/postmortem-record.js';
import { renderNamed } from '../../../../src/infra/templates/templates.js';
import { event } from '../../../helpers/events.js';

const config = {
  contacts: { bob: { name: 'Bob Stone', role: 'database on-call', phone: '+1 555 0101' } },
  links: {},
  severities: DEFAULT_SEVERITIES,
  templates: {},
};
const to = { key: 'bob', contact: config.contacts.bob };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 2, minute)).toISOString();
const ev = (type: string, minute: number, fields: Record<string, unknown> = {}) =>
  event(type, at(minute), fields);

function input(events: OncallEvent[], nowMinute: number): RenderInput {
  return { state: foldIncident(events), events, config, now: new Date(at(nowMinute)), tz: 'UTC' };
}

/** An incident with many commands, hypotheses and notes: a long night. */
function busy(drill = false): OncallEvent[] {
  const events = [
    ev('incident.opened', 0, {
      title: 'Queue backlog',
      severity: 'SEV2',
      nextUpdateDue: at(30),
      ...(drill ? { drill: true } : {}),
    }),
  ];
  for (let i = 0; i < 12; i++) {
    events.push(
      ev('command.started', 1 + i * 2, { runId: `r${i}`, argv: ['check', String(i)], cwd: '/' }),
    );
    events.push(
      ev('command.finished', 2 + i * 2, {
        runId: `r${i}`,
        exitCode: i % 3 === 0 ? 1 : 0,
        durationMs: 1000,
        outputTail: 'boom',
      }),
    );
  }
  events.push(ev('note', 40, { kind: 'hypothesis', text: 'consumer stuck on a poison message' }));
  events.push(ev('note', 41, { kind: 'ruled-out', text: 'broker disk full' }));
  return events;
}

describe('escalation model', () => {
  it('the short form fits one phone screen however long the night, and points at no oncall command', async () => {
    const model = escalationModel(input(busy(), 50), {
      to,
      ask: 'Check replication lag on db-2',
      long: false,
    });
    const { text } = await renderNamed('escalation', model, { config, tz: 'UTC' });
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    expect(text).toContain('**The ask:** Check replication lag on db-2');
    expect(text).not.toMatch(/oncall |--long/);
    // Failed checks: each command once, the newest kept.
    expect(text).toContain('**Did not work:**');
    expect(text).toContain('`check 9` → failed, exit 1');
  });

  it('the long form has every action and the failures with their exit codes', async () => {
    const model = escalationModel(input(busy(), 50), {
      to,
      ask: 'Check replication lag',
      long: true,
    });
    expect(model.failed).toHaveLength(4);
    expect(model.tried).toHaveLength(8);
    const { text } = await renderNamed('escalation', model, { config, tz: 'UTC' });
    expect(text).toContain('## Did not work');
    expect(text).toContain('`check 9` → failed, exit 1 (1s): `boom`');
    expect(text).toContain('ruled out (02:41): broker disk full');
    expect(text).toContain('_Reach Bob Stone: +1 555 0101_');
  });

  it('a drill says so first', async () => {
    const model = escalationModel(input(busy(true), 50), { to, ask: 'x', long: false });
    const { text } = await renderNamed('escalation', model, { config, tz: 'UTC' });
    expect(text.split('\n')[0]).toContain('DRILL');
  });
});

describe('status update', () => {
  it('promises the next update, or says none is planned once resolved', async () => {
    const events = busy();
    const open = updateModel(input(events, 45), {
      text: 'Draining the queue.',
      nextUpdateDue: at(75),
    });
    expect(open.next).toBe('by 03:15 UTC');
    events.push(ev('incident.resolved', 46));
    const done = updateModel(input(events, 47), { text: 'All clear.', nextUpdateDue: null });
    expect(done.next).toBe('none planned: this incident is resolved');
    const { text } = await renderNamed('update', done, { config, tz: 'UTC' });
    expect(text).toContain('**Status:** Resolved');
  });
});

describe('comms and handoff', () => {
  it('says when the next update is overdue', () => {
    expect(commsOf(input(busy(), 45))).toEqual({
      last: 'none sent yet',
      next: '02:30, overdue by 15m',
      overdue: true,
    });
  });

  it('the handoff lists what is unresolved and the open tasks', () => {
    const model = handoffModel(input(busy(), 45), { to });
    expect(model.unresolved[0]).toBe('Impact is ongoing: no mitigation recorded yet');
    expect(model.unresolved.some((u) => u.startsWith('`check 9` → failed, exit 1'))).toBe(true);
    expect(model.tasks).toContain('Send the overdue status update (was due 02:30, overdue by 15m)');
    expect(model.tasks).toContain('Confirm or rule out: consumer stuck on a poison message');
  });
});

describe('postmortem model', () => {
  it('flags what the log does not have', () => {
    const model = postmortemModel(input(busy(), 60));
    expect(model.missing).toContain('no mitigation time recorded');
    expect(model.stamps.find((s) => s.label === 'Mitigated')?.utc).toBe('⚠ not recorded');
    expect(model.durations.find((d) => d.label === 'Time to mitigate')?.value).toBe(
      '⚠ no mitigation time recorded',
    );
  });

  it('marks backfilled events in the timeline and keeps them in time order', () => {
    const events = [
      ev('incident.opened', 10, { title: 'Login fails', severity: 'SEV3' }),
      ev('note', 5, { kind: 'finding', text: 'first report in support queue', recordedAt: at(12) }),
    ];
    const model = postmortemModel(input(events, 20));
    expect(model.timeline[0]?.text).toBe(
      'finding: first report in support queue _(backfilled; written 2026-11-22 02:12 UTC)_',
    );
    expect(model.backfilledCount).toBe(1);
  });

  it('a drill is marked as one at the top of the draft', async () => {
    const { text } = await renderNamed('postmortem', postmortemModel(input(busy(true), 60)), {
      config,
      tz: 'UTC',
    });
    expect(text.split('\n').slice(0, 4).join('\n')).toContain(
      '> **DRILL.** This was a table-top practice run',
    );
  });

  it('finds status updates sent late, and promises never kept', () => {
    const events = [
      ev('incident.opened', 0, { title: 'x', severity: 'SEV1', nextUpdateDue: at(15) }),
      ev('update.sent', 20, { text: 'late one', nextUpdateDue: at(35) }),
      ev('update.sent', 30, { text: 'early one', nextUpdateDue: at(45) }),
      ev('severity.changed', 50, { from: 'SEV1', to: 'SEV2', nextUpdateDue: at(80) }),
      ev('incident.resolved', 59),
    ];
    expect(lateUpdates(events, at(59))).toEqual([
      { due: at(15), sentAt: at(20), lateMs: 5 * 60_000 },
      { due: at(45), lateMs: 5 * 60_000 },
    ]);
    expect(lateUpdates(events.slice(0, 2), at(40))).toEqual([
      { due: at(15), sentAt: at(20), lateMs: 5 * 60_000 },
      { due: at(35), lateMs: 5 * 60_000 },
    ]);
  });

  it('reads promises past notes and commands, and stops at the first event told after the end', () => {
    const events = [
      ev('incident.opened', 0, { title: 'x', severity: 'SEV1', nextUpdateDue: at(15) }),
      ...Array.from({ length: 50 }, (_, i) =>
        ev('note', 1 + i / 10, { text: `n${i}`, kind: 'note' }),
      ),
      ev('update.sent', 20, { text: 'late one', nextUpdateDue: at(35) }),
      // A responder whose clock runs ahead: told here, written after the end.
      ev('note', 70, { text: 'from a clock ahead', kind: 'note' }),
      ev('update.sent', 50, { text: 'not read: told after the end', nextUpdateDue: at(80) }),
    ];
    expect(lateUpdates(events, at(60))).toEqual([
      { due: at(15), sentAt: at(20), lateMs: 5 * 60_000 },
      { due: at(35), lateMs: 25 * 60_000 },
    ]);
  });

  it('escapes pipes so a command cannot break the tables', () => {
    const events = [
      ev('incident.opened', 0, { title: 'x', severity: 'SEV3' }),
      ev('command.started', 1, { runId: 'r', argv: ['grep', 'a|b', 'log'], cwd: '/' }),
    ];
    const model = postmortemModel(input(events, 5));
    expect(model.commands[0]?.command).toBe("`grep 'a\\|b' log`");
    expect(model.commands[0]?.result).toContain('no result recorded');
  });
});

describe('the severity path in the postmortem header', () => {
  it('lists a few changes in full', () => {
    expect(severityPathOf(['SEV2'])).toBe('SEV2');
    expect(severityPathOf(['SEV3', 'SEV1', 'SEV2'])).toBe('SEV3 → SEV1 → SEV2');
    const nine = ['SEV3', 'SEV2', 'SEV1', 'SEV2', 'SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV3'];
    expect(severityPathOf(nine)).toBe(nine.join(' → '));
  });

  it('keeps a night of many changes to one readable line: how it began, how many between, how it ended', () => {
    const path = Array.from({ length: 2001 }, (_, i) => `SEV${(i % 3) + 1}`);
    const line = severityPathOf(path);
    expect(line).toBe('SEV1 → SEV2 → SEV3 → SEV1 → … 1,993 more … → SEV3 → SEV1 → SEV2 → SEV3');
    expect(line.length).toBeLessThan(120);
  });
});
