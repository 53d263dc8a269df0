// A whole night as the log keeps it, for the tests of the texts people read:
// an error-rate alert on checkout, the runbook walked (a failing health check
// with its 503 body, the recent deploys, a decision to roll back, the rollback,
// a wait that polls the health check until it gives up), notes from a second
// terminal (a finding, a hypothesis, an action), the walk paused and resumed,
// a severity and an impact change, an escalation paged and posted, a handoff
// offered, the mitigation and the resolution. `shape` varies it (how many
// polls, how long the words, a --no-send escalation), so a test can hold a
// rule over nights it was not written for.
import type { OncallEvent } from '../../src/domain/incident/events.js';
import { event } from './events.js';

export interface NightShape {
  /** Polls of the wait step (default 9). */
  polls?: number;
  /** Repeat each note's words this many times (default 1). */
  wordy?: number;
  /** Extra findings noted from the second terminal (default 1). */
  findings?: number;
  /** Extra hand-typed commands that failed, each a different one (default 0). */
  failures?: number;
  /** The escalation was recorded with --no-send: no delivery events. */
  noSend?: boolean;
  /** Stop before the mitigation (an escalation is written mid-night). */
  open?: boolean;
  /** A title and impacts of many words, as a tired responder types them. */
  long?: boolean;
}

const LONG_TITLE =
  'Checkout error rate high for EU and US customers after the Tuesday maintenance window on the edge load balancers';
const LONG_IMPACT =
  'about a third of card payments fail with 502 at checkout; retries mostly succeed but some customers are charged twice, which support tracks in a separate ticket';

