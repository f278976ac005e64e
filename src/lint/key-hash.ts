/**
 * A cross-file key (a URL, a source link, a title with its date) reduced to
 * two numbers, so that 100 000 posts' keys fit in a few megabytes. Two seeds
 * of cyrb53 (the table keeps 53 + 32 bits of them): a collision among a
 * million keys has a chance near 1e-14, far below that of a disk error.
 * Both seeds are run in one pass over the string.
 */
export function keyHash(key: string): [number, number] {
  // cyrb53 (bryc, public domain), seeds 0x9e3779b9 (h1, h2) and 0x85ebca6b (g1, g2).
  let h1 = 0xdeadbeef ^ 0x9e3779b9;
  let h2 = 0x41c6ce57 ^ 0x9e3779b9;
  let g1 = 0xdeadbeef ^ 0x85ebca6b;
  let g2 = 0x41c6ce57 ^ 0x85ebca6b;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
    g1 = Math.imul(g1 ^ ch, 2654435761);
    g2 = Math.imul(g2 ^ ch, 1597334677);
  }
  return [finish(h1, h2), finish(g1, g2)];
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
