/**
 * A cross-file key (a URL, a source link, a title with its date) reduced to
 * two numbers, so that 100 000 posts' keys fit in a few megabytes. Two seeds
 * of cyrb53 (the table keeps 53 + 32 bits of them): a collision among a
 * million keys has a chance near 1e-14, far below that of a disk error.
 */
export function keyHash(key: string): [number, number] {
  return [cyrb53(key, 0x9e3779b9), cyrb53(key, 0x85ebca6b)];
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash. */
function cyrb53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
