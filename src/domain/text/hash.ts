// Hashes, with Node's module loaded on first use. node:crypto is the costliest
// module an everyday command would load (~4 ms of a 60 ms start, and its first
// SHA-256 as much again): `oncall status` and the other readers hash only to
// know that a file is the one they saw before, which CRC-32 (node:zlib: no
// load of its own beyond the streams output has already loaded) tells them.
// SHA-256 stays where a hash names something for good (a responder's ref, a
// clone's folder, a runbook's recorded hash, the postmortem's sidecar).
import type { Hash } from 'node:crypto';

/** A SHA-256 hash to feed, node:crypto loaded on first use. */
export function sha256(): Hash {
  return process.getBuiltinModule('node:crypto').createHash('sha256');
}

/** The SHA-256 of `text` in hex. */
export function sha256Hex(text: string | Uint8Array): string {
  return sha256().update(text).digest('hex');
}

/** CRC-32 of `data`, continuing from `value` (the CRC of what came before it). */
export function crc32(data: string | Uint8Array, value = 0): number {
  return process.getBuiltinModule('node:zlib').crc32(data, value);
}

/** CRC-32 of `data` as 8 hex digits. */
export const crc32Hex = (data: string | Uint8Array, value = 0): string =>
  crc32(data, value).toString(16).padStart(8, '0');
