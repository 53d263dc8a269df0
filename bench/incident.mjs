// A long, realistic incident log for the readers' bench: every event type in
// the mix a real night produces (notes of every kind, hypotheses that are later
// ruled out in other words, commands with output tails, some failing, one cut
// off; severity changes, updates, escalations, handoffs, a runbook walk,
// milestones, backfilled notes), so each reader does the work it does at 2am,
// only more of it. Deterministic: the same count writes the same file.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ACTORS = ['alice@laptop', 'bob@desk', 'carol@jump-1', 'dan@laptop'];
const SEVERITY_PATH = ['SEV2', 'SEV1', 'SEV2', 'SEV3'];
const COMMANDS = [
  ['kubectl', 'rollout', 'restart', 'deploy/web'],
  ['kubectl', 'get', 'pods', '-n', 'web', '-o', 'wide'],
  ['curl', '-fsS', '-o', '/dev/null', '-w', '%{http_code}', 'https://www.example.com/'],
  ['psql', 'postgres://ro@db-1/app', '--command', 'select count(*) from pg_stat_activity'],
  ['redis-cli', '-h', 'cache-1.internal', 'info', 'stats'],
];
const SERVICES = ['auth', 'payments', 'search', 'cdn', 'db', 'cache', 'dns', 'lb'];

/** Output tails of a few lines, as a command's last lines would read. */
function tail(n) {
  const lines = [];
  for (let k = 0; k < 4 + (n % 5); k++)
    lines.push(
      `web-7d9f${(n + k) % 10}c-abcde   ${k % 3 ? 'Running' : 'Pending'}   ${k}   ${n % 60}m`,
    );
  return `${lines.join('\n')}\n`;
}

/** The steps of a runbook, by the `<!-- step: id ... -->` annotations. */
function stepIdsOf(text) {
  return [...text.matchAll(/<!--\s*step:\s*([\w-]+)/g)].map((m) => m[1]);
}

/**
 * Writes incident `id` with about `count` events under `home`, its runbook
 * copied beside it from `runbookSource`. Returns the log's path.
 */
