import fg from 'fast-glob';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGlob } from '../../src/site/glob.js';

describe('isGlob', () => {
  it('agrees with fast-glob on any input, with the library loaded only for inputs that may be patterns', async () => {
    const char = fc.constantFrom('a', '/', '.', '-', '_', ' ', '中', '*', '?', '!', '[', ']', '(', ')', '{', '}', ',', '|', '+', '@', '\\', '^', '$', '.md');
    await fc.assert(
      fc.asyncProperty(fc.array(char, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')), async (input) => {
        expect(await isGlob(input)).toBe(fg.isDynamicPattern(input));
      }),
      { numRuns: 3000 },
    );
    for (const input of ['_posts/*.md', '_posts/2022-0[1-3]-*.md', '_posts/{a,b}.md', '!x', '@(a|b)', 'a\\b']) expect(await isGlob(input)).toBe(true);
    for (const input of ['_posts/2022-01-06-a.md', 'a b/c.md', '中文.md']) expect(await isGlob(input)).toBe(false);
  });
});
