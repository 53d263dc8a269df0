// What people really paste at 2am, redacted to exactly the expected text: the
// secret value goes, and everything around it (the key, quotes, `;`, `&&`, the
// URL's user and host) stays. Then look-alikes that must come through untouched.
import { describe, expect, it } from 'vitest';
import { REDACTED, redactorFor, WITHHELD } from '../../../../src/domain/redact/redact.js';
import { redactQuick } from '../../../../src/domain/redact/redact-quick.js';

const R = REDACTED;
const env = {
  DB_PASSWORD: 'hunter2',
  GITHUB_TOKEN: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
  HOME: '/home/alice',
  PWD: '/srv/app/current',
  SSH_AUTH_SOCK: '/tmp/ssh-XXXXabcd/agent.1234',
  NODE_ENV: 'production',
  TOKENIZERS_PARALLELISM: 'false',
};
const redactor = redactorFor({ redact: [] }, env, ['opensesame-42']);

/** [what it is, as pasted, as recorded] */
const SECRETS: [string, string, string][] = [
  [
    'JSON password',
    '{"password": "hunter2x", "user": "bob"}',
    `{"password": "${R}", "user": "bob"}`,
  ],
  ['JSON, no spaces', '{"db":{"password":"p@ss w0rd"}}', `{"db":{"password":"${R}"}}`],
  [
    'escaped JSON in a log line',
    'body="{\\"api_key\\":\\"k-93jf8sk2\\"}"',
    `body="{\\"api_key\\":\\"${R}\\"}"`,
  ],
  ['Python dict', "{'secret': 'swordfish99', 'ok': True}", `{'secret': '${R}', 'ok': True}`],
  ['YAML password', 'password: correct horse battery staple', `password: ${R}`],
  [
    'YAML password, a comment after it',
    'password: correct horse battery staple   # rotated 02:10\r\nuser: bob',
    `password: ${R}   # rotated 02:10\r\nuser: bob`,
  ],
  [
    'YAML password, a long run of blanks inside it',
    `password: correct${' '.repeat(30_000)}horse  \t`,
    `password: ${R}  \t`,
  ],
  [
    'YAML nested, quoted',
    '  db:\n    password: "s3cr3t"\n    host: db1',
    `  db:\n    password: "${R}"\n    host: db1`,
  ],
  ['YAML list item', '- token: abcdef123456', `- token: ${R}`],
  ['env *_PASS with ;', 'export DB_PASS=hunter2x; psql -h db', `export DB_PASS=${R}; psql -h db`],
  [
    'env *_CREDENTIAL quoted',
    'REDIS_CREDENTIAL="abc123xyz" ./run.sh',
    `REDIS_CREDENTIAL="${R}" ./run.sh`,
  ],
  ['env *_KEY with &&', 'MAPS_KEY=Zx81kq0plm && ./deploy', `MAPS_KEY=${R} && ./deploy`],
  ['export X_KEY single quotes', "export SIGNING_KEY='abc def 123'", `export SIGNING_KEY='${R}'`],
  ['ini with spaces', 'admin_password = Tr0ub4dor&3', `admin_password = ${R}&3`],
  [
    'query string',
    'GET /cb?code=1&access_token=ya29.a0AfH6&state=x',
    `GET /cb?code=1&access_token=${R}&state=x`,
  ],
  ['Spring property', 'spring.datasource.password=Pr0d!pw', `spring.datasource.password=${R}`],
  ['camelCase key', 'clientSecret: 8f7a6b5c4d3e', `clientSecret: ${R}`],
  [
    'logfmt',
    'level=info user=bob auth_token=tk_81hd92 msg="login"',
    `level=info user=bob auth_token=${R} msg="login"`,
  ],
  [
    'curl -u',
    'curl -u admin:s3cretPass https://api.example.com/v1 && echo ok',
    `curl -u admin:${R} https://api.example.com/v1 && echo ok`,
  ],
  [
    'curl --user quoted',
    'curl --user "deploy:p4ss word" -X POST https://ci',
    `curl --user "deploy:${R}" -X POST https://ci`,
  ],
  [
    'curl -b cookie',
    "curl -b 'session=9f8e7d6c; csrf=abc' https://x",
    `curl -b 'session=${R}; csrf=${R}' https://x`,
  ],
  ['Authorization Basic', 'Authorization: Basic YWRtaW46aHVudGVyMg==', `Authorization: Basic ${R}`],
  [
    'Authorization Bearer in curl -H',
    'curl -H "Authorization: Bearer abc.def123.ghi" https://x',
    `curl -H "Authorization: Bearer ${R}" https://x`,
  ],
  [
    'X-Api-Key header',
    'curl -H "X-Api-Key: 7c9e6679f1" https://x',
    `curl -H "X-Api-Key: ${R}" https://x`,
  ],
  ['Cookie header', 'Cookie: session=abc123; theme=dark', `Cookie: session=${R}; theme=${R}`],
  [
    'Set-Cookie keeps attributes',
    'Set-Cookie: sid=s%3Aabc123def; Path=/; HttpOnly',
    `Set-Cookie: sid=${R}; Path=/; HttpOnly`,
  ],
  ['--password flag', 'pg_dump --password Sup3r --host db', `pg_dump --password ${R} --host db`],
  ['--api-key= flag', 'datadog-ci --api-key=0f1e2d3c4b5a', `datadog-ci --api-key=${R}`],
  ['redis-cli -a', 'redis-cli -h cache -a Sup3rSecret ping', `redis-cli -h cache -a ${R} ping`],
  ['mysql -pSECRET', 'mysql -u root -pS3cretPw -h db', `mysql -u root -p${R} -h db`],
  ['sshpass -p', "sshpass -p 'my pass' ssh ops@bastion", `sshpass -p '${R}' ssh ops@bastion`],
  [
    'docker login -p',
    'docker login -u ci -p dckr_pw_1x2y3z registry.example.com',
    `docker login -u ci -p ${R} registry.example.com`,
  ],
  [
    'keytool -storepass',
    'keytool -list -keystore ks.jks -storepass changeit1',
    `keytool -list -keystore ks.jks -storepass ${R}`,
  ],
  [
    'openssl pass:',
    'openssl pkcs12 -in c.p12 -passin pass:Exp0rt!',
    `openssl pkcs12 -in c.p12 -passin pass:${R}`,
  ],
  [
    'kubectl --from-literal',
    'kubectl create secret generic db --from-literal=DB_URL=postgres://x',
    `kubectl create secret generic db --from-literal=DB_URL=${R}`,
  ],
  [
    'URL credentials',
    'postgres://app:pa55word@db.internal:5432/app',
    `postgres://app:${R}@db.internal:5432/app`,
  ],
  ['URL password with @', 'redis://:p@ss@cache:6379/0', `redis://:${R}@cache:6379/0`],
  [
    'git remote with token',
    'https://x-access-token:ghs_abc123@github.com/o/r.git',
    `https://x-access-token:${R}@github.com/o/r.git`,
  ],
  [
    'Stripe restricted key',
    'STRIPE=rk_live_51H8abcdefghijklmnopqrstuvWXYZ0123 set',
    `STRIPE=${R} set`,
  ],
  [
    'Slack webhook URL',
    'posting to https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/abcdefghijklmnopqrstuvwx now',
    `posting to https://hooks.slack.com/services/${R} now`,
  ],
  ['AWS access key id', 'aws_access_key_id AKIAZ7QW3ERT5YUI2OPA', `aws_access_key_id ${R}`],
  ['GitHub PAT', 'cloned with ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', `cloned with ${R}`],
  [
    'JWT',
    'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    `token ${R}`,
  ],
  [
    'private key body',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1\n-----END RSA PRIVATE KEY-----',
    `-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----`,
  ],
  [
    'Kubernetes Secret data',
    'kind: Secret\ndata:\n  DB_URL: cG9zdGdyZXM6Ly94\n  user: Ym9i\nmetadata:\n  name: db',
    `kind: Secret\ndata:\n  DB_URL: ${R}\n  user: ${R}\nmetadata:\n  name: db`,
  ],
  [
    'env value echoed back',
    'connected with hunter2 as password',
    `connected with ${R} as password`,
  ],
  [
    'env token in output',
    'using gho_16C7e42F292c6912E7710c838347Ae178B4a for API',
    `using ${R} for API`,
  ],
  ['secret step answer', 'unlocked vault with opensesame-42.', `unlocked vault with ${R}.`],
  [
    'helm --set',
    'helm upgrade api ./chart --set image.tag=3f2a9c1 --set db.password=Sup3rS3cret --atomic',
    `helm upgrade api ./chart --set image.tag=3f2a9c1 --set db.password=${R} --atomic`,
  ],
  [
    'AWS secret access key',
    'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
    `export AWS_SECRET_ACCESS_KEY=${R}`,
  ],
  [
    'gitleaks: generic api key',
    'heroku_api_key = "7f3a9b2c-1d4e-4f5a-8b6c-0d9e8f7a6b5c"',
    `heroku_api_key = "${R}"`,
  ],
  [
    'gitleaks: SendGrid',
    '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 ok',
    `${R} ok`,
  ],
];

