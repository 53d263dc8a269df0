// The stream of `oncall shell` read as it comes (our OSC sequences found
// however the chunks are cut), a command's output tail as a screen showed it,
// and the session's asciicast: what was typed replaced by its redacted line,
// output redacted a line at a time, a hidden command left out, events in order.
import { describe, expect, it } from 'vitest';
import { OscScanner, type StreamPiece } from '../../../../src/domain/capture/osc.js';
import { screenLines, screenTail } from '../../../../src/domain/capture/screen.js';
import { castHeaderLine, SessionTape } from '../../../../src/domain/capture/tape.js';

describe('the terminal stream', () => {
  it('yields text and OSC sequences, an OSC cut by a chunk boundary held for its end', () => {
    const stream = 'a\x1b]133;C\x07out\x1b]6973;nonce;oncall1\tF\x07b\x1b]0;title\x1b\\c';
    const pieces: StreamPiece[] = [];
    const scanner = new OscScanner();
    for (let i = 0; i < stream.length; i += 3) pieces.push(...scanner.push(stream.slice(i, i + 3)));
    pieces.push(...scanner.flush());
    const oscs = pieces.filter((p) => 'osc' in p);
    expect(oscs.map((p) => 'osc' in p && [p.osc, p.payload])).toEqual([
      [133, 'C'],
      [6973, 'nonce;oncall1\tF'],
      [0, 'title'],
    ]);
    const text = pieces.map((p) => ('text' in p ? p.text : '|')).join('');
    expect(text).toBe('a|out|b|c');
  });

  it('shows an unterminated sequence as text at the end', () => {
    const scanner = new OscScanner();
    expect(scanner.push('x\x1b]6973;never ends')).toEqual([{ text: 'x' }]);
    expect(scanner.flush()).toEqual([{ text: '\x1b]6973;never ends' }]);
  });
});

describe('output as a screen showed it', () => {
  it('drops escapes, keeps what a carriage return overwrote last, trims blank ends', () => {
    expect(screenLines('\r\n\x1b[31mred\x1b[0m\r\n10%\r50%\r100%\r\n\n')).toEqual(['red', '100%']);
    expect(screenTail('bell\x07 and \x1b(Bcharset')).toBe('bell\\x07 and charset');
  });
});

describe('the session recording', () => {
  const T = 1_773_281_400_000;
  function tape() {
    const lines: string[] = [];
    const redact = (t: string) => t.replaceAll('S3cret', '[REDACTED]');
    return { lines, tape: new SessionTape(T, (line) => lines.push(line), redact) };
  }
  const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l));

  it('writes a recorded command as its redacted line and redacted output, with its range', () => {
    const { lines, tape: t } = tape();
    t.shown(T + 100, 'P> mysql -pS3');
    t.shown(T + 200, 'cret\r\n');
    t.outputStarts(T + 250);
    t.shown(T + 300, 'password S3');
    t.resized(T + 350, 100, 30);
    t.shown(T + 400, 'cret ok\r\nmore');
    const taped = t.recorded(T + 500, 'mysql -pS3cret', '#1');
    expect(taped).toEqual({ start: 0.1, end: 0.5, outputTail: 'password [REDACTED] ok\nmore' });
    expect(parsed(lines)).toEqual([
      [0.1, 'm', '#1 mysql -p[REDACTED]'],
      [0.1, 'o', '$ mysql -p[REDACTED]\r\n'],
      [0.35, 'r', '100x30'],
      [0.4, 'o', 'password [REDACTED] ok\r\n'],
      [0.4, 'o', 'more'],
      // Its record came after its output: the recording lasts until then, so the range is inside it.
      [0.5, 'o', ''],
    ]);
  });

  it('leaves out what is not recorded, and what was typed at a prompt but never run', () => {
    const { lines, tape: t } = tape();
    t.shown(T + 100, 'P>  echo hidden\r\n');
    t.outputStarts(T + 150);
    t.shown(T + 200, 'hidden\r\n');
    t.notRecorded(T + 300);
    t.shown(T + 400, 'P> half-typed S3cret');
    t.end();
    expect(parsed(lines)).toEqual([[0.1, 'o', '[not recorded]\r\n']]);
    expect(
      castHeaderLine({
        width: 80,
        height: 24,
        timestamp: 1,
        title: 't',
        env: { SHELL: '/bin/bash', TERM: 'xterm' },
      }),
    ).toBe(
      '{"version":2,"width":80,"height":24,"timestamp":1,"title":"t","env":{"SHELL":"/bin/bash","TERM":"xterm"}}\n',
    );
  });
});