const START = Date.parse('2026-11-22T02:58:00.000Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
const INCIDENT = '2026-11-22-0302-checkout-error-rate-high';
const HEALTH = [
  'curl',
  '-sS',
  '--fail-with-body',
  '--max-time',
  '10',
  '--include',
  'https://shop.example.com/healthz',
];
const BODY =
  'HTTP/2 503\ncontent-type: application/json\n\n{"status":"unavailable","db":"timeout"}\n';

export function night(shape: NightShape = {}): OncallEvent[] {
  const polls = shape.polls ?? 9;
  const words = (text: string) => Array.from({ length: shape.wordy ?? 1 }, () => text).join(' ');
  const events: OncallEvent[] = [];
  let run = 0;
  const add = (type: string, minute: number, fields: Record<string, unknown> = {}) => {
    const e = event(type, at(minute), {
      incident: INCIDENT,
      lamport: events.length + 1,
      ...fields,
    });
    events.push(e);
    return e;
  };
  const command = (
    minute: number,
    argv: string[],
    exitCode: number,
    output: string,
    extra = {},
  ) => {
    const runId = `r${++run}`;
    add('command.started', minute, { runId, argv, cwd: '/home/alice', ...extra });
    add('command.finished', minute + 0.1, {
      runId,
      exitCode,
      durationMs: 900,
      outputTail: output,
      ...extra,
    });
  };
  add('incident.opened', 4, {
    title: shape.long ? LONG_TITLE : 'Checkout error rate high',
    service: 'checkout',
    severity: 'SEV2',
    impact: shape.long ? LONG_IMPACT : '12% of checkouts fail',
    startedAt: at(0),
    detectedAt: at(1),
    alert: 'HighErrorRate',
    labels: { service: 'checkout' },
    nextUpdateDue: at(34),
  });
  add('runbook.attached', 4.2, {
    runbook: {
      id: 'site-down-after-deploy',
      title: 'Site down right after a deploy',
      file: '/home/alice/runbooks/site-down-after-deploy.md',
      hash: 'a'.repeat(64),
    },
  });
  add('step.started', 4.3, { stepId: 'acknowledge' });
  add('step.completed', 4.5, { stepId: 'acknowledge' });
  add('step.started', 4.6, { stepId: 'check-health' });
  command(4.7, HEALTH, 22, BODY, { stepId: 'check-health' });
  add('step.completed', 5, { stepId: 'check-health', note: '503 from the health endpoint' });
  add('step.started', 5.1, { stepId: 'recent-deploys' });
  command(
    5.2,
    ['kubectl', '--namespace', 'web', 'rollout', 'history', 'deployment/web'],
    0,
    'REVISION  CHANGE-CAUSE\n41  2024.06.11-3\n42  2024.06.12-1\n',
    { stepId: 'recent-deploys' },
  );
  add('step.completed', 5.5, { stepId: 'recent-deploys' });
  add('note', 6, {
    kind: 'hypothesis',
    text: words('the 02:50 deploy of web 2024.06.12-1'),
    actor: 'alice@desk',
  });
  add('step.decided', 6.5, {
    stepId: 'rollback-or-investigate',
    choice: 'The errors started right after a deploy',
    next: 'previous-version',
  });
  add('step.answered', 6.8, {
    stepId: 'previous-version',
    variable: 'previous_version',
    value: '2024.06.11-3',
  });
  add('walk.paused', 7, { stepId: 'rollback' });
  add('walk.resumed', 8, { stepId: 'rollback' });
  add('step.started', 8.1, { stepId: 'rollback' });
  command(
    8.2,
    [
      'kubectl',
      '--namespace',
      'web',
      'set',
      'image',
      'deployment/web',
      'web=registry.example.com/web:2024.06.11-3',
    ],
    0,
    'deployment.apps/web image updated\n',
    { stepId: 'rollback' },
  );
  add('step.completed', 8.5, { stepId: 'rollback' });
  add('step.started', 8.6, { stepId: 'wait-healthy' });
  for (let i = 0; i < polls; i++)
    command(8.7 + i * 0.25, HEALTH, 22, BODY, { stepId: 'wait-healthy' });
  add('step.waited', 8.7 + polls * 0.25, {
    stepId: 'wait-healthy',
    outcome: 'timed-out',
    waitedMs: polls * 15_000,
  });
  add('note', 9, {
    kind: 'action',
    text: words('paused the deploy pipeline for web'),
    actor: 'alice@desk',
  });
  for (let i = 0; i < (shape.findings ?? 1); i++)
    add('note', 10 + i * 0.1, {
      kind: 'finding',
      text: words(`db-1 pool at 100/100 connections (look ${i + 1})`),
      actor: 'alice@desk',
    });
  for (let i = 0; i < (shape.failures ?? 0); i++)
    command(
      10.5 + i * 0.01,
      ['psql', '-h', `db-${i + 2}`, '-c', 'select 1'],
      2,
      'psql: error: connection refused\n',
    );
  add('note', 11, { kind: 'ruled-out', text: words('the 02:50 deploy of web 2024.06.12-1') });
  add('note', 11.5, { kind: 'hypothesis', text: words('connection pool exhausted on db-1') });
  add('severity.changed', 12, {
    from: 'SEV2',
    to: 'SEV1',
    reason: 'EU checkout down too',
    nextUpdateDue: at(27),
  });
  add('impact.changed', 12.5, {
    impact: shape.long ? `40% now: ${LONG_IMPACT}` : '40% of checkouts fail, EU and US',
  });
  add('update.sent', 13, {
    text: 'Checkout errors at 40%; rolled back web, no change; db-1 pool full.',
    nextUpdateDue: at(28),
  });
  const escalation = add('escalation', 14, {
    to: 'dana',
    toName: 'Dana Okafor',
    ask: 'Is db-1 healthy? Can you raise max_connections?',
  });
  if (!shape.noSend) {
    for (const [channel, via] of [
      ['pager', 'pagerduty'],
      ['chat', 'slack'],
    ]) {
      const delivery = `${escalation.id}/${channel}`;
      add('delivery.queued', 14, {
        delivery,
        source: escalation.id,
        channel,
        via,
        kind: 'escalation',
        to: 'dana',
        target: {},
        request: {},
      });
      add('delivery.attempted', 14.01, {
        delivery,
        channel,
        attempt: 1,
        outcome: 'delivered',
        durationMs: 120,
      });
    }
  }
  if (shape.open) return events;
  add('note', 20, {
    kind: 'finding',
    text: words('max_connections on db-1 was lowered to 100 by a config push at 02:40'),
    actor: 'dana@db',
  });
  add('note', 21, {
    kind: 'decision',
    text: words('raise max_connections back to 400'),
    actor: 'dana@db',
  });
  command(
    22,
    ['psql', '-h', 'db-1', '-c', 'ALTER SYSTEM SET max_connections = 400'],
    0,
    'ALTER SYSTEM\n',
  );
  add('handoff', 25, {
    from: 'alice@laptop',
    to: 'dana',
    toName: 'Dana Okafor',
    note: 'db is yours',
  });
  add('incident.mitigated', 26, { summary: 'max_connections back to 400; errors at baseline' });
  add('incident.resolved', 40, { summary: 'stable for 15 minutes' });
  return events;
}
