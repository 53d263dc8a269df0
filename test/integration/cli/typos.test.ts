// Typos a tired person makes: every unknown command and flag gets the nearest
// match and the line to type, exit 2, and the log untouched. Through the real
// commander wiring, in process; the note's fast path reads the same hints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noteOptions } from '../../../src/fast-note.js';
import { logPath, oncall, sandbox, startIncident } from '../../helpers/in-process.js';

describe('a mistyped command or flag', () => {
  it('gets the nearest name and the whole line to type, exit 2, nothing recorded', async () => {
    const box = sandbox();
    await startIncident(box);
    const before = readFileSync(logPath(box), 'utf8');
    const cases: [string[], string][] = [
      [['nots', 'db slow'], "unknown command 'nots': did you mean `oncall note 'db slow'`?"],
      [
        ['udpate', 'rolled back'],
        "unknown command 'udpate': did you mean `oncall update 'rolled back'`?",
      ],
      [
        ['escalte', '--to', 'x'],
        "unknown command 'escalte': did you mean `oncall escalate --to x`?",
      ],
      [
        ['run', 'kubectl', '-n', 'x', 'get', 'pods'],
        "unknown option '-n' for `oncall run`: put `--` before the command, so its words are not read as oncall's: `oncall run -- kubectl -n x get pods`",
      ],
      [
        ['note', '--hypo', 'pool exhausted'],
        "unknown option '--hypo' for `oncall note`: did you mean --hypothesis? Type: `oncall note --hypothesis 'pool exhausted'`",
      ],
      [
        ['note', '-hypothesis', 'pool exhausted'],
        "unknown option '-hypothesis' for `oncall note`: did you mean --hypothesis? Type: `oncall note --hypothesis 'pool exhausted'`",
      ],
      [['reslove'], "unknown command 'reslove': did you mean `oncall resolve`?"],
      [['runbook', 'lsit'], "unknown command 'runbook lsit': did you mean `oncall runbook list`?"],
      [
        ['handoff', '--too', 'bob'],
        "unknown option '--too' for `oncall handoff`: did you mean --to? Type: `oncall handoff --to bob`",
      ],
      [
        ['--incidnet', 'x', 'status'],
        "unknown option '--incidnet': did you mean --incident? Type: `oncall --incident x status`",
      ],
      [
        ['sev', '1', 'EU', 'down'],
        "too many words for `oncall sev`: it takes <level>, and 'EU down' are extra: did you mean `oncall sev 1 --reason 'EU down'`?",
      ],
      [
        ['handoff', 'bob'],
        "too many words for `oncall handoff`: it takes no words, and 'bob' is extra: did you mean `oncall handoff --to bob`?",
      ],
      [
        ['status', 'now'],
        "too many words for `oncall status`: it takes no words, and 'now' is extra. Type: `oncall status`",
      ],
      [
        ['note', '--confirm', 'pool'],
        "unknown option '--confirm' for `oncall note`: did you mean --confirmed? Type: `oncall note --confirmed pool`",
      ],
      [
        ['outbox', '--jsn'],
        "unknown option '--jsn' for `oncall outbox`: did you mean --json? Type: `oncall outbox --json`",
      ],
      [
        ['note', '--kind', 'findng', 'x'],
        '--kind findng: did you mean --kind finding? use one of note, action, finding',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await oncall(box, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`oncall: ${message}`);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/too many arguments|^error:/m);
    }
    expect(readFileSync(logPath(box), 'utf8')).toBe(before);
  });

  it('a command without what it needs says what is missing and the line to type', async () => {
    const box = sandbox();
    await startIncident(box);
    const before = readFileSync(logPath(box), 'utf8');
    const cases: [string[], string][] = [
      [
        ['impact'],
        '`oncall impact` needs <text>: who is affected, what they see, how many. Type: `oncall impact "<text>"`',
      ],
      [
        ['sev'],
        '`oncall sev` needs <level>: SEV1..SEV4 (if unsure, pick the higher one). Type: `oncall sev <level>`',
      ],
      [['run'], 'Type: `oncall run -- <command>`'],
      [['runbook', 'show'], 'Type: `oncall runbook show <runbook>`'],
      [
        ['escalate', '--ask', 'look at db-1', '--to'],
        "--to in `oncall escalate` needs <who>: contact key or name from config (see `oncall contacts`). Type: `oncall escalate --ask 'look at db-1' --to <who>`",
      ],
      [['note', '--hypothesis', '-k'], 'Type: `oncall note --hypothesis --kind <kind>`'],
      [['--incident'], 'Type: `oncall --incident <id> <command>`'],
    ];
    for (const [args, message] of cases) {
      const r = await oncall(box, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr, args.join(' ')).toMatch(/^oncall: [^\n]+\n$/);
      expect(r.stderr).not.toMatch(/^error:|argument missing|missing required/m);
    }
    expect(readFileSync(logPath(box), 'utf8')).toBe(before);
  });

  it('a word far from every command lists the commands', async () => {
    const r = await oncall(sandbox(), ['xyzzy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^oncall: unknown command 'xyzzy'\. The commands: start, note, run/);
  });

  it("the note's fast path (node's parseArgs) gives the same hints", () => {
    expect(() => noteOptions(['--hypo', 'x'])).toThrow(
      "unknown option '--hypo' for `oncall note`: did you mean --hypothesis? Type: `oncall note --hypothesis x`",
    );
    expect(() => noteOptions(['-hypothesis', 'x'])).toThrow('did you mean --hypothesis?');
    expect(() => noteOptions([])).toThrow('`oncall note` needs <text>');
    expect(() => noteOptions(['--kind'])).toThrow('Type: `oncall note --kind <kind>`');
    expect(() => noteOptions(['--finding=x'])).toThrow(
      "Option '--finding' does not take an argument",
    );
  });
});
