// `oncall list` and `oncall use` run in process: several incidents on one
// machine, the active one marked, and switching which one notes go to.
import { afterEach, describe, expect, it } from 'vitest';
import { listCommand } from '../../../../src/commands/list/definition.js';
import { list } from '../../../../src/commands/list/list.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { useCommand } from '../../../../src/commands/use/definition.js';
import { use } from '../../../../src/commands/use/use.js';
import { UsageError } from '../../../../src/errors.js';
import {
  eventsOf,
  MINUTE,
  startIncidentIn,
  type TestContext,
  testContext,
} from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

/** The active incident, as `oncall list --json` tells it. */
async function activeAfter(ctx: TestContext): Promise<string | undefined> {
  ctx.stdout.take();
  await invoke(ctx, list, listCommand, { json: true });
  const rows = JSON.parse(ctx.stdout.take()) as { id: string; active: boolean }[];
  return rows.find((r) => r.active)?.id;
}

async function twoIncidents() {
  const ctx = testContext();
  const checkout = await startIncidentIn(ctx);
  ctx.clock.advance(30 * MINUTE);
  const search = await startIncidentIn(ctx, { title: 'Search is slow', sev: 'SEV3' });
  return { ctx, checkout, search };
}

describe('list', () => {
  it('with none: says how to start one', async () => {
    const ctx = testContext();
    await invoke(ctx, list, listCommand, {});
    expect(ctx.stdout.take()).toBe('No incidents yet. Start one with `oncall start`.\n');
  });

  it('newest first, the active one starred', async () => {
    const { ctx, checkout, search } = await twoIncidents();
    await invoke(ctx, list, listCommand, {});
    expect(ctx.stdout.take().split('\n')).toEqual([
      `* ${search}  SEV3 active    Search is slow`,
      `  ${checkout}  SEV2 active    Checkout returns 500`,
      '* active: `oncall note` writes here. Switch with `oncall use <id>`.',
      '',
    ]);
  });

  it('--json is data', async () => {
    const { ctx, checkout, search } = await twoIncidents();
    await invoke(ctx, list, listCommand, { json: true });
    expect(JSON.parse(ctx.stdout.take())).toEqual([
      {
        id: search,
        active: true,
        title: 'Search is slow',
        severity: 'SEV3',
        status: 'active',
        startedAt: '2026-03-12T02:40:00.000Z',
        commander: 'alice@host',
        drill: false,
      },
      {
        id: checkout,
        active: false,
        title: 'Checkout returns 500',
        severity: 'SEV2',
        status: 'active',
        startedAt: '2026-03-12T02:10:00.000Z',
        commander: 'alice@host',
        drill: false,
      },
    ]);
  });
});

describe('use', () => {
  it('switches the active incident (by a unique part of its id), and notes follow', async () => {
    const { ctx, checkout, search } = await twoIncidents();
    await invoke(ctx, use, useCommand, { id: 'checkout' });
    expect(ctx.stdout.take()).toBe(`Active incident: ${checkout}\n`);
    await invoke(ctx, note, noteCommand, { text: ['back on checkout'] });
    expect(eventsOf(ctx, checkout).at(-1)).toMatchObject({ text: 'back on checkout' });
    expect(eventsOf(ctx, search).map((e) => e.type)).toEqual(['incident.opened']);
  });

  it('an unknown id is a UsageError (exit 2) saying where to see the ids', async () => {
    const { ctx, search } = await twoIncidents();
    const error = await invoke(ctx, use, useCommand, { id: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({
      exitCode: 2,
      message: '`oncall use nope`: no incident has that id. Run `oncall list` to see ids.',
    });
    expect(await activeAfter(ctx)).toBe(search);
  });
});

describe('list on the night clocks go back', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('orders by when each was opened, not by the local time in the id', async () => {
    // Ids are written in the process's zone, as the bin runs in the responder's.
    process.env.TZ = 'America/New_York';
    const ctx = testContext({ now: '2026-11-01T05:40:00.000Z', env: { TZ: 'America/New_York' } });
    const edt = await startIncidentIn(ctx, { title: 'Checkout returns 500' }); // 01:40 EDT
    ctx.clock.set('2026-11-01T06:10:00.000Z'); // 01:10 EST, half an hour later
    const est = await startIncidentIn(ctx, { title: 'Search is slow' });
    expect([edt.slice(11, 15), est.slice(11, 15)]).toEqual(['0140', '0110']);
    await invoke(ctx, list, listCommand, { json: true });
    const rows = JSON.parse(ctx.stdout.take()) as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual([est, edt]);
    await invoke(ctx, list, listCommand, {});
    expect(ctx.stdout.take().split('\n').slice(0, 2)).toEqual([
      `* ${est}  SEV2 active    Search is slow`,
      `  ${edt}  SEV2 active    Checkout returns 500`,
    ]);
  });
});
