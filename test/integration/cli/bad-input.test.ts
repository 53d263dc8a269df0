// Bad input gets a one-line reason, a non-zero exit, and the log untouched.
// (A reader that goes away, `| head`, needs the real process: test/e2e/flows/reader-gone.test.ts.)
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, readEvents, sandbox, startIncident } from '../../helpers/in-process.js';

describe('a damaged line in the middle of a log', () => {
  it('warns once with file:line, shows everything else, exits 0 and deletes nothing', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['note', 'before the damage']);
    const file = logPath(box);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}this is not json\n{"v":1,"type":"note"}\n`);
    await oncall(box, ['note', 'after the damage']);
    const before = readFileSync(file, 'utf8');

    for (const args of [['timeline'], ['status'], ['export'], ['list']]) {
      const r = await oncall(box, args);
      expect(r.code, args.join(' ')).toBe(0);
      const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
      expect(warnings).toEqual([
        expect.stringContaining(`${file}:3: not valid JSON`),
        expect.stringContaining(`${file}:4: `),
      ]);
    }
    const timeline = (await oncall(box, ['timeline'])).stdout;
    expect(timeline).toContain('before the damage');
    expect(timeline).toContain('after the damage');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('a log an editor saved with a byte-order mark', () => {
  it('reads as it did before: no line skipped, nothing rewritten', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['note', 'before the editor']);
    const file = logPath(box);
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    const before = readFileSync(file);

    for (const args of [['timeline'], ['status'], ['export'], ['list'], ['postmortem']]) {
      const r = await oncall(box, args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(' ')).not.toContain('warning:');
    }
    expect((await oncall(box, ['timeline'])).stdout).toContain('incident declared');
    expect(readFileSync(file)).toEqual(before);
    expect((await oncall(box, ['sev', 'SEV1', '--no-post'])).code).toBe(0);
    expect(readFileSync(file).subarray(0, before.length)).toEqual(before);
  });
});

describe('incident ids read from the disk', () => {
  it('an active pointer that names a path is refused, naming the file and the fix; nothing is written there', async () => {
    const box = sandbox();
    await startIncident(box);
    const elsewhere = join(box.home, 'elsewhere');
    mkdirSync(elsewhere);
    copyFileSync(logPath(box), join(elsewhere, 'events.jsonl'));
    const before = readFileSync(join(elsewhere, 'events.jsonl'));
    for (const pointer of ['../elsewhere', `${join(box.home, 'elsewhere')}`, '\u001b]0;x\u0007']) {
      writeFileSync(join(box.home, 'active'), `${pointer}\n`);
      for (const args of [['note', 'lost?'], ['status'], ['timeline'], ['sev', 'SEV1']]) {
        const r = await oncall(box, args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(
          /^oncall: \S+\/active names ".*", which is not an incident id.*`oncall use <id>`/,
        );
        expect(r.stderr).not.toContain('\u001b');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect((await oncall(box, ['list'])).code).toBe(0);
    }
    expect(readFileSync(join(elsewhere, 'events.jsonl'))).toEqual(before);
    const id = readdirSync(join(box.home, 'incidents'))[0] ?? '';
    expect((await oncall(box, ['use', id])).code).toBe(0);
    expect((await oncall(box, ['note', 'back home'])).code).toBe(0);
  });

  it('an id that names no incident is refused in the words it was given, with the fix; nothing is written', async () => {
    const box = sandbox();
    await startIncident(box);
    const before = readFileSync(logPath(box));
    const use = await oncall(box, ['use', 'evil']);
    expect(use.code).toBe(2);
    expect(use.stderr).toBe(
      'oncall: `oncall use evil`: no incident has that id. Run `oncall list` to see ids.\n',
    );
    for (const args of [
      ['note', '--incident', 'evil', 'x'],
      ['status', '--incident', 'evil'],
      ['run', '--incident', 'evil', '--', 'true'],
    ]) {
      const r = await oncall(box, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(
        'oncall: --incident evil: no incident has that id. Run `oncall list` to see ids, or leave --incident out for the active one.\n',
      );
    }
    expect(readFileSync(logPath(box))).toEqual(before);
  });

  it('an active pointer naming an incident whose folder is gone: exit 2, naming the pointer and the fix', async () => {
    const box = sandbox();
    await startIncident(box);
    writeFileSync(join(box.home, 'active'), '2026-01-01-0000-gone\n');
    for (const args of [['note', 'lost?'], ['status'], ['timeline'], ['sev', 'SEV1']]) {
      const r = await oncall(box, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(
        /^oncall: the active incident 2026-01-01-0000-gone \(named in \S+\/active\) has no log at \S+: it was moved or deleted\. Pick another with `oncall use <id>`/,
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readdirSync(join(box.home, 'incidents'))).toHaveLength(1);
  });

  it('a folder that is not named as an incident is not one: never listed, used or printed raw', async () => {
    const box = sandbox();
    await startIncident(box);
    const log = logPath(box);
    const odd = join(box.home, 'incidents', 'evil\u001b]0;pwned\u0007');
    mkdirSync(odd);
    copyFileSync(log, join(odd, 'events.jsonl'));
    const list = await oncall(box, ['list']);
    expect(list.stdout).not.toContain('evil');
    const use = await oncall(box, ['use', 'evil']);
    expect(use.code).toBe(2);
    expect(use.stdout + use.stderr).not.toContain('\u001b');
  });
});

describe('no TTY and a missing answer', () => {
  it('exits 2 naming the flag, without prompting or hanging', async () => {
    const box = sandbox();
    const r = await oncall(box, ['start', '--sev', 'SEV2', '--runbook', 'none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^oncall: missing --title/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const noSev = await oncall(box, ['start', '--title', 'x', '--no-input', '--runbook', 'none']);
    expect(noSev.code).toBe(2);
    expect(noSev.stderr).toContain('--sev');
  });
});

describe('usage errors', () => {
  it('give one line with the fix and leave the log untouched', async () => {
    const box = sandbox();
    await startIncident(box);
    const before = readFileSync(logPath(box), 'utf8');
    const cases: [string[], RegExp][] = [
      [['sev', 'SEV9'], /SEV9: not a severity/],
      [['note', '--at', 'yesterday-ish', 'x'], /--at yesterday-ish: not a time/],
      [['note', '--at', '2099-01-01T00:00:00Z', 'x'], /in the future/],
      [['note', '--kind', 'rumour', 'x'], /rumour/],
      [['note', '--bogus', 'x'], /--bogus/],
      [['note'], /`oncall note` needs <text>: .* Type: `oncall note "<text>"`/],
      [['note', '--action', '--finding', 'x'], /pick one kind/],
      [['start', '--title', 'x', '--sev', 'SEV7', '--no-input'], /SEV7/],
    ];
    for (const [args, message] of cases) {
      const r = await oncall(box, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(logPath(box), 'utf8')).toBe(before);
  });

  it('note without an active incident says how to start one', async () => {
    const box = sandbox();
    const r = await oncall(box, ['note', 'hello']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('oncall start');
  });

  it('a malformed config reports every problem with its path, exit 2', async () => {
    const box = sandbox();
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      'contacts:\n  alice:\n    phone: 555\nseverities:\n  SEV1: { updateEveryMinutes: -5 }\nsurprise: true\n',
    );
    const r = await oncall(box, ['config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('oncall.config.yaml: contacts.alice.name');
    expect(r.stderr).toContain('contacts.alice.phone');
    expect(r.stderr).toContain('severities.SEV1.updateEveryMinutes');
    expect(r.stderr).toContain('surprise');
  });

  it('init writes a config that config then reads', async () => {
    const box = sandbox();
    expect((await oncall(box, ['init'])).code).toBe(0);
    const r = await oncall(box, ['config', '--json']);
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout);
    expect(config.sources).toEqual([join(box.cwd, 'oncall.config.yaml')]);
    expect(Object.keys(config.contacts)).toEqual(['alice', 'bob']);
    expect(config.runbookDirs).toEqual([join(box.cwd, 'runbooks')]);
    expect((await oncall(box, ['init'])).code).toBe(2); // never overwrites silently
  });

  it('the user config under XDG_CONFIG_HOME is found too', async () => {
    const box = sandbox();
    expect((await oncall(box, ['init', '--user'])).code).toBe(0);
    const config = JSON.parse((await oncall(box, ['config', '--json'])).stdout);
    expect(config.sources).toEqual([join(box.env.XDG_CONFIG_HOME ?? '', 'oncall', 'config.yaml')]);
    expect(readEvents).toBeTypeOf('function');
  });
});
