// Every question the CLI asks goes through here: one place that decides whether
// a person can answer (TTY, not CI). Without a terminal a missing answer fails
// fast, naming the flag that would supply it. Who answers is the context's
// prompter: inquirer on the terminal by default, a script in tests. Questions
// and choices quote runbooks, contacts and the log: each is shown safe (one
// line, no control characters), whoever answers.
import type { Choice, Context, Prompter } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';

export type { Choice } from '../../context.js';

/** Raised when the responder presses Ctrl-C at a prompt. */
export class PromptCancelled extends OncallError {
  constructor() {
    // Every prompt comes before its command records anything (the walk pauses instead).
    super('cancelled; nothing was recorded', 130);
    this.name = 'PromptCancelled';
  }
}

/** Said by a command's `--no-input`: nothing is asked, even on a terminal; a missing answer fails as without one. */
interface MayAsk {
  noInput?: boolean;
}

/** The one TTY decision: no terminal (or --no-input), no question; otherwise whoever answers for this context. */
function answererFor(ctx: Context, flag: string, what: string, may: MayAsk = {}): Prompter {
  if (may.noInput || !ctx.interactive) {
    throw new UsageError(`missing ${flag} (${what}); no terminal to ask on. Pass ${flag} <value>.`);
  }
  return ctx.prompter ?? inquirerPrompter(ctx);
}

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError') throw new PromptCancelled();
    throw error;
  }
}

/** The person at the terminal, asked through inquirer (loaded only when a question is asked). */
function inquirerPrompter(ctx: Context): Prompter {
  const io = { input: ctx.stdin, output: ctx.stdout as NodeJS.WritableStream };
  return {
    async text(q) {
      const { input } = await import('@inquirer/prompts');
      return guard(() =>
        input(
          {
            message: q.message,
            default: q.default,
            // An edit starts from the text itself, not from an empty line.
            ...(q.prefill ? { prefill: 'editable' as const } : {}),
            required: q.required,
            validate: (v) => (!q.required || v.trim() !== '' ? true : 'Needs an answer'),
          },
          io,
        ),
      );
    },
    async secret(q) {
      const { password } = await import('@inquirer/prompts');
      return guard(() => password({ message: q.message, mask: '•' }, io));
    },
    async choice(q) {
      const { select } = await import('@inquirer/prompts');
      return guard(() =>
        select({ message: q.message, choices: q.choices, default: q.default, pageSize: 12 }, io),
      );
    },
    async confirm(q) {
      const { confirm } = await import('@inquirer/prompts');
      return guard(() => confirm({ message: q.message, default: q.default }, io));
    },
  };
}

export async function askText(
  ctx: Context,
  q: MayAsk & {
    flag: string;
    message: string;
    default?: string;
    required?: boolean;
    prefill?: boolean;
  },
): Promise<string> {
  const answer = await answererFor(ctx, q.flag, q.message, q).text({
    message: safeLine(q.message),
    default: q.default === undefined ? undefined : safeLine(q.default),
    required: q.required ?? true,
    ...(q.prefill ? { prefill: true } : {}),
  });
  return answer.trim();
}

export async function askSecret(
  ctx: Context,
  q: { flag: string; message: string },
): Promise<string> {
  return answererFor(ctx, q.flag, q.message).secret({ message: safeLine(q.message) });
}

export async function askChoice<T extends string>(
  ctx: Context,
  q: MayAsk & { flag: string; message: string; choices: Choice<T>[]; default?: T },
): Promise<T> {
  return answererFor(ctx, q.flag, q.message, q).choice<T>({
    message: safeLine(q.message),
    // Only what is shown: the value picked comes back as it was.
    choices: q.choices.map((c) => ({
      ...c,
      name: safeLine(c.name),
      ...(c.description === undefined ? {} : { description: safeLine(c.description) }),
    })),
    default: q.default,
  });
}

export async function askConfirm(
  ctx: Context,
  q: { flag: string; message: string; default?: boolean },
): Promise<boolean> {
  return answererFor(ctx, q.flag, q.message).confirm({
    message: safeLine(q.message),
    default: q.default ?? false,
  });
}