/** Must come through exactly as they are. */
const LOOK_ALIKES: [string, string][] = [
  ['git commit hash', 'commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 (HEAD -> main)'],
  ['short hash in a log line', 'deployed 3f2a9c1 to prod; rollback target 9e8d7c6'],
  ['UUID', 'request 550e8400-e29b-41d4-a716-446655440000 failed after 30s'],
  ['password reset', 'password reset email sent to 3 users'],
  ['token bucket', 'token bucket refilled: 100 tokens'],
  ['--key-file', 'openssl s_client -connect db:5432 --key-file /etc/x.pem'],
  ['--password-stdin', 'echo "$PW" | docker login --password-stdin -u ci registry'],
  ['password from a variable', 'mysql -u root --password="$MYSQL_PWD" -e "select 1"'],
  ['base64 under a harmless name', '{"message": "aGVsbG8gd29ybGQ=", "level": "info"}'],
  ['Kubernetes pod names', 'pod/api-token-refresher-7d9f8b6c4-x2x9z   1/1   Running   0   5d'],
  [
    'Kubernetes secret reference',
    'envFrom:\n  - secretRef:\n      name: db-credentials\n    secretName: db-credentials',
  ],
  [
    'image digest',
    'image: nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac',
  ],
  ['docker -u uid:gid and -p ports', 'docker run -u 1000:1000 -p 8080:80 nginx'],
  ['mysql -p prompting', 'mysql -u root -p -h db'],
  ['a token count', 'max_tokens: 4096\ntoken_count=17'],
  ['auth status', 'auth: ok, db: ok, cache: degraded'],
  ['ssh option', 'ssh -o PasswordAuthentication=no ops@bastion'],
  ['URL without credentials', 'https://grafana.example.com:3000/d/abc?orgId=1&from=now-1h'],
  ['email address', 'paged alice@example.com and bob@example.com'],
  ['time and ports', 'at 02:14:07 db:5432 answered in 12ms'],
  [
    'plain English with secret words',
    'The secret to a calm night: rotate the token, check the key, then sleep.',
  ],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder, as pasted
  ['placeholder values', 'password: <your password>\napi_key: ${API_KEY}\ntoken: ****'],
  ['path values', 'GOOGLE_APPLICATION_CREDENTIALS=/etc/gcp/sa.json\nssl_key_path=/etc/tls/key.pem'],
  ['Authorization failure message', 'Authorization: failed for user bob'],
  [
    'kubectl describe: where a secret comes from',
    "    Environment:\n      DB_HOST:      db.internal\n      DB_PASSWORD:  <set to the key 'password' in secret 'db-creds'>  Optional: false",
  ],
  [
    'a structured log line',
    'level=error msg="auth failed" user=bob key=users:42 cache_key=sess:9 request_id=abc123',
  ],
  ['psql auth failure', 'FATAL:  password authentication failed for user "app"'],
  ['env values that are no secret', 'cwd /srv/app/current as /home/alice in production'],
];

