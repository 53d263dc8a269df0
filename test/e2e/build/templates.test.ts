// The bundled templates are compiled at build time (dist/precompiled/, one file each).
// A compiled form is used only for exactly the source and options it was made
// from; these tests hold the build to that, and the compiled forms to rendering
// what compiling the template at run time renders.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/domain/config/schema.js';
import { DEFAULT_SEVERITIES } from '../../../src/domain/config/schema.js';
import { foldIncident } from '../../../src/domain/incident/fold.js';
import type { RenderInput } from '../../../src/domain/render/facts.js';
import { escalationModel, handoffModel, updateModel } from '../../../src/domain/render/models.js';
import { postmortemModel } from '../../../src/domain/render/postmortem.js';
import { safeBlock, safeStrings } from '../../../src/domain/text/terminal-safe.js';
import { readLog } from '../../../src/infra/store/log.js';
import { precompiledKey, templateOptions } from '../../../src/infra/templates/templates.js';
import { FIXTURES, ROOT } from '../../helpers/paths.js';

interface Precompiled {
  options: string;
  source: string;
  spec: TemplateSpecification;
}

const PRECOMPILED = join(ROOT, 'dist', 'precompiled');
const entries = readdirSync(PRECOMPILED).map((file) => ({
  file,
  ...(createRequire(import.meta.url)(join(PRECOMPILED, file)) as Precompiled),
}));
const templates = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.hbs'));

const config = {
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
  contacts: { dana: { name: 'Dana Okafor', role: 'network on-call', phone: '+1 555 0142' } },
  links: { dashboard: 'https://grafana.example.com/d/api-overview' },
} as ResolvedConfig;

/** A long night's incident (the golden fixture), as known at its end. */
function input(): RenderInput {
  const { events } = readLog(join(FIXTURES, 'golden', 'logs', 'multi-team-outage.jsonl'));
  return {
    state: foldIncident(events),
    events,
    config,
    now: new Date('2026-11-21T07:00:00.000Z'),
    tz: 'America/New_York',
  };
}

const to = { key: 'dana', contact: config.contacts.dana as ResolvedConfig['contacts'][string] };
const models: Record<string, object> = {
  'update.md.hbs': updateModel(input(), { text: 'Rolled back.', nextUpdateDue: null }),
  'escalation.md.hbs': escalationModel(input(), { to, ask: 'Check the NAT', long: true }),
  'handoff.md.hbs': handoffModel(input(), { to, note: 'yours' }),
  'postmortem.md.hbs': postmortemModel(input()),
};

/** A Handlebars with the helpers the CLI registers (fixed answers: only the compiled forms differ). */
function withHelpers() {
  const hb = Handlebars.create();
  for (const name of ['fmtTime', 'fmtDateTime', 'fmtUtc', 'fmtUtcDateTime', 'fmtDuration'])
    hb.registerHelper(name, (value: unknown) => `${name}(${String(value)})`);
  return hb;
}

describe('the templates compiled at build time', () => {
  it('are each bundled template, made from its source as it is and the options a render uses', () => {
    expect(entries.map((e) => e.source).sort()).toEqual(
      templates.map((f) => readFileSync(join(ROOT, 'templates', f), 'utf8')).sort(),
    );
    for (const e of entries) {
      // Named as a render looks it up: by its source.
      expect(e.file).toBe(`${precompiledKey(e.source)}.cjs`);
      expect(e.options).toBe(JSON.stringify(templateOptions()));
      // A render compiles the source made safe: for a bundled template, the source itself.
      expect(safeBlock(e.source)).toBe(e.source);
    }
  });

  it.each(templates)('render what compiling at run time renders (%s)', (name) => {
    const source = readFileSync(join(ROOT, 'templates', name), 'utf8');
    const entry = entries.find((e) => e.source === source);
    const model = safeStrings(models[name] ?? {});
    const compiled = withHelpers().template(entry?.spec as TemplateSpecification)(model);
    const atRunTime = withHelpers().compile(source, templateOptions())(model);
    expect(compiled).toBe(atRunTime);
    expect(compiled.length).toBeGreaterThan(200);
  });
});
