// The hooks' records as the recorder reads them: each shell's encoding and
// clock, bash's `history 1` text through a FIFO in pieces, and anything that
// is not a record dropped.
import { describe, expect, it } from 'vitest';
import {
  decodeField,
  historyLine,
  parseRecord,
  RecordLines,
  toMs,
} from '../../../../src/domain/capture/record.js';

const T = 1_773_281_400_000; // 2026-03-12T02:10:00Z
const line = (...fields: string[]) => fields.join('\t');

describe('a record', () => {
  it('from zsh: escaped fields, float times, exit code and pipestatus', () => {
    const r = parseRecord(
      line(
        'oncall1',
        'F',
        'zsh',
        '42-17',
        '3',
        '1773281400.250000',
        '1773281401,750000',
        '0',
        '2 0',
        '',
        'b',
        '/home/a\\tb',
        'echo "multi\\nline" \\\\ \\e',
      ),
      T + 5000,
    );
    expect(r).toEqual({
      kind: 'F',
      shell: 'zsh',
      session: '42-17',
      seq: 3,
      cwd: '/home/a\tb',
      command: 'echo "multi\nline" \\ \x1b',
      arrivedAtMs: T + 5000,
      exitCode: 0,
      pipestatus: [2, 0],
      startMs: T + 250,
      endMs: T + 1750,
      durationMs: 1500,
    });
  });

  it("from bash: the start in EPOCHREALTIME's digits (microseconds)", () => {
    const r = parseRecord(
      line('oncall1', 'F', 'bash', 's', '1', `${T + 100}000`, `${(T + 400) / 1000}`, '1', '1'),
      T + 999,
    );
    expect(r?.startMs).toBe(T + 100);
    expect(r?.endMs).toBe(T + 400);
    expect(r?.durationMs).toBe(300);
    expect(r?.exitCode).toBe(1);
    expect(r?.pipestatus).toBeUndefined();
  });

  it('from fish: no clock, so the end is its arrival and the start that minus its duration', () => {
    const r = parseRecord(
      line(
        'oncall1',
        'F',
        'fish',
        's',
        '',
        '',
        '',
        '127',
        '127',
        '40',
        'u',
        '/tmp/a%20b',
        'ls%09%C3%A9',
      ),
      T,
    );
    expect(r).toMatchObject({ endMs: T, startMs: T - 40, durationMs: 40, exitCode: 127 });
    expect(r?.cwd).toBe('/tmp/a b');
    expect(r?.command).toBe('ls\té');
  });

  it('is not one when its tag, kind or shell is unknown', () => {
    expect(parseRecord('hello world', T)).toBeUndefined();
    expect(parseRecord(line('oncall1', 'Q', 'bash'), T)).toBeUndefined();
    expect(parseRecord(line('oncall1', 'F', 'tcsh'), T)).toBeUndefined();
  });

  it("reads bash's history line: the number and its edit mark off, a leading space kept", () => {
    expect(historyLine('  123  kubectl get pods\n')).toBe('kubectl get pods');
    expect(historyLine('    7* echo edited\n')).toBe('echo edited');
    expect(historyLine('   12   echo hidden\n')).toBe(' echo hidden');
    expect(decodeField('a%2', 'u')).toBe('a%2');
    expect(toMs('')).toBeUndefined();
    expect(toMs('garbage')).toBeUndefined();
  });
});

describe('records from a FIFO', () => {
  it('come whole however the stream is cut, a bash command up to its end line', () => {
    const reader = new RecordLines();
    const stream = [
      line('oncall1', 'S', 'zsh', 's', '1', '1773281400.5', '', '', '', '', 'b', '/', 'sleep 2'),
      '\n',
      line('oncall1', 'F', 'bash', 's', '2', `${T}000`, `${T / 1000}`, '0', '0', '', 'h', '/srv'),
      '\n  501  echo "a\nb"\noncall1\tE\n',
      'not a record\n',
    ].join('');
    const records = [];
    for (let i = 0; i < stream.length; i += 7) {
      records.push(...reader.push(stream.slice(i, i + 7), T));
    }
    expect(records.map((r) => [r.kind, r.shell, r.cwd, r.command])).toEqual([
      ['S', 'zsh', '/', 'sleep 2'],
      ['F', 'bash', '/srv', 'echo "a\nb"'],
    ]);
    expect(records[0]?.startMs).toBe(T + 500);
  });
});
