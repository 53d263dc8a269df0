// A peer's file copied into the incident's peers/ folder: its events new here
// are received, however many (a call takes about 125,000 arguments at most;
// a peer's long night is more events than that).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPeers } from '../../../../src/use-cases/share/peers.js';

/** A peer's log of `count` notes, as its file holds them. */
function peerLog(count: number): string {
  const start = Date.parse('2026-11-22T02:00:00.000Z');
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      JSON.stringify({
        v: 1,
        id: `bob-${i}`,
        incident: 'inc-1',
        ts: new Date(start + i * 10).toISOString(),
        actor: 'bob@laptop',
        type: 'note',
        kind: 'note',
        text: `note ${i}`,
      }),
    );
  return `${lines.join('\n')}\n`;
}

describe('copyPeers', () => {
  it("receives every new event of a peer's long night, and writes its file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-peers-'));
    const count = 130_000;
    const text = peerLog(count);
    const own = { name: 'alice@host', ids: new Set(['bob-0']) };
    const copied = copyPeers(dir, [{ name: 'bob@laptop', tags: [], text }], own);
    // All but the one the own log already has, in the peer's order.
    expect(copied.received).toHaveLength(count - 1);
    expect(copied.received[0]?.id).toBe('bob-1');
    expect(copied.received.at(-1)?.id).toBe(`bob-${count - 1}`);
    expect(copied.files.get('bob@laptop.jsonl')).toHaveLength(count);
    expect(readFileSync(join(dir, 'peers', 'bob@laptop.jsonl'), 'utf8')).toBe(text);
  });
});
