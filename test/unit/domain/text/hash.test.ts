// The hashes, held to their standard check values.
import { describe, expect, it } from 'vitest';
import { crc32, crc32Hex, sha256, sha256Hex } from '../../../../src/domain/text/hash.js';

describe('hashes', () => {
  it('CRC-32 is the standard one (check value of "123456789"), and continues from a value', () => {
    expect(crc32Hex('123456789')).toBe('cbf43926');
    expect(crc32('56789', crc32('1234'))).toBe(0xcbf43926);
    expect(crc32Hex('')).toBe('00000000');
  });

  it('SHA-256 is the standard one, whole or fed in parts', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256Hex('abc')).toBe(abc);
    expect(sha256().update('a').update('bc').digest('hex')).toBe(abc);
  });
});
