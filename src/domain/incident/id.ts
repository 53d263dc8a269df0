// Event ids: UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then
// random bits, so ids sort by creation time. Math.random rather than
// node:crypto because loading crypto costs `oncall note` ~5 ms of startup, and
// uniqueness (not secrecy) is all an event id needs.
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const rand = (bits: number) => Math.floor(Math.random() * 2 ** bits);

export function uuidv7(now: number): string {
  const ms = hex(now, 12);
  const a = hex(0x7000 | rand(12), 4); // version 7
  const b = hex(0x8000 | rand(14), 4); // variant 10
  const c = hex(rand(24), 6) + hex(rand(24), 6);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-${a}-${b}-${c}`;
}