describe('redaction of what people paste', () => {
  it.each(SECRETS)('%s', (_what, pasted, recorded) => {
    expect(redactor.text(pasted)).toBe(recorded);
  });

  it.each(LOOK_ALIKES)('leaves alone: %s', (_what, text) => {
    expect(redactor.text(text)).toBe(text);
  });

  it('redacts a long draft sample by sample, exactly as each alone', () => {
    // Over 4 KB the finders take their long-text paths (one pass for the hint
    // words, the keyed forms only on lines naming a secret): a secret's fate
    // must not depend on how much text surrounds it.
    const filler = '- 02:14 alice: restarted the web pods → recovered, 12 ms p99 at 02:15:07';
    const samples = [
      ...SECRETS.map(([, pasted, recorded]) => [pasted, recorded]),
      ...LOOK_ALIKES.map(([, text]) => [text, text]),
    ];
    const block = (pick: 0 | 1) =>
      samples.map((sample) => `${filler}\n${sample[pick]}\n${filler}`).join('\n\n');
    const long = `${filler}\n`.repeat(60) + block(0);
    expect(long.length).toBeGreaterThan(3 * 4096);
    expect(redactor.text(long)).toBe(`${filler}\n`.repeat(60) + block(1));
  });

  it('redacts a text of more secrets than a call takes arguments (about 125,000)', () => {
    // A long night's escalation quotes every note: a peer's notes may each hold a token.
    const token = (i: number) => `ghp_${String(i).padStart(6, '0')}a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5`;
    const count = 130_000;
    const text = Array.from({ length: count }, (_, i) => `saw ${token(i)}`).join('\n');
    const redacted = redactor.text(text);
    expect(redacted.split(R)).toHaveLength(count + 1);
    expect(redacted).not.toContain('ghp_');
  });

  it('finds the secret after a line that names its program thousands of times', () => {
    // A pasted one-liner: each rule's word 4,000 times before the flag (anchored.ts).
    const urls = Array.from({ length: 4_000 }, (_, i) => `"https://api-${i}.example.com"`).join();
    const curls = 'curl '.repeat(4_000);
    const runs = 'eyJ-'.repeat(4_000);
    const jwt = 'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4';
    for (const [pasted, recorded] of [
      [`${urls} http -a alice:s3cret-pass https://x`, `${urls} http -a alice:${R} https://x`],
      [`${curls}-u alice:s3cret-pass`, `${curls}-u alice:${R}`],
      [`${curls}-b session=abc123xyz`, `${curls}-b session=${R}`],
      [
        `${curls}-H "Authorization: Bearer abcdef123456"`,
        `${curls}-H "Authorization: Bearer ${R}"`,
      ],
      [`${curls}\n -H "X-Api-Key: abcdef123456"`, `${curls}\n -H "X-Api-Key: ${R}"`],
      [`${runs} ${jwt}`, `${runs} ${R}`],
    ] as const)
      expect(redactor.text(pasted)).toBe(recorded);
  });

  it('has at least 40 secret samples and 20 look-alikes', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(40);
    expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(20);
  });

  it('the quick redaction (for notes) catches the forms without the gitleaks rules', () => {
    expect(redactQuick('export DB_PASS=hunter2x; psql', {})).toBe(`export DB_PASS=${R}; psql`);
    expect(redactQuick('saw hunter2 in the log', env)).toBe(`saw ${R} in the log`);
    expect(redactQuick('token bucket refilled', env)).toBe('token bucket refilled');
  });
});

