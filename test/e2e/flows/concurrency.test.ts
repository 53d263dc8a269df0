// The log is sacred: many writers at once, and a writer killed mid-burst.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, oncallAsync, sandbox, startIncident } from '../../helpers/cli.js';
import { ROOT } from '../../helpers/paths.js';

/** Writers racing each other, each appending its notes in sequence through the note fast path. */
const WRITERS = 20;
const NOTES_EACH = 2;

describe('concurrent appends', () => {
  it(`${WRITERS} processes writing ${NOTES_EACH} notes each lose nothing and interleave whole lines`, {
    timeout: 90_000,
  }, async () => {
    const box = sandbox();
    await startIncident(box);
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; n < NOTES_EACH; n++) {
        const r = await oncallAsync(box, ['note', `writer ${w} note ${n}`]);
        if (r.code !== 0) throw new Error(r.stderr);
      }
    });
    await Promise.all(writers);

    const lines = readFileSync(logPath(box), 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    const events = lines.map((line) => JSON.parse(line)); // every line is whole JSON
    const notes = events.filter((e) => e.type === 'note').map((e) => e.text);
    expect(notes).toHaveLength(WRITERS * NOTES_EACH);
    const mineOf = (w: number) =>
      Array.from({ length: NOTES_EACH }, (_, n) => `writer ${w} note ${n}`);
    const expected = Array.from({ length: WRITERS }, (_, w) => mineOf(w)).flat();
    expect([...notes].sort()).toEqual([...expected].sort());
    // Each writer's own notes stay in its order.
    for (let w = 0; w < WRITERS; w++) {
      expect(notes.filter((t) => t.startsWith(`writer ${w} `))).toEqual(mineOf(w));
    }
  });
});

describe('a writer killed with SIGKILL mid-burst', () => {
  it('loses at most the event being written; the log stays readable and writable', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    const file = logPath(box);
    // One process appending as fast as it can through the real CLI code path.
    const burst = `
      const { runCli } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli.js'))});
      const ctx = { cwd: process.cwd(), env: process.env, now: () => new Date(),
        stdout: { write() {} }, stderr: process.stderr, stdin: process.stdin, interactive: false };
      for (let i = 0; ; i++) await runCli(['node', 'oncall', 'note', 'burst ' + i + ' ' + 'x'.repeat(2000)], ctx);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', burst], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const baseline = statSync(file).size;
    await new Promise<void>((done, fail) => {
      const deadline = Date.now() + 20_000;
      const poll = setInterval(() => {
        if (statSync(file).size > baseline + 200_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        } else if (Date.now() > deadline || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          fail(new Error('the burst writer did not write enough'));
        }
      }, 5);
    });
    await new Promise((done) => child.on('close', done));

    const lines = readFileSync(file, 'utf8').split('\n');
    const complete = lines.slice(0, -1); // the last piece is '' or a torn line
    const events = complete.map((line) => JSON.parse(line));
    const bursts = events.filter((e) => e.type === 'note').map((e) => Number(e.text.split(' ')[1]));
    expect(bursts.length).toBeGreaterThan(50);
    expect(bursts).toEqual(bursts.map((_, i) => i)); // no gaps: only the last one may be lost

    // Writing goes on, on a fresh line even if the killed writer left half of one.
    expect(oncall(box, ['note', 'after the crash']).code).toBe(0);
    const timeline = oncall(box, ['timeline', '--json']);
    expect(timeline.code).toBe(0);
    const texts = JSON.parse(timeline.stdout).map((e: { text?: string }) => e.text);
    expect(texts).toContain('after the crash');
    expect(texts.filter((t: string | undefined) => t?.startsWith('burst '))).toHaveLength(
      bursts.length,
    );
    expect(id).toBeTruthy();
  });

  it('a torn last line is reported by file:line and the next event starts on its own line', async () => {
    const box = sandbox();
    await startIncident(box);
    const file = logPath(box);
    appendFileSync(file, '{"v":1,"id":"torn","incident":"x","ts":"2026-11-22T03:');
    expect(oncall(box, ['note', 'written after a torn line']).code).toBe(0);
    const r = oncall(box, ['timeline']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${file}:2:`);
    expect(r.stdout).toContain('written after a torn line');
    expect(readFileSync(file, 'utf8')).toContain('"ts":"2026-11-22T03:\n{');
  });
});
