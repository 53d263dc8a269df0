// Two realistic incidents, frozen as event logs, render to committed texts with
// a fixed clock and zone. A mismatch prints a line diff; to accept an intended
// change, regenerate and review: UPDATE_GOLDEN=1 npx vitest run test/unit/render/golden.test.ts
import { join } from 'node:path';
import { describe, it } from 'vitest';
import type { ResolvedConfig } from '../../../../src/domain/config/schema.js';
import { DEFAULT_SEVERITIES } from '../../../../src/domain/config/schema.js';
import { resolveContact } from '../../../../src/domain/contacts/contacts.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import type { RenderInput } from '../../../../src/domain/render/facts.js';
import {
  escalationModel,
  handoffModel,
  updateModel,
} from '../../../../src/domain/render/models.js';
import { postmortemModel } from '../../../../src/domain/render/postmortem.js';
import { readLog } from '../../../../src/infra/store/log.js';
import { renderNamed } from '../../../../src/infra/templates/templates.js';
import { expectGolden } from '../../../helpers/golden.js';
import { FIXTURES } from '../../../helpers/paths.js';

const GOLDEN = join(FIXTURES, 'golden');

const GOLDEN_CONFIG: ResolvedConfig = {
  sources: [],
  runbookDirs: [],
  severities: DEFAULT_SEVERITIES,
  templates: {},
  redact: [],
  channels: {},
  updates: [],
  pagerduty: { apiTokenEnv: 'PD_API_TOKEN' },
  pagerdutyConfigured: false,
  runbookUrls: [],
  autoUpdates: { sev: true, mitigate: true, resolve: true },
  contacts: {
    priya: { name: 'Priya Shah', role: 'SRE on call', phone: '+1 555 0100', chat: '@priya' },
    dana: {
      name: 'Dana Okafor',
      role: 'network on-call',
      phone: '+1 555 0142',
      reach: 'page first',
    },
    ravi: { name: 'Ravi Menon', role: 'SRE, Bangalore', chat: '@ravi', email: 'ravi@example.com' },
    maya: { name: 'Maya Berg', role: 'web developer', chat: '@maya' },
    sam: { name: 'Sam Lee', role: 'front-end lead', phone: '+49 30 5550 123', chat: '@sam' },
  },
  links: {
    dashboard: 'https://grafana.example.com/d/api-overview',
    'status page': 'https://status.example.com',
  },
};

/** The incident as known at `now`: only events that happened before it. */
function inputAt(fixture: string, now: string, tz: string): RenderInput {
  const { events, damaged } = readLog(join(GOLDEN, 'logs', `${fixture}.jsonl`));
  if (damaged.length)
    throw new Error(`fixture ${fixture} has damaged lines: ${JSON.stringify(damaged)}`);
  const known = events.filter((e) => e.ts < now);
  return {
    state: foldIncident(known),
    events: known,
    config: GOLDEN_CONFIG,
    now: new Date(now),
    tz,
  };
}

async function check(
  fixture: string,
  output: string,
  name: Parameters<typeof renderNamed>[0],
  model: object,
  tz: string,
) {
  const { text } = await renderNamed(name, model, { config: GOLDEN_CONFIG, tz });
  expectGolden(join(GOLDEN, 'expected', fixture, `${output}.md`), text);
}

const cases = [
  {
    fixture: 'deploy-rollback',
    tz: 'Europe/Berlin',
    update: {
      now: '2026-03-12T14:05:00.000Z',
      text: 'We rolled back the 14:59 deploy and the site is serving again. Watching error rates.',
    },
    escalation: {
      now: '2026-03-12T14:08:30.000Z',
      to: 'sam',
      ask: 'Find what in web-2026.03.12-3 breaks the page before anyone redeploys it',
    },
    handoff: {
      now: '2026-03-12T14:15:00.000Z',
      to: 'sam',
      note: 'Site is up; please own the CDN follow-up',
    },
    postmortem: '2026-03-12T15:00:00.000Z',
  },
  {
    fixture: 'multi-team-outage',
    tz: 'America/New_York',
    update: {
      now: '2026-11-20T22:41:00.000Z',
      text: 'Now SEV1: about 30% of requests fail, checkout included. Rolling back auth-service did not help; network team engaged next.',
    },
    escalation: {
      now: '2026-11-20T22:50:00.000Z',
      to: 'dana',
      ask: 'Check the shared network layer (load balancers, NAT) for packet loss since 21:40 UTC',
    },
    handoff: {
      now: '2026-11-21T02:30:00.000Z',
      to: 'ravi',
      note: 'Provider case 1234 is open; the nat-2 replacement is pending their answer',
    },
    postmortem: '2026-11-21T07:00:00.000Z',
  },
];

describe.each(cases)('golden: $fixture', (c) => {
  it('status update', async () => {
    const input = inputAt(c.fixture, c.update.now, c.tz);
    const due = new Date(
      Date.parse(c.update.now) + (input.state.severity === 'SEV1' ? 15 : 30) * 60_000,
    ).toISOString();
    await check(
      c.fixture,
      'update',
      'update',
      updateModel(input, { text: c.update.text, nextUpdateDue: due }),
      c.tz,
    );
  });

  for (const long of [false, true]) {
    it(`escalation (${long ? 'long' : 'short'})`, async () => {
      const input = inputAt(c.fixture, c.escalation.now, c.tz);
      const to = resolveContact(GOLDEN_CONFIG, c.escalation.to);
      const model = escalationModel(input, { to, ask: c.escalation.ask, long });
      await check(
        c.fixture,
        long ? 'escalation-long' : 'escalation-short',
        'escalation',
        model,
        c.tz,
      );
    });
  }

  it('handoff', async () => {
    const input = inputAt(c.fixture, c.handoff.now, c.tz);
    const to = resolveContact(GOLDEN_CONFIG, c.handoff.to);
    await check(
      c.fixture,
      'handoff',
      'handoff',
      handoffModel(input, { to, note: c.handoff.note }),
      c.tz,
    );
  });

  it('postmortem', async () => {
    const input = inputAt(c.fixture, c.postmortem, c.tz);
    await check(c.fixture, 'postmortem', 'postmortem', postmortemModel(input), c.tz);
  });
});
