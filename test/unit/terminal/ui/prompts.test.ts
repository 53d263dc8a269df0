// The one TTY decision: without a terminal no question is asked and the error
// names the flag; with one, the context's prompter answers, and answers are
// tidied the same way whoever gives them.
import { describe, expect, it } from 'vitest';
import type { Context } from '../../../../src/context.js';
import { UsageError } from '../../../../src/errors.js';
import {
  askChoice,
  askConfirm,
  askSecret,
  askText,
  PromptCancelled,
} from '../../../../src/terminal/ui/prompts.js';
import { CTRL_C, type ScriptedAnswer, ScriptedPrompter } from '../../../helpers/prompter.js';

function contextWith(interactive: boolean, answers: ScriptedAnswer[] = []) {
  const prompter = new ScriptedPrompter(answers);
  const none = { write: () => true };
  const ctx: Context = {
    cwd: '/nowhere',
    env: {},
    now: () => new Date(0),
    stdout: none,
    stderr: none,
    stdin: process.stdin,
    interactive,
    prompter,
  };
  return { ctx, prompter };
}

describe('without a terminal', () => {
  it('every kind of question fails fast naming its flag, and nobody is asked', async () => {
    const { ctx, prompter } = contextWith(false, [{ ask: /.*/, answer: 'never used' }]);
    const asks = [
      askText(ctx, { flag: '--title', message: 'What is broken?' }),
      askSecret(ctx, { flag: '--token', message: 'Token?' }),
      askChoice(ctx, {
        flag: '--sev',
        message: 'Severity?',
        choices: [{ value: 'SEV1', name: '1' }],
      }),
      askConfirm(ctx, { flag: '--yes', message: 'Run it?' }),
    ];
    const errors = await Promise.all(asks.map((p) => p.catch((e: unknown) => e)));
    expect(errors.map((e) => (e as UsageError).message)).toEqual([
      'missing --title (What is broken?); no terminal to ask on. Pass --title <value>.',
      'missing --token (Token?); no terminal to ask on. Pass --token <value>.',
      'missing --sev (Severity?); no terminal to ask on. Pass --sev <value>.',
      'missing --yes (Run it?); no terminal to ask on. Pass --yes <value>.',
    ]);
    for (const e of errors) expect(e).toBeInstanceOf(UsageError);
    expect(prompter.asked).toEqual([]);
  });
});

describe('at a terminal', () => {
  it('asks the context prompter, trims text answers, keeps secrets as typed', async () => {
    const { ctx, prompter } = contextWith(true, [
      { ask: 'What is broken?', answer: '  checkout  ' },
      { ask: 'Token?', answer: ' s3cret ' },
      { ask: 'Severity?', answer: 'SEV2' },
      { ask: 'Run it?', answer: true },
    ]);
    expect(await askText(ctx, { flag: '--title', message: 'What is broken?' })).toBe('checkout');
    expect(await askSecret(ctx, { flag: '--token', message: 'Token?' })).toBe(' s3cret ');
    const choices = [
      { value: 'SEV1', name: 'critical' },
      { value: 'SEV2', name: 'major' },
    ];
    expect(await askChoice(ctx, { flag: '--sev', message: 'Severity?', choices })).toBe('SEV2');
    expect(await askConfirm(ctx, { flag: '--yes', message: 'Run it?' })).toBe(true);
    expect(prompter.asked.map((q) => q.kind)).toEqual(['text', 'secret', 'choice', 'confirm']);
    expect(prompter.unanswered).toEqual([]);
  });

  it('an empty answer takes the default; an optional question may stay blank', async () => {
    const { ctx } = contextWith(true, [
      { ask: 'Service?', answer: '' },
      { ask: 'Impact?', answer: '' },
    ]);
    expect(await askText(ctx, { flag: '--service', message: 'Service?', default: 'web' })).toBe(
      'web',
    );
    expect(await askText(ctx, { flag: '--impact', message: 'Impact?', required: false })).toBe('');
  });

  it('Ctrl-C is PromptCancelled: exit 130, nothing recorded', async () => {
    const { ctx } = contextWith(true, [{ ask: 'Run it?', answer: CTRL_C }]);
    const error = await askConfirm(ctx, { flag: '--yes', message: 'Run it?' }).catch((e) => e);
    expect(error).toBeInstanceOf(PromptCancelled);
    expect(error).toMatchObject({ exitCode: 130, message: 'cancelled; nothing was recorded' });
  });
});

describe('the scripted prompter (a fake must fail loudly, or tests pass by accident)', () => {
  it('refuses a question it did not expect, a choice not offered, an answer of the wrong kind', async () => {
    const unexpected = contextWith(true, [{ ask: 'Service?', answer: 'web' }]);
    await expect(
      askText(unexpected.ctx, { flag: '--title', message: 'What is broken?' }),
    ).rejects.toThrow('asked "What is broken?", but the script expected "Service?"');

    const offered = contextWith(true, [{ ask: 'Severity?', answer: 'SEV9' }]);
    await expect(
      askChoice(offered.ctx, {
        flag: '--sev',
        message: 'Severity?',
        choices: [{ value: 'SEV1', name: '1' }],
      }),
    ).rejects.toThrow('"Severity?" offers SEV1; the script picked SEV9');

    const kind = contextWith(true, [{ ask: 'Run it?', answer: 'yes' }]);
    await expect(askConfirm(kind.ctx, { flag: '--yes', message: 'Run it?' })).rejects.toThrow(
      'is a confirm question',
    );

    const none = contextWith(true);
    await expect(askText(none.ctx, { flag: '--title', message: 'Title?' })).rejects.toThrow(
      'unexpected question (the script has no answers left): "Title?"',
    );
  });
});
