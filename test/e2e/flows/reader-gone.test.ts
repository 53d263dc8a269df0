// `oncall … | head`: the reader leaves before oncall is done. Only the real
// process has a stdout pipe that can break (EPIPE).

import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logPath, readEvents, sandbox, startIncident } from '../../helpers/cli.js';

describe('a reader that goes away', () => {
  it('`oncall … | head` ends quietly, without a stack', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../../helpers/paths.js');
    const box = sandbox();
    const child = spawn(process.execPath, [BIN, 'drill', 'site-down-after-deploy', '--dry-run'], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy()); // like `head -1`
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('a note whose reader is already gone is still recorded, and ends quietly', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../../helpers/paths.js');
    const box = sandbox();
    await startIncident(box);
    const child = spawn(process.execPath, [BIN, 'note', 'pool at 100%'], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // like `| head -0`: nobody reads the confirmation
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'note', text: 'pool at 100%' });
  });

  it('`oncall timeline | head -1` on a long night (written straight to the pipe) ends quietly', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../../helpers/paths.js');
    const box = sandbox();
    await startIncident(box);
    // A night long enough that the timeline goes out in many writes, most after the reader left.
    const [opened] = readEvents(box);
    const notes = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        ...opened,
        id: `0190f0d0-0000-7000-8000-${String(i).padStart(12, '0')}`,
        type: 'note',
        kind: 'note',
        text: `note ${i}: ${'pool saturated '.repeat(4)}`,
        ts: new Date(Date.parse(String(opened?.ts)) + (i + 1) * 1000).toISOString(),
        ...{ title: undefined, service: undefined, severity: undefined },
      }),
    );
    appendFileSync(logPath(box), `${notes.join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'timeline'], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let seen = '';
    child.stdout.once('data', (d) => {
      seen += d;
      child.stdout.destroy(); // like `head -1`
    });
    const code = await new Promise((done) => child.on('close', done));
    expect(seen).toContain('note 0');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
