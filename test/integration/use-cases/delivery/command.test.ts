// A `command` channel (an SMS or mail script): run as an argument vector, the
// rendered text on its stdin and the facts in ONCALL_* variables; exit 0 is
// delivered, anything else waits to be retried.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, readEvents, sandbox, startWords } from '../../../helpers/in-process.js';

/** A script that keeps what it was given, beside the config (argv names it relative to it). */
const CAPTURE = `#!/usr/bin/env node
const { writeFileSync } = require('node:fs');
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { text += c; });
process.stdin.on('end', () => {
  const out = process.argv[2];
  const facts = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ONCALL_') && k !== 'ONCALL_HOME' && k !== 'ONCALL_ACTOR'));
  writeFileSync(out, JSON.stringify({ text, facts, args: process.argv.slice(3) }));
  process.exit(Number(process.env.CAPTURE_EXIT ?? 0));
});
`;

describe('a command channel', () => {
  it('receives the text on stdin and the facts in env', async () => {
    const box = sandbox();
    mkdirSync(join(box.cwd, 'bin'));
    const script = join(box.cwd, 'bin', 'send-sms.cjs');
    writeFileSync(script, CAPTURE);
    chmodSync(script, 0o755);
    const out = join(box.dir, 'sms.json');
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      [
        'channels:',
        `  sms: { type: command, argv: [./bin/send-sms.cjs, "${out}", "+15550100"] }`,
        'contacts:',
        '  bob: { name: Bob Stone, reach: [sms] }',
      ].join('\n'),
    );
    const start = await oncall(box, startWords());
    expect(start.code).toBe(0);
    const r = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Sent to Bob Stone through send-sms.cjs (sms).');
    const got = JSON.parse(readFileSync(out, 'utf8'));
    expect(got.text).toBe(r.stdout);
    expect(got.args).toEqual(['+15550100']);
    const escalation = readEvents(box).find((e) => e.type === 'escalation');
    expect(got.facts).toMatchObject({
      ONCALL_KIND: 'escalation',
      ONCALL_TO: 'bob',
      ONCALL_TO_NAME: 'Bob Stone',
      ONCALL_ASK: 'Is the primary healthy?',
      ONCALL_SEVERITY: 'SEV2',
      ONCALL_EVENT_ID: escalation?.id,
    });
  });

  it('a failing script: the message waits, with the exit code and its last words', async () => {
    const box = sandbox({ CAPTURE_EXIT: '3' });
    const script = join(box.cwd, 'fail.cjs');
    writeFileSync(
      script,
      `${CAPTURE.replace('process.exit(', "process.stderr.write('gateway busy\\n'); process.exit(")}`,
    );
    chmodSync(script, 0o755);
    const out = join(box.dir, 'sms.json');
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      [
        'channels:',
        `  sms: { type: command, argv: [./fail.cjs, "${out}"] }`,
        'updates: [sms]',
      ].join('\n'),
    );
    await oncall(box, startWords());
    const r = await oncall(box, ['update', 'Rolled back']);
    expect(r.stderr).toContain('Not sent yet via command (sms): exit 3: gateway busy.');
    expect(existsSync(out)).toBe(true);
    expect(readEvents(box).filter((e) => e.type === 'delivery.attempted')).toEqual([
      expect.objectContaining({ outcome: 'retry', exitCode: 3, error: 'exit 3: gateway busy' }),
    ]);
  });
});
