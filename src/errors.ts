// Expected failures: a one-line message and an exit code. The bin prints them
// without a stack. Anything else that is thrown is a bug and shows its stack.

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class OncallError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'OncallError';
  }
}

/** Bad usage or bad input (a flag, a file, a name): exit 2. */
export class UsageError extends OncallError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
