// `oncall postmortem` run in process: a blameless draft from the log, written
// beside the log, regenerated freely but never over a person's edits.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mitigateCommand, resolveCommand } from '../../../../src/commands/milestone/definition.js';
import { milestoneCommand } from '../../../../src/commands/milestone/milestone.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { postmortemCommand } from '../../../../src/commands/postmortem/definition.js';
import { postmortem } from '../../../../src/commands/postmortem/postmortem.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, MINUTE, startIncidentIn, teamContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

async function resolvedIncident() {
  const ctx = teamContext();
  const id = await startIncidentIn(ctx, { impact: 'About 20% of checkouts fail' });
  ctx.clock.advance(20 * MINUTE);
  await invoke(ctx, note, noteCommand, { text: ['rolled back the 02:05 deploy'], action: true });
  await invoke(
    ctx,
    milestoneCommand,
    mitigateCommand,
    { summary: ['rollback'] },
    { milestone: 'mitigate' },
  );
  ctx.clock.advance(40 * MINUTE);
  await invoke(
    ctx,
    milestoneCommand,
    resolveCommand,
    { summary: ['fixed forward'] },
    { milestone: 'resolve' },
  );
  ctx.stdout.take();
  return { ctx, id, file: join(ctx.home, 'incidents', id, 'postmortem.md') };
}

describe('postmortem', () => {
  it('writes the draft into the incident folder, prints its path, records nothing', async () => {
    const { ctx, id, file } = await resolvedIncident();
    const before = eventsOf(ctx).length;
    await invoke(ctx, postmortem, postmortemCommand, {});
    expect(ctx.stdout.take()).toBe(`${file}\n`);
    expect(ctx.stderr.take()).toContain('Postmortem draft written.');
    const draft = readFileSync(file, 'utf8');
    expect(draft).toContain('Checkout returns 500');
    expect(draft).toContain(id);
    expect(draft).toContain('rolled back the 02:05 deploy');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(eventsOf(ctx)).toHaveLength(before);
  });

  it('regenerates its own draft, but refuses to overwrite an edited one without --force', async () => {
    const { ctx, file } = await resolvedIncident();
    await invoke(ctx, postmortem, postmortemCommand, {});
    await invoke(ctx, postmortem, postmortemCommand, {});
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nOur own words.\n`);
    const error = await invoke(ctx, postmortem, postmortemCommand, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain('postmortem.md was edited since it was generated');
    expect(readFileSync(file, 'utf8')).toContain('Our own words.');
    await invoke(ctx, postmortem, postmortemCommand, { force: true });
    expect(readFileSync(file, 'utf8')).not.toContain('Our own words.');
  });

  it('sees an edit that keeps the size (the time changed), and a draft from before the size and time were kept', async () => {
    const { ctx, file } = await resolvedIncident();
    await invoke(ctx, postmortem, postmortemCommand, {});
    const sidecar = join(file, '..', '.postmortem.md.generated-sha256');
    expect(readFileSync(sidecar, 'utf8')).toMatch(/^[0-9a-f]{8}\n\d+ [\d.]+\n$/);
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Postmortem', 'PostMortem'));
    utimesSync(file, before.atime, new Date(before.mtimeMs + 1000));
    expect(statSync(file).size).toBe(before.size);
    const error = await invoke(ctx, postmortem, postmortemCommand, {}).catch((e: unknown) => e);
    expect((error as Error).message).toContain('postmortem.md was edited since it was generated');

    // A sidecar holding only the hash (an older oncall's): the draft is hashed.
    await invoke(ctx, postmortem, postmortemCommand, { force: true });
    writeFileSync(sidecar, `${readFileSync(sidecar, 'utf8').split('\n')[0]}\n`);
    await invoke(ctx, postmortem, postmortemCommand, {});
    expect(readFileSync(file, 'utf8')).toContain('# Postmortem');

    // An older oncall's SHA-256 sidecar: still its own draft when unedited, edited when not.
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    writeFileSync(sidecar, `${sha(readFileSync(file, 'utf8'))}\n`);
    await invoke(ctx, postmortem, postmortemCommand, {});
    writeFileSync(sidecar, `${sha(readFileSync(file, 'utf8'))}\n`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nOur own words.\n`);
    const edited = await invoke(ctx, postmortem, postmortemCommand, {}).catch((e: unknown) => e);
    expect((edited as Error).message).toContain('postmortem.md was edited since it was generated');
  });

  it('--out writes where the responder asked, relative to where they are', async () => {
    const { ctx } = await resolvedIncident();
    await invoke(ctx, postmortem, postmortemCommand, { out: 'pm.md' });
    expect(ctx.stdout.take()).toBe(`${join(ctx.dir, 'pm.md')}\n`);
    expect(readFileSync(join(ctx.dir, 'pm.md'), 'utf8')).toContain('Checkout returns 500');
  });
});

describe('postmortem of a long night', () => {
  it('tells each long list by its ends, says what is left out, and still redacts what it tells', async () => {
    const { ctx, id, file } = await resolvedIncident();
    // 1,500 findings appended as oncall writes them, the last holding a secret.
    const log = join(ctx.home, 'incidents', id, 'events.jsonl');
    const [first] = eventsOf(ctx);
    const start = Date.parse(String(first?.ts));
    const lines: string[] = [];
    for (let i = 0; i < 1_500; i++) {
      const ts = new Date(start + 60_000 + i * 1000).toISOString();
      const text =
        i === 1_499 ? 'token is ghp_0123456789abcdefghijABCDEFGHIJ012345' : `finding ${i}`;
      lines.push(
        JSON.stringify({
          v: 1,
          id: `0192f3a4-${String(i).padStart(8, '0')}-7000-8000-000000000000`,
          incident: id,
          ts,
          actor: 'alice@laptop',
          lamport: 100 + i,
          hlc: ts,
          type: 'note',
          kind: 'finding',
          text,
        }),
      );
    }
    writeFileSync(log, `${readFileSync(log, 'utf8')}${lines.join('\n')}\n`);
    await invoke(ctx, postmortem, postmortemCommand, { force: true });
    const draft = readFileSync(file, 'utf8');
    const happened = draft.split('\n## What happened\n')[1]?.split('\n## ')[0] ?? '';
    const findings = happened.split('\n').filter((l) => l.startsWith('- '));
    expect(findings).toHaveLength(501);
    expect(findings[0]).toContain('finding 0');
    expect(findings[249]).toContain('finding 249');
    expect(findings[250]).toMatch(
      /^- Finding \(…\): 1,000 more findings \(.+ to .+\) left out of this draft: `oncall timeline` has every one$/,
    );
    expect(findings[251]).toContain('finding 1250');
    expect(happened).not.toContain('finding 1000\n');
    expect(findings[500]).toContain('token is [REDACTED');
    expect(draft).not.toContain('ghp_0123456789');
    // The timeline's rows (about 1,500) are within its bounds: told whole, every finding in it.
    const timeline = draft.split('\n## Timeline\n')[1]?.split('\n## ')[0] ?? '';
    expect(timeline).toContain('finding 1000 |');
    expect(timeline).not.toContain('left out of this draft');
    // The log is untouched: the draft is only a reading of it.
    expect(eventsOf(ctx).length).toBeGreaterThan(1_500);
  });
});
