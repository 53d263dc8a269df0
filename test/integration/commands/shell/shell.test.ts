// `oncall shell` refuses, before any shell starts, what it cannot record
// into: a nested oncall shell, no terminal, a resolved incident, a drill
// unless asked. (test/e2e/capture/shell.test.ts types into real shells.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../../src/commands/milestone/definition.js';
import { milestoneCommand } from '../../../../src/commands/milestone/milestone.js';
import { shellCommand } from '../../../../src/commands/shell/definition.js';
import { shell } from '../../../../src/commands/shell/shell.js';
import { startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

const atTerminal = (env: NodeJS.ProcessEnv = {}) =>
  testContext({ interactive: true, env: { SHELL: '/bin/bash', ...env } });

describe('oncall shell refuses', () => {
  it('inside an oncall shell, and without a terminal', async () => {
    const nested = atTerminal({ ONCALL_SHELL: '1', ONCALL_INCIDENT: 'inc-1' });
    await expect(invoke(nested, shell, shellCommand)).rejects.toThrow(
      'this is already an oncall shell for inc-1; `exit` returns.',
    );
    const piped = testContext({ env: { SHELL: '/bin/zsh' } });
    await expect(invoke(piped, shell, shellCommand)).rejects.toThrow(
      'oncall shell needs a terminal.',
    );
  });

  it('a resolved incident, and a drill unless --drill', async () => {
    const ctx = atTerminal();
    const id = await startIncidentIn(ctx);
    await invoke(ctx, milestoneCommand, resolveCommand, { summary: [] }, { milestone: 'resolve' });
    await expect(invoke(ctx, shell, shellCommand)).rejects.toThrow(
      `${id} is resolved: there is nothing to record into.`,
    );
    const drill = atTerminal();
    const drillId = await startIncidentIn(drill);
    const log = join(drill.home, 'incidents', drillId, 'events.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replaceAll('"type":', '"drill":true,"type":'));
    await expect(invoke(drill, shell, shellCommand)).rejects.toThrow(
      `${drillId} is a drill: commands typed are not recorded unless you ask (oncall shell --drill).`,
    );
  });
});
