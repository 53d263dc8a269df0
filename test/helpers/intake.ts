// A box wired to local stand-ins for PagerDuty's REST API and Alertmanager
// (fake-pagerduty.ts, fake-alertmanager.ts): the `pagerduty:` and
// `alertmanager:` sections pointing at them, the API token in the
// environment, short limits (a hang costs the test a fraction of a second),
// and a check that the token never reached a file or an output.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_TOKEN, USER_EMAIL } from './fake-pagerduty.js';
import { type Box, sandbox } from './in-process.js';

/** One attempt this long, a command's deliveries this long together: short, for a test. */
const SHORT = { budgetMs: 1_500, attemptMs: 500 } as const;

interface Services {
  pagerduty?: { url: string };
  alertmanager?: { url: string };
}

/** The config lines for the services, and anything else a test adds. */
function intakeConfig(services: Services, extra: string): string {
  return [
    ...(services.pagerduty
      ? [
          'pagerduty:',
          '  apiTokenEnv: PD_API_TOKEN',
          `  from: ${USER_EMAIL}`,
          `  baseUrl: "${services.pagerduty.url}"`,
        ]
      : []),
    ...(services.alertmanager ? ['alertmanager:', `  url: "${services.alertmanager.url}"`] : []),
    'runbooks: [./runbooks]',
    extra,
  ].join('\n');
}

/** A box (in process, no terminal) whose config reaches the stand-ins; the token as PD_API_TOKEN. */
export function intakeBox(
  services: Services,
  options: { extraYaml?: string; env?: NodeJS.ProcessEnv; token?: string } = {},
): Box {
  const box = sandbox(
    { PD_API_TOKEN: options.token ?? ACCOUNT_TOKEN, ...options.env },
    { delivery: SHORT },
  );
  mkdirSync(join(box.cwd, 'runbooks'), { recursive: true });
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    intakeConfig(services, options.extraYaml ?? ''),
  );
  return box;
}

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file under the box's folder (ONCALL_HOME, the config, caches) and every output that holds `secret`. */
export function placesHolding(box: Box, secret: string, outputs: readonly string[]): string[] {
  const files = filesUnder(box.dir).filter((f) => readFileSync(f, 'utf8').includes(secret));
  const said = outputs.filter((o) => o.includes(secret)).map((o) => `output: ${o.slice(0, 80)}`);
  return [...files, ...said];
}