describe('redacting an argument vector', () => {
  it('takes the value after a secret flag whole, spaces and all, and keeps every other argument', () => {
    expect(redactor.argv(['pg_dump', '--password', 'two words', '--host', 'db'])).toEqual([
      'pg_dump',
      '--password',
      R,
      '--host',
      'db',
    ]);
    expect(redactor.argv(['redis-cli', '-a', 'Sup3r', 'ping'])).toEqual([
      'redis-cli',
      '-a',
      R,
      'ping',
    ]);
    expect(redactor.argv(['curl', '-u', 'admin:pw1', 'https://x'])).toEqual([
      'curl',
      '-u',
      `admin:${R}`,
      'https://x',
    ]);
    expect(redactor.argv(['psql', 'host=db password=s3cret dbname=app'])).toEqual([
      'psql',
      `host=db password=${R} dbname=app`,
    ]);
  });

  it('keeps the structure of a JSON argument', () => {
    expect(redactor.argv(['curl', '-d', '{"password":"x1","user":"bob"}'])).toEqual([
      'curl',
      '-d',
      `{"password":"${R}","user":"bob"}`,
    ]);
  });

  it('leaves harmless arguments alone', () => {
    const argv = ['kubectl', 'rollout', 'undo', 'deploy/api-token-refresher', '-n', 'prod'];
    expect(redactor.argv(argv)).toEqual(argv);
  });
});

describe('config patterns', () => {
  it('redact their whole match, or only the named group `secret`', () => {
    const r = redactorFor({ redact: ['CUST-\\d{6}', 'pin=(?<secret>\\d+)'] }, {});
    expect(r.text('customer CUST-123456 pin=9876;')).toBe(`customer ${R} pin=${R};`);
  });

  it('accept a leading (?i) as gitleaks writes it', () => {
    expect(redactorFor({ redact: ['(?i)internal-[a-z]+'] }, {}).text('Internal-Zone')).toBe(R);
  });

  it('withhold the text, and say which pattern, when one backtracks past the time limit', () => {
    const r = redactorFor({ redact: ['(a+)+$'] }, {});
    const started = Date.now();
    expect(r.text(`${'a'.repeat(40)}!`)).toBe(WITHHELD);
    expect(r.slowPattern).toBe('(a+)+$');
    expect(r.argv(['echo', 'aaa', 'b'])).toEqual(['echo', R, R]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
