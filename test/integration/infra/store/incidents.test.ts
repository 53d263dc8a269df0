// The store against a data folder that is not usable: one clean line (an
// OncallError, exit 1), nothing left half-made, no temporary file left behind.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OncallError } from '../../../../src/errors.js';
import { type AppendFs, systemFs } from '../../../../src/infra/store/append.js';
import { writeFileAtomic } from '../../../../src/infra/store/atomic.js';
import {
  activateNewIncident,
  createIncident,
  listIncidentIds,
  readActiveId,
  setActiveId,
} from '../../../../src/infra/store/incidents.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

const now = new Date('2026-11-22T03:00:00.000Z');
const opened = (id: string) => [
  makeEvent(
    { type: 'incident.opened', title: 'Checkout down', severity: 'SEV2' },
    { incident: id, actor: 'a@b', now },
  ),
];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'oncall-store-'));
}

function oneLineFailure(run: () => unknown, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OncallError);
    expect((error as OncallError).exitCode).toBe(1);
    expect((error as OncallError).message).toMatch(pattern);
    expect((error as OncallError).message).not.toContain('\n');
    return;
  }
  throw new Error('expected a failure');
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('a data folder that is a file', () => {
  it('creating, listing and reading the active incident each fail with one line; nothing is created', () => {
    const dir = scratch();
    const home = join(dir, 'home');
    writeFileSync(home, 'not a folder');
    // "cannot create <home>/incidents: <home> is a file…", or "cannot create <home>: it is…"
    const fileInTheWay = new RegExp(
      `^cannot \\w+ ${home}[^:]*: (${home}|it) is a file where a folder should be\\. Move it away`,
    );
    oneLineFailure(() => createIncident(home, 'x', opened), fileInTheWay);
    oneLineFailure(() => listIncidentIds(home), fileInTheWay);
    oneLineFailure(() => readActiveId(home), fileInTheWay);
    oneLineFailure(() => setActiveId(home, 'x'), fileInTheWay);
    oneLineFailure(() => createIncident(join(home, 'below'), 'x', opened), fileInTheWay);
    expect(tree(dir)).toEqual(['home']);
    expect(readFileSync(home, 'utf8')).toBe('not a folder');
  });

  it('a data folder that does not exist yet is simply empty', () => {
    const home = join(scratch(), 'home');
    expect(listIncidentIds(home)).toEqual([]);
    expect(readActiveId(home)).toBeUndefined();
  });
});

describe('a start that fails half-way', () => {
  it('removes the incident folder and log it made when the log cannot be written', () => {
    const home = join(scratch(), 'home');
    mkdirSync(join(home, 'incidents'), { recursive: true });
    const full: AppendFs = {
      ...systemFs,
      write: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      },
    };
    oneLineFailure(
      () => createIncident(home, 'x', opened, { fs: full }),
      /^cannot write \S+\/incidents\/x\/events\.jsonl: the disk is full\./,
    );
    expect(tree(home)).toEqual(['incidents']);
  });

  it('leaves alone what it did not make', () => {
    const home = join(scratch(), 'home');
    // Something where the log should be: its creation fails after the incident folder exists.
    const blocker = (taken: string) => {
      mkdirSync(join(home, 'incidents', taken, 'events.jsonl'), { recursive: true });
      return opened(taken);
    };
    oneLineFailure(
      () => createIncident(home, 'x', blocker),
      /^cannot create \S+events\.jsonl: it already exists\.$/,
    );
    expect(tree(join(home, 'incidents'))).toEqual(['x', 'x/events.jsonl']);
  });

  it('removes the data folders it created for it, too', () => {
    const dir = scratch();
    const home = join(dir, 'home');
    const failing = () => {
      throw new OncallError('the first event could not be built');
    };
    expect(() => createIncident(home, 'x', failing)).toThrow(/could not be built/);
    expect(existsSync(home)).toBe(false);
  });

  it('removes the new incident when it cannot be made active, and leaves no temp file', () => {
    const home = join(scratch(), 'home');
    const ref = createIncident(home, 'x', opened);
    mkdirSync(join(home, 'active', 'in-the-way'), { recursive: true });
    oneLineFailure(
      () => activateNewIncident(home, ref),
      new RegExp(`cannot write ${join(home, 'active')}: it is a folder where a file should be`),
    );
    expect(existsSync(ref.dir)).toBe(false);
    expect(tree(home)).toEqual(['active', 'active/in-the-way', 'incidents']);
  });

  it('keeps an incident someone already wrote to, even if activating it failed', () => {
    const home = join(scratch(), 'home');
    const ref = createIncident(home, 'x', opened);
    writeFileSync(ref.file, `${readFileSync(ref.file, 'utf8')}{"another":"event"}\n`);
    mkdirSync(join(home, 'active', 'in-the-way'), { recursive: true });
    expect(() => activateNewIncident(home, ref)).toThrow(OncallError);
    expect(readFileSync(ref.file, 'utf8').split('\n')).toHaveLength(3);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole', () => {
    const file = join(scratch(), 'active');
    writeFileAtomic(file, 'one\n');
    writeFileAtomic(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
  });

  it('removes its temporary file when the replace fails', () => {
    const dir = scratch();
    const file = join(dir, 'postmortem.md');
    mkdirSync(join(file, 'in-the-way'), { recursive: true });
    expect(() => writeFileAtomic(file, 'draft')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(tree(dir)).toEqual(['postmortem.md', 'postmortem.md/in-the-way']);
  });
});

describe('activateNewIncident', () => {
  it('says which incident it replaced and what the pointer names after, leaving no lock behind', () => {
    const home = join(scratch(), 'home');
    const first = createIncident(home, 'first', opened);
    expect(activateNewIncident(home, first)).toEqual({ active: 'first' });
    const second = createIncident(home, 'second', opened);
    expect(activateNewIncident(home, second)).toEqual({ replaced: 'first', active: 'second' });
    expect(readdirSync(home).sort()).toEqual(['active', 'incidents']);
  });

  it('takes over a lock left by a crashed start once it is stale, and waits no more than a second for a live one', () => {
    const home = join(scratch(), 'home');
    const ref = createIncident(home, 'x', opened);
    const lock = join(home, 'active.lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    let started = Date.now();
    expect(activateNewIncident(home, ref)).toEqual({ active: 'x' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(existsSync(lock)).toBe(false);
    // A fresh lock that is never released: the pointer is still written, after the wait.
    writeFileSync(lock, '');
    const other = createIncident(home, 'y', opened);
    started = Date.now();
    expect(activateNewIncident(home, other)).toEqual({ replaced: 'x', active: 'y' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(existsSync(lock)).toBe(true); // not ours to remove
  });
});
