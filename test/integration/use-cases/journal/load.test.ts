// The one loader: a command reads the incident whole; the walk and
// `timeline --follow` keep a reader that reads on and folds on. Whatever it
// reads, a look ends where reading everything again ends.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { makeEvent } from '../../../../src/infra/store/log.js';
import { IncidentReader, loadIncident } from '../../../../src/use-cases/journal/load.js';
import { MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

async function started() {
  const ctx = testContext();
  const id = await startIncidentIn(ctx);
  const dir = join(ctx.home, 'incidents', id);
  const ref = { id, dir, file: join(dir, 'events.jsonl') };
  ctx.stdout.take();
  return { ctx, ref };
}

describe('IncidentReader', () => {
  it('reads on from its last look, as a whole read would end', async () => {
    const { ctx, ref } = await started();
    const reader = new IncidentReader(ctx, ref);
    expect(reader.look().whole).toBe(true);
    ctx.clock.advance(MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['pool exhausted'], hypothesis: true });
    const look = reader.look();
    expect(look.whole).toBe(false);
    expect(look.added.map((e) => e.type)).toEqual(['note']);
    expect(reader.state).toEqual(loadIncident(ctx, {}).state);
    expect(reader.look()).toEqual({ whole: false, added: [] });
  });

  it('warns about a damaged line once, and does not read a log again that did not change', async () => {
    const { ctx, ref } = await started();
    writeFileSync(ref.file, '{"cut short', { flag: 'a' });
    const reader = new IncidentReader(ctx, ref);
    reader.look();
    expect(ctx.stderr.take()).toContain(`${ref.file}:2`);
    // The last line ends mid-line: a whole read would read it all again, every look.
    expect(reader.look()).toEqual({ whole: false, added: [] });
    ctx.clock.advance(MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['after the cut'] });
    expect(reader.look().whole).toBe(true);
    expect(reader.state.notes.map((n) => n.text)).toEqual(['after the cut']);
    expect(ctx.stderr.take()).not.toContain(`${ref.file}:2`);
  });

  it("reads a joined incident's peers' logs alone until its own log exists", async () => {
    const { ctx, ref } = await started();
    const peers = join(ref.dir, 'peers');
    mkdirSync(peers);
    const opened = loadIncident(ctx, {}).events[0];
    const peerNote = makeEvent(
      { type: 'note', kind: 'finding', text: 'from bob' },
      { incident: ref.id, actor: 'bob@desk', now: ctx.now(), lamport: 2 },
    );
    writeFileSync(
      join(peers, 'bob@desk.jsonl'),
      `${JSON.stringify(opened)}\n${JSON.stringify(peerNote)}\n`,
    );
    rmSync(ref.file);
    const reader = new IncidentReader(ctx, ref);
    reader.look();
    expect(reader.state.notes.map((n) => `${n.actor}: ${n.text}`)).toEqual(['bob@desk: from bob']);
  });
});
