import { describe, expect, it } from 'vitest';
import { murmur3x128 } from '../../src/fs/murmur3.js';

describe('murmur3x128', () => {
  it("gives SMHasher's verification value of MurmurHash3_x86_128 (so every tail length and seed is the reference's)", () => {
    // Keys {}, {0}, {0,1}, … {0..254}, each hashed with seed 256 - length; their hashes hashed with seed 0.
    const all = new Uint8Array(256 * 16);
    const view = new DataView(all.buffer);
    for (let i = 0; i < 256; i++) {
      const key = Uint8Array.from({ length: i }, (_, j) => j);
      murmur3x128(key, 256 - i).forEach((word, k) => view.setUint32(i * 16 + 4 * k, word, true));
    }
    expect(murmur3x128(all)[0]).toBe(0xb3ece62a);
  });

  it('reads unaligned bytes as aligned ones, and tells a one-bit change apart', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 255);
    const shifted = new Uint8Array(1003);
    shifted.set(bytes, 3);
    expect(murmur3x128(shifted.subarray(3))).toEqual(murmur3x128(bytes));
    const flipped = bytes.slice();
    flipped[500]! ^= 0x80;
    expect(murmur3x128(flipped)).not.toEqual(murmur3x128(bytes));
  });
});
