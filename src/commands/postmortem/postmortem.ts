// `oncall postmortem`: a blameless draft from the log, written into the incident's
// folder. People then edit it, so a regenerate must never eat their words: we keep
// a hash of what we last wrote beside it and refuse to overwrite anything else.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Context } from '../../context.js';
import type { Redactor } from '../../domain/redact/redact.js';
import { postmortemModel } from '../../domain/render/postmortem.js';
import { crc32, sha256 } from '../../domain/text/hash.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import { writeFileAtomic } from '../../infra/store/atomic.js';
import { diskError, isDiskTrouble, isErrno } from '../../infra/store/disk-error.js';
import { loadNamed, renderPieces } from '../../infra/templates/templates.js';
import { homeOf } from '../../use-cases/journal/load.js';
import { loadForWords } from '../../use-cases/publish/publish.js';
import { attachedRunbook } from '../../use-cases/walk/attached.js';
import type { OptionsOf } from '../definition/program.js';
import type { postmortemCommand } from './definition.js';

type PostmortemOptions = OptionsOf<typeof postmortemCommand>;

/**
 * The hash of a file as its sidecar wrote it, read a chunk at a time (a long
 * night's draft is megabytes): CRC-32 in 8 hex digits, as oncall writes it
 * now (it tells an edit without loading node:crypto), or SHA-256 in 64, as
 * drafts generated before were noted. Undefined when it cannot be read.
 */
function hashOfFile(file: string, like: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const hash = like.length === 64 ? sha256() : undefined;
    let crc = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      if (hash) hash.update(chunk.subarray(0, read));
      else crc = crc32(chunk.subarray(0, read), crc);
    }
    return hash ? hash.digest('hex') : crcHex(crc);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const crcHex = (crc: number) => crc.toString(16).padStart(8, '0');

/** `.postmortem.md.generated-sha256` beside the draft (the name older oncalls wrote; it now holds a CRC-32). */
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
 * The sidecar: the hash of what we wrote, then its size and modification
 * time as written. An editor that changes the draft changes its time, so a
 * draft with the same size and time is ours without reading megabytes to hash.
 */
function sidecarText(hash: string, file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `${hash}\n${size} ${mtimeMs}\n`;
}

/** Each piece redacted: a piece is the text between long lists or a batch of their rows, so no secret spans two. */
function* redactedPieces(pieces: Iterable<string>, redactor: Redactor): Generator<string> {
  for (const piece of pieces) yield redactor.text(piece);
}

/** The pieces as bytes, each added to the draft's CRC-32 on its way to the file. */
function* hashed(pieces: Iterable<string>, crc: { value: number }): Generator<Uint8Array> {
  for (const piece of pieces) {
    const bytes = Buffer.from(piece);
    crc.value = crc32(bytes, crc.value);
    yield bytes;
  }
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
  const [hash = '', written] = (readOr(sidecarOf(file)) ?? '').split('\n');
  if (written !== undefined && written.trim() === stamp) return true;
  const current = hashOfFile(file, hash.trim());
  return current === undefined || hash.trim() === current;
}

/**
 * The draft's model. The log it was built from is let go when this returns,
 * so a long night's events and its rendered draft are never in memory at once.
 */
async function draftModel(ctx: Context, options: PostmortemOptions) {
  const { ref, config, input, redactor } = await loadForWords(ctx, options);
  // The runbook as it reads now: the commands typed by hand it does not have are named.
  const runbook = await attachedRunbook(input.state, homeOf(ctx));
  return { ref, config, redactor, tz: input.tz, model: postmortemModel(input, runbook) };
}

export async function postmortem(ctx: Context, options: PostmortemOptions): Promise<void> {
  const { ref, config, redactor, tz, model } = await draftModel(ctx, options);
  const file = options.out ? resolve(ctx.cwd, options.out) : join(ref.dir, 'postmortem.md');
  const template = loadNamed('postmortem', { config, template: options.template, tz });
  // The draft is shared widely: the log's texts are redacted again, a piece at
  // a time (a peer's, or one recorded before redaction covered its field).
  const pieces = redactedPieces(await renderPieces(template, model, tz), redactor);
  if (!options.force && !safeToOverwrite(file)) {
    throw new UsageError(
      `${basename(file)} was edited since it was generated (${file}); use --force to overwrite it or --out FILE to write elsewhere`,
    );
  }
  // Written a piece at a time, hashed as it goes: a long night's draft is never one string or buffer.
  const crc = { value: 0 };
  try {
    writeFileAtomic(file, hashed(pieces, crc), 0o600); // like the log: the user's alone
    writeFileAtomic(sidecarOf(file), sidecarText(crcHex(crc.value), file), 0o600);
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
