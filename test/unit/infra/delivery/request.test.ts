// The request actually made: secrets read from the environment (or a file
// named by <NAME>_FILE) only now, and masked whenever the request is shown.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  concreteRequest,
  describeRequest,
  envSecrets,
  previewSecrets,
} from '../../../../src/infra/delivery/request.js';
import { maskUrl, readSecret, scrub } from '../../../../src/infra/delivery/secrets.js';

const KEY = 'R0123456789abcdef0123456789abcd';
const HOOK = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX';

describe('secrets', () => {
  it('come from NAME, else from the file NAME_FILE names; a problem names the variable only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-secret-'));
    const file = join(dir, 'key');
    writeFileSync(file, `${KEY}\n`);
    expect(readSecret({ PD: KEY }, 'PD')).toEqual({ value: KEY });
    expect(readSecret({ PD_FILE: file }, 'PD')).toEqual({ value: KEY });
    expect(readSecret({}, 'PD')).toEqual({ problem: 'PD is not set (nor PD_FILE)' });
    expect(readSecret({ PD_FILE: join(dir, 'nope') }, 'PD').problem).toMatch(
      /^PD_FILE: cannot read .* \(ENOENT\)$/,
    );
  });

  it('are masked: a URL keeps its host, text loses every secret and a URL path', () => {
    expect(maskUrl(HOOK)).toBe('https://hooks.slack.com/***');
    expect(maskUrl('https://events.pagerduty.com')).toBe('https://events.pagerduty.com/');
    expect(scrub(`POST ${HOOK} failed; key ${KEY}`, [HOOK, KEY])).toBe('POST *** failed; key ***');
    expect(scrub('GET /services/T000/B000/XXXXSECRETXXXX', [HOOK])).toBe('GET ***');
  });
});

describe('the request made', () => {
  const pagerduty = { type: 'pagerduty', routingKeyEnv: 'PD_KEY', baseUrl: 'http://127.0.0.1:9' };

  it('PagerDuty: the routing key joins the recorded body at send time', () => {
    const request = concreteRequest(
      pagerduty,
      { body: { event_action: 'trigger' } },
      envSecrets({ PD_KEY: KEY }),
    );
    expect(request).toEqual({
      kind: 'http',
      url: 'http://127.0.0.1:9/v2/enqueue',
      headers: { 'Content-Type': 'application/json' },
      body: { routing_key: KEY, event_action: 'trigger' },
      secrets: [KEY],
    });
  });

  it('a webhook: URL and header values from the environment', () => {
    const target = {
      type: 'webhook',
      urlEnv: 'HOOK_URL',
      headersEnv: { Authorization: 'HOOK_AUTH' },
    };
    const env = {
      HOOK_URL: 'https://hook.example.com/in/abc123',
      HOOK_AUTH: 'Bearer s3cr3t-token',
    };
    const request = concreteRequest(target, { body: { kind: 'update' } }, envSecrets(env));
    expect(request).toMatchObject({
      kind: 'http',
      url: env.HOOK_URL,
      headers: { 'Content-Type': 'application/json', Authorization: env.HOOK_AUTH },
    });
    expect(describeRequest(request).join('\n')).toBe(
      'POST https://hook.example.com/***\nContent-Type: application/json\nAuthorization: ***\n\n{\n  "kind": "update"\n}',
    );
  });

  it('a missing secret makes it unsendable for now (it waits), naming the variable', () => {
    expect(concreteRequest(pagerduty, { body: {} }, envSecrets({}))).toEqual({
      kind: 'unsendable',
      problem: 'PD_KEY is not set',
      permanent: false,
    });
    expect(concreteRequest({ type: 'fax' }, {}, envSecrets({}))).toMatchObject({ permanent: true });
  });

  it('--dry-run shows the request with the key masked, or says which variable is not set', () => {
    const set = concreteRequest(
      pagerduty,
      { body: { event_action: 'trigger' } },
      previewSecrets({ PD_KEY: KEY }),
    );
    expect(describeRequest(set).join('\n')).not.toContain(KEY);
    expect(describeRequest(set).join('\n')).toContain('"routing_key": "***"');
    const unset = concreteRequest(
      { type: 'slack', urlEnv: 'SLACK_URL' },
      { body: {} },
      previewSecrets({}),
    );
    expect(describeRequest(unset)[0]).toBe('POST <SLACK_URL is not set>');
  });

  it('a command: argv, folder, stdin and env as recorded', () => {
    const request = concreteRequest(
      { type: 'command', argv: ['/bin/send-sms', '+15550100'], cwd: '/srv' },
      { stdin: 'hello', env: { ONCALL_KIND: 'update' } },
      envSecrets({}),
    );
    expect(describeRequest(request)).toEqual([
      'run "/bin/send-sms" "+15550100" in /srv',
      '  env ONCALL_KIND="update"',
      '  stdin:',
      '    hello',
    ]);
  });
});
