// What reaches the log from the built bin: a command's arguments and output,
// a note and an update, each with the secret values redacted and the rest of
// the text (quotes, `;`, flags, the other arguments) exactly as it was.
import { describe, expect, it } from 'vitest';
import { oncall, readEvents, sandbox, startIncident } from '../../helpers/cli.js';

const R = '[REDACTED]';

describe('oncall run records redacted arguments and output', () => {
  it('a shell script: the key, quotes and ; stay; the secret env value is caught in the output', () => {
    const box = sandbox({ DB_PASSWORD: 'hunter2x' });
    startIncident(box);
    const script = 'echo "password: s3cr3t-value"; echo "connecting with $DB_PASSWORD"';
    const r = oncall(box, ['run', '--shell', 'sh', '--', script]);
    expect(r.code, r.stderr).toBe(0);
    const events = readEvents(box);
    const started = events.find((e) => e.type === 'command.started');
    const finished = events.find((e) => e.type === 'command.finished');
    expect(started?.argv).toEqual([`echo "password: ${R}"; echo "connecting with $DB_PASSWORD"`]);
    expect(finished?.outputTail).toBe(`password: ${R}\nconnecting with ${R}`);
  });

  it('an argument vector: the value after --password is redacted whole, spaces and all', () => {
    const box = sandbox();
    startIncident(box);
    const argv = ['node', '-e', 'process.exit(0)', '--', '--password', 'two words', '--host', 'db'];
    const r = oncall(box, ['run', '--', ...argv]);
    expect(r.code, r.stderr).toBe(0);
    const started = readEvents(box).find((e) => e.type === 'command.started');
    expect(started?.argv).toEqual([...argv.slice(0, 5), R, '--host', 'db']);
  });
});

describe('typed text is redacted before it is recorded', () => {
  it('oncall note', () => {
    const box = sandbox({ REDIS_PASSWORD: 'cache-pw-81' });
    startIncident(box);
    const r = oncall(box, [
      'note',
      'ran export DB_PASS=hunter2x; psql -h db, redis pw cache-pw-81',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readEvents(box).at(-1)?.text).toBe(`ran export DB_PASS=${R}; psql -h db, redis pw ${R}`);
  });

  it('oncall update: the recorded text and the message sent', () => {
    const box = sandbox();
    startIncident(box);
    const r = oncall(box, [
      'update',
      'Rotated the leaked key rk_live_51H8abcdefghijklmnopqrstuvWXYZ0123; watching.',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const event = readEvents(box).at(-1) as Record<string, string>;
    expect(event.text).toBe(`Rotated the leaked key ${R}; watching.`);
    expect(event.message).toContain(`Rotated the leaked key ${R}; watching.`);
    expect(r.stdout).not.toContain('rk_live_');
  });
});
