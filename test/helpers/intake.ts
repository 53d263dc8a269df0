// A box wired to local stand-ins for PagerDuty's REST API and Alertmanager
// (fake-pagerduty.ts, fake-alertmanager.ts): the `pagerduty:` and
// `alertmanager:` sections pointing at them, the API token in the
// environment, limits a loaded machine never reaches (HANG_LIMITS for the
// tests of a hang: it costs them half a second), and a check that the token never reached a file or an output.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_TOKEN, USER_EMAIL } from './fake-pagerduty.js';
import { type Box, sandbox } from './in-process.js';

/**
 * The limits a test waits a hang out with (a call that never answers): one
 * attempt this long, a command's deliveries this long together. Set on a box
 * (`box.delivery = HANG_LIMITS`) by the tests that prove a timeout.
 */
export const HANG_LIMITS = { budgetMs: 1_500, attemptMs: 500 } as const;

/**
 * The limits of every other test: the stand-ins answer at once, but they
 * answer in the test's own process, which a loaded machine (a full suite on
 * two cores) can keep from running for more than HANG_LIMITS' half second.
 */
const ANSWERED_LIMITS = { budgetMs: 30_000, attemptMs: 10_000 } as const;

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
    { delivery: ANSWERED_LIMITS },
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
