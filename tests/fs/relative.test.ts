import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeTo } from '../../src/fs/relative.js';

describe('relativeTo', () => {
  it('gives what path.relative gives (or the path itself when that is empty), for any cwd and file', () => {
    const segment = fc.constantFrom('', '.', '..', 'a', 'b', '_posts', '.x', 'x.', '中文', '2022-01-06-a.md');
    const absolute = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(absolute, fc.boolean(), absolute, (cwd, slash, file) => {
        const from = slash && !cwd.endsWith('/') ? `${cwd}/` : cwd;
        expect(relativeTo(from)(file)).toBe(path.relative(from, file) || file);
        // Files under the folder, the common case.
        const under = `${from.replace(/\/$/, '')}${file}`;
        expect(relativeTo(from)(under)).toBe(path.relative(from, under) || under);
      }),
      { numRuns: 2000 },
    );
  });
});