export function writeIncident(home, id, count, runbookSource) {
  const folder = join(home, 'incidents', id);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const runbookFile = join(folder, 'runbook.md');
  copyFileSync(runbookSource, runbookFile);
  const events = incidentEvents(id, count, runbookFile);
  const file = join(folder, 'events.jsonl');
  writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`, { mode: 0o600 });
  return file;
}

/** The events of incident `id`, about `count` of them, walking the runbook at `runbookFile`. */
export function incidentEvents(id, count, runbookFile) {
  const runbookText = readFileSync(runbookFile, 'utf8');
  const steps = stepIdsOf(runbookText);
  const hash = createHash('sha256').update(runbookText).digest('hex');

  const t0 = Date.parse('2026-11-22T02:00:00.000Z');
  const iso = (ms) => new Date(ms).toISOString();
  let n = 0;
  // Fields in the order oncall writes them (the schema's): a backfilled event's recordedAt after ts,
  // and the clocks every event carries now (incident/order.ts), with the values a log written
  // before them is read with: each line's counter one more than the line before's, its hlc its ts.
  const line = (ts, actor, { recordedAt, ...fields }) => ({
    v: 1,
    id: `0192f3a4-${String(n++).padStart(8, '0')}-7000-8000-000000000000`,
    incident: id,
    ts: iso(ts),
    ...(recordedAt ? { recordedAt } : {}),
    actor,
    lamport: n,
    hlc: iso(ts),
    ...fields,
  });
  const out = [
    line(t0, ACTORS[0], {
      type: 'incident.opened',
      title: 'Checkout fails for a third of requests',
      service: 'web',
      severity: 'SEV2',
      impact: 'About 30% of checkout requests return 502',
      startedAt: iso(t0 - 180_000),
      detectedAt: iso(t0 - 60_000),
      alert: 'checkout-5xx-rate',
      nextUpdateDue: iso(t0 + 1_800_000),
    }),
    line(t0 + 500, ACTORS[0], {
      type: 'runbook.attached',
      runbook: { id: 'api-latency', title: 'API latency is high', file: runbookFile, hash },
    }),
  ];

  const open = []; // hypotheses not yet ruled out, oldest first
  let severity = 0;
  let commander = 0;
  let run = 0;
  let step = 0;
  const note = (ts, actor, kind, text) => line(ts, actor, { type: 'note', kind, text });
  for (let i = 0; i < count - 1; i++) {
    const ts = t0 + 1_000 + i * 1_000;
    const actor = ACTORS[i % ACTORS.length];
    const block = Math.floor(i / 24);
    const svc = SERVICES[block % SERVICES.length];
    switch (i % 24) {
      case 0:
      case 7:
      case 16:
      case 21: {
        const text = `the ${svc} pool is exhausted since the ${i}th request burst`;
        // One hypothesis in fifty is never ruled out: it stays open to the end.
        if (i % 50 !== 0) open.push(text);
        out.push(note(ts, actor, 'hypothesis', text));
        break;
      }
      case 3:
      case 9:
      case 17:
      case 22: {
        // Ruled out in other words: another case, other spacing.
        const text = open.length > 8 ? open.shift() : `a ${svc} config drift`;
        out.push(
          note(
            ts,
            actor,
            'ruled-out',
            ` ${text[0].toUpperCase()}${text.slice(1).replace(' pool ', '  Pool ')}`,
          ),
        );
        break;
      }
      case 1:
      case 11: {
        run += 1;
        const argv = COMMANDS[run % COMMANDS.length];
        const stepId = run % 3 === 0 ? steps[step % steps.length] : undefined;
        out.push(
          line(ts, actor, {
            type: 'command.started',
            runId: `r${run}`,
            argv,
            cwd: '/home/oncall',
            ...(stepId ? { stepId } : {}),
          }),
        );
        // Every 997th run is cut off (the terminal closed): no finish.
        if (run % 997 === 0) break;
        out.push(
          line(ts + 400, actor, {
            type: 'command.finished',
            runId: `r${run}`,
            exitCode: run % 7 === 0 ? 1 : 0,
            durationMs: 400,
            outputTail: tail(run),
            ...(stepId ? { stepId } : {}),
          }),
        );
        i += 1; // the finish took the next slot
        break;
      }
      case 4:
        out.push(
          note(
            ts,
            actor,
            'finding',
            `p99 of ${svc} is 2.4s, see https://grafana.example.com/d/${svc}?from=${i}`,
          ),
        );
        break;
      case 5:
        out.push(line(ts, actor, { type: 'step.started', stepId: steps[step % steps.length] }));
        break;
      case 6: {
        const stepId = steps[step % steps.length];
        step += 1;
        const kind = block % 4;
        if (kind === 0)
          out.push(line(ts, actor, { type: 'step.completed', stepId, note: 'looks normal' }));
        else if (kind === 1)
          out.push(
            line(ts, actor, {
              type: 'step.skipped',
              stepId,
              reason: 'not relevant for this service',
            }),
          );
        else if (kind === 2)
          out.push(
            line(ts, actor, {
              type: 'step.answered',
              stepId,
              variable: 'api_url',
              value: 'https://api.example.com',
            }),
          );
        else out.push(line(ts, actor, { type: 'step.completed', stepId }));
        break;
      }
      case 8:
        out.push(
          note(
            ts,
            actor,
            'action',
            `rolled back the ${svc} deploy to release 2026.11.${block % 30}`,
          ),
        );
        break;
      case 10:
        out.push(
          note(ts, actor, 'note', `customers report slow checkout in region eu-${block % 3}`),
        );
        break;
      case 13:
        out.push(
          line(ts, actor, {
            type: 'update.sent',
            text: `Still investigating ${svc}; about 30% of checkouts fail.`,
            message: `**[SEV2] Checkout fails for a third of requests**\nStatus: Investigating\nStill investigating ${svc}.\nNext update by 03:30 UTC.`,
            nextUpdateDue: iso(ts + 1_800_000),
          }),
        );
        break;
      case 14:
        out.push(
          note(ts, actor, 'decision', `keep the ${svc} feature flag off until the fix lands`),
        );
        break;
      case 15:
        if (block % 3 === 0)
          out.push(
            line(ts, actor, {
              type: 'step.waited',
              stepId: steps[step % steps.length],
              outcome: 'elapsed',
              waitedMs: 60_000,
            }),
          );
        else if (block % 3 === 1)
          out.push(
            line(ts, actor, {
              type: 'walk.moved',
              from: steps[step % steps.length],
              to: steps[(step + 1) % steps.length],
              reason: 'jump',
            }),
          );
        else out.push(line(ts, actor, { type: 'walk.paused', stepId: steps[step % steps.length] }));
        break;
      case 18:
        if (block % 3 === 0)
          out.push(
            line(ts, actor, {
              type: 'escalation',
              to: 'dba-oncall',
              toName: 'Dana Okafor',
              ask: `check ${svc} replication lag`,
            }),
          );
        else out.push(note(ts, actor, 'note', `paged ${svc} team channel`));
        break;
      case 19:
        if (block % 5 === 0) {
          const from = ACTORS[commander % ACTORS.length];
          commander += 1;
          out.push(
            line(ts, actor, {
              type: 'handoff',
              from,
              to: ACTORS[commander % ACTORS.length].split('@')[0],
              note: 'shift change',
            }),
          );
        } else out.push(note(ts, actor, 'finding', `error budget for ${svc} at ${block % 100}%`));
        break;
      case 20:
        if (block % 4 === 0) {
          const from = SEVERITY_PATH[severity % SEVERITY_PATH.length];
          severity += 1;
          const to = SEVERITY_PATH[severity % SEVERITY_PATH.length];
          out.push(
            line(ts, actor, {
              type: 'severity.changed',
              from,
              to,
              reason: `${svc} errors moved`,
              nextUpdateDue: iso(ts + 900_000),
            }),
          );
        } else if (block % 4 === 1)
          out.push(
            line(ts, actor, { type: 'impact.changed', impact: `${block % 40}% of checkouts fail` }),
          );
        // Backfilled: it happened ten minutes before it was written down.
        else
          out.push(
            line(ts - 600_000, actor, {
              type: 'note',
              kind: 'finding',
              text: `${svc} alarms fired earlier`,
              recordedAt: iso(ts),
            }),
          );
        break;
      default:
        out.push(note(ts, actor, 'note', `looking at ${svc} dashboards`));
    }
    if (i === Math.floor(count / 2))
      out.push(
        line(ts + 1, actor, {
          type: 'incident.mitigated',
          summary: 'failed over to the standby pool',
        }),
      );
  }
  return out;
}
