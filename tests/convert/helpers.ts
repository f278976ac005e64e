import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { parseFragment, type DomElement } from '../../src/convert/dom.js';
import { KramdownRenderer } from '../../src/convert/kramdown.js';
import { compareVisible, Verifier, visibleContent, type Visible } from '../../src/convert/verify.js';

/** kramdown is the oracle; CI installs it with Jekyll, so there its absence is a failure. */
export const hasKramdown =
  spawnSync('ruby', ['-e', 'require "kramdown"; require "kramdown-parser-gfm"'], { encoding: 'utf8' }).status === 0;
if (!hasKramdown && process.env.CI) throw new Error('ruby with kramdown is not installed: .ci/run must install jekyll');

let renderer: Promise<KramdownRenderer> | undefined;

/** One kramdown process for the whole test file; closed by `closeKramdown`. */
export async function render(markdown: string): Promise<string> {
  renderer ??= KramdownRenderer.start();
  const r = await (await renderer).render(markdown);
  if (r.error !== undefined) throw new Error(r.error);
  return r.html!;
}

export async function closeKramdown(): Promise<void> {
  if (renderer) await (await renderer).close();
  renderer = undefined;
}

/** What a reader sees of this Markdown once kramdown has rendered it. */
export async function seen(markdown: string): Promise<Visible> {
  return visibleContent(parseFragment(await render(markdown)));
}

/** The problems `--verify` finds between two pieces of HTML, as a browser shows them. */
export function problemsBetween(before: string, after: string): string[] {
  return compareVisible(visibleContent(parseFragment(before)), visibleContent(parseFragment(after)), []).problems;
}

/**
 * Shapes of pages whose conversion `--verify` refused, as [what, HTML, pieces
 * the Markdown must hold]: each converts to Markdown holding its pieces, a
 * second run changes nothing, and `--verify` accepts each through kramdown.
 */
export function describeShapes(title: string, shapes: ReadonlyArray<[string, string, string[]]>): void {
  describe(title, () => {
    for (const [what, input, pieces] of shapes) {
      it(what, () => {
        const { markdown } = convertText(input, { input: 'html' });
        for (const piece of pieces) expect(markdown).toContain(piece);
      });
    }

    it('a second run changes nothing', () => {
      for (const [what, input] of shapes) {
        const once = convertText(input, { input: 'html' }).markdown;
        expect(convertText(once).markdown, what).toBe(once);
      }
    });

    let verifier: Verifier | undefined;
    beforeAll(async () => {
      if (hasKramdown) verifier = await Verifier.start();
    });
    afterAll(() => verifier?.close());

    it.skipIf(!hasKramdown)('--verify accepts each, rendered through kramdown', async () => {
      for (const [what, input] of shapes) {
        const result = convertText(input, { input: 'html' });
        expect((await verifier!.verify(input, result)).problems, what).toEqual([]);
      }
    });
  });
}

/**
 * Each element of a built page with its attributes (kramdown's own heading ids
 * and bare `<p>`, `<li>`, `<tbody>` aside), sorted, and the text without white
 * space: what two builds must agree on.
 */
export function elementsSeen(html: string): { elements: string[]; text: string } {
  const root = parseFragment(html);
  const elements = Array.from(root.getElementsByTagName('*'), (el: DomElement) => {
    const attributes = Array.from(el.attributes)
      .filter((a) => !(a.name === 'id' && /^h[1-6]$/i.test(el.nodeName)))
      .map((a) => `${a.name}=${a.value}`)
      .sort();
    return `${el.nodeName.toLowerCase()}[${attributes.join(' ')}]`;
  }).filter((e) => !/^(?:tbody|p|li)\[\]$/.test(e));
  return { elements: elements.sort(), text: (root.textContent ?? '').replace(/\s+/g, '') };
}
