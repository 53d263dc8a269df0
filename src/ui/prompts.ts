// Every question the CLI asks goes through here: one place that decides whether
// a person can answer (TTY, not CI) and that tests can script. Without a
// terminal a missing answer fails fast, naming the flag that would supply it.
import type { Context } from '../context.js';
import { OncallError, UsageError } from '../errors.js';

export interface Choice<T extends string = string> {
  value: T;
  name: string;
  description?: string;
}

/** Raised when the responder presses Ctrl-C at a prompt. */
export class PromptCancelled extends OncallError {
  constructor() {
    // Every prompt comes before its command records anything (the walk pauses instead).
    super('cancelled; nothing was recorded', 130);
    this.name = 'PromptCancelled';
  }
}

function requireTerminal(ctx: Context, flag: string, what: string): void {
  if (!ctx.interactive) {
    throw new UsageError(`missing ${flag} (${what}); no terminal to ask on. Pass ${flag} <value>.`);
  }
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError') throw new PromptCancelled();
    throw error;
  }
}

const io = (ctx: Context) => ({
  input: ctx.stdin,
  output: ctx.stdout as NodeJS.WritableStream,
});

export async function askText(
  ctx: Context,
  q: { flag: string; message: string; default?: string; required?: boolean },
): Promise<string> {
  requireTerminal(ctx, q.flag, q.message);
  const { input } = await import('@inquirer/prompts');
  return guard(() =>
    input(
      {
        message: q.message,
        default: q.default,
        required: q.required ?? true,
        validate: (v) => (q.required === false || v.trim() !== '' ? true : 'Needs an answer'),
      },
      io(ctx),
    ),
  ).then((v) => v.trim());
}

export async function askSecret(
  ctx: Context,
  q: { flag: string; message: string },
): Promise<string> {
  requireTerminal(ctx, q.flag, q.message);
  const { password } = await import('@inquirer/prompts');
  return guard(() => password({ message: q.message, mask: '•' }, io(ctx)));
}

export async function askChoice<T extends string>(
  ctx: Context,
  q: { flag: string; message: string; choices: Choice<T>[]; default?: T },
): Promise<T> {
  requireTerminal(ctx, q.flag, q.message);
  const { select } = await import('@inquirer/prompts');
  return guard(() =>
    select<T>(
      { message: q.message, choices: q.choices, default: q.default, pageSize: 12 },
      io(ctx),
    ),
  );
}

export async function askConfirm(
  ctx: Context,
  q: { flag: string; message: string; default?: boolean },
): Promise<boolean> {
  requireTerminal(ctx, q.flag, q.message);
  const { confirm } = await import('@inquirer/prompts');
  return guard(() => confirm({ message: q.message, default: q.default ?? false }, io(ctx)));
}
