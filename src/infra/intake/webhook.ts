// An Alertmanager webhook payload handed to `oncall start --from
// alertmanager-webhook:<file|->`: read from a file or stdin (a receiver's
// script pipes it in), parsed as JSON. Bad input is a usage error naming
// where it came from.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';

/** A payload holds a group's alerts; one this large is not one. */
const MAX_BYTES = 10_000_000;

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BYTES) throw new UsageError('stdin: over 10 MB; not an Alertmanager payload');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The parsed payload, from `file` (relative to `cwd`) or stdin for `-`. */
export async function readWebhookPayload(
  file: string,
  cwd: string,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
): Promise<unknown> {
  const where = file === '-' ? 'stdin' : file;
  let text: string;
  if (file === '-') {
    if (stdin.isTTY) {
      throw new UsageError(
        '--from alertmanager-webhook:- reads the payload from stdin: pipe it in, or name a file',
      );
    }
    text = await readStream(stdin);
  } else {
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError(`--from alertmanager-webhook:${file}: cannot read it (${code})`);
    }
  }
  if (!text.trim())
    throw new UsageError(`${where}: empty; expected an Alertmanager webhook payload`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${where}: not JSON (${(error as Error).message.split('\n')[0]}); expected an Alertmanager webhook payload`,
    );
  }
}
