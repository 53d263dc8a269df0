// A terminal's FIFO and the orphan sweep: a recorder that drains after
// `capture off` must not take away the FIFO a `capture on` typed again just
// made for its own recorder, and another terminal's `capture on` must not
// sweep a FIFO whose recorder is still starting.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFifo, openFifo } from '../../../../src/infra/capture/fifo.js';
import { orphanFifos } from '../../../../src/infra/capture/sessions.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-fifo-'));
  dirs.push(dir);
  return dir;
}

describe('a recorder removing its FIFO', () => {
  it('removes the FIFO it opened', () => {
    const path = join(folder(), `${process.pid}-1.fifo`);
    makeFifo(path);
    const reader = openFifo(path);
    reader.removeIfOurs();
    reader.close();
    expect(existsSync(path)).toBe(false);
  });

  it('leaves the new FIFO made at its path since it opened the old one', () => {
    const path = join(folder(), `${process.pid}-1.fifo`);
    makeFifo(path);
    const draining = openFifo(path);
    makeFifo(path); // `capture on` again, while the old recorder drains
    draining.removeIfOurs();
    draining.close();
    expect(existsSync(path)).toBe(true);
    const next = openFifo(path);
    next.removeIfOurs();
    next.close();
    expect(existsSync(path)).toBe(false);
  });
});

describe('orphan FIFOs', () => {
  it('are those of a gone shell without a .on file; a live terminal keeps its starting FIFO', () => {
    const dir = folder();
    // A pid above any Linux pid_max: no such shell.
    const gone = join(dir, '4194305-7.fifo');
    const starting = join(dir, `${process.pid}-7.fifo`);
    const recording = join(dir, '4194306-7.fifo');
    for (const path of [gone, starting, recording]) makeFifo(path);
    writeFileSync(join(dir, '4194306-7.on'), `${process.pid}\tsome-incident\n`);
    expect(orphanFifos(dir)).toEqual([gone]);
  });
});
