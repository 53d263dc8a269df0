// `oncall postmortem`: a blameless draft from the log, written into the incident's
// folder. People then edit it, so a regenerate must never eat their words: we keep
// the sha256 of what we last wrote beside it and refuse to overwrite anything else.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { postmortemModel } from '../render/postmortem.js';
import { renderNamed } from '../render/templates.js';
import { writeFileAtomic } from '../store/atomic.js';
import { diskError, isDiskTrouble, isErrno } from '../store/disk-error.js';
import { loadForWords } from '../texts/publish.js';
import { println } from '../ui/output.js';
import type { postmortemCommand } from './definitions/postmortem.js';
import type { OptionsOf } from './definitions/program.js';

type PostmortemOptions = OptionsOf<typeof postmortemCommand>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The sha256 of a file, read a chunk at a time (a long night's draft is megabytes); undefined when it cannot be read. */
function sha256OfFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk))
      hash.update(chunk.subarray(0, read));
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `.postmortem.md.generated-sha256` beside the draft. */
function sidecarOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.generated-sha256`);
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The sidecar: the sha256 of what we wrote, then its size and modification
 * time as written. An editor that changes the draft changes its time, so a
 * draft with the same size and time is ours without reading megabytes to hash.
 */
function sidecarText(bytes: Uint8Array, file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `${sha256(bytes)}\n${size} ${mtimeMs}\n`;
}

/** True when `file` holds exactly what we generated last time (or does not exist). */
function safeToOverwrite(file: string): boolean {
  let stamp: string;
  try {
    const { size, mtimeMs } = statSync(file);
    stamp = `${size} ${mtimeMs}`;
  } catch {
    return true; // no draft yet (or none we can read: writing it will say why)
  }
  const [hash, written] = (readOr(sidecarOf(file)) ?? '').split('\n');
  if (written !== undefined && written.trim() === stamp) return true;
  const current = sha256OfFile(file);
  return current === undefined || hash?.trim() === current;
}

/**
 * The draft's model. The log it was built from is let go when this returns,
 * so a long night's events and its rendered draft are never in memory at once.
 */
async function draftModel(ctx: Context, options: PostmortemOptions) {
  const { ref, config, input, redactor } = await loadForWords(ctx, options);
  return { ref, config, redactor, tz: input.tz, model: postmortemModel(input) };
}

export async function postmortem(ctx: Context, options: PostmortemOptions): Promise<void> {
  const { ref, config, redactor, tz, model } = await draftModel(ctx, options);
  const file = options.out ? resolve(ctx.cwd, options.out) : join(ref.dir, 'postmortem.md');
  const rendered = await renderNamed('postmortem', model, {
    config,
    template: options.template,
    tz,
  });
  // The draft is shared widely: the log's texts are redacted again as a whole
  // (a peer's, or one recorded before redaction covered its field).
  const text = redactor.text(rendered.text);
  if (!options.force && !safeToOverwrite(file)) {
    throw new UsageError(
      `${basename(file)} was edited since it was generated (${file}); use --force to overwrite it or --out FILE to write elsewhere`,
    );
  }
  // One copy in bytes, written and hashed (a string would be encoded once for each).
  const bytes = Buffer.from(text);
  try {
    writeFileAtomic(file, bytes, 0o600); // like the log: the user's alone
    writeFileAtomic(sidecarOf(file), sidecarText(bytes, file), 0o600);
  } catch (error) {
    // In the incident's folder, or a disk that says no anywhere (full, read-only...): exit 1 with its fix.
    if (isErrno(error) && (!options.out || isDiskTrouble(error))) {
      throw diskError(file, error, { inDataHome: !options.out });
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write ${file} (${code}); pick another path with --out FILE`);
  }
  println(ctx, file);
  ctx.stderr.write(
    `Postmortem draft written. Answer the "> _Prompt" lines; keep it about systems and decisions, not people.\n`,
  );
}
