import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { hasKramdown } from './helpers.js';

/**
 * More shapes of saved pages whose conversion `--verify` refused, each in a
 * fixture of our own: [what, HTML, pieces the Markdown must hold]. Each must
 * also pass `--verify`: kramdown renders the Markdown with what it shows of
 * the HTML (HTML that does not look like a whole page is a post body, which
 * kramdown reads).
 */
const SHAPES: Array<[string, string, string[]]> = [
  [
    'an end tag that closes nothing open inside block HTML is text to kramdown, and stays text',
    `<p><b>Freunde</b></p>
<table><tr><td>Links</td></tr>
<tr><td><li class="m"><a href="http://a.example/"><img src="http://a.example/knopf.png" alt="Knopf"></a>
Programme, Spiele und mehr</a></li><a href="http://b.example/"><img src="http://b.example/z.gif" alt="Zähler"></a></td></tr>
</table>`,
    ['Programme, Spiele und mehr&lt;/a&gt;</li>'],
  ],
];

describe('saved pages --verify refused: each shape converts without loss', () => {
  for (const [what, input, pieces] of SHAPES) {
    it(what, () => {
      const { markdown } = convertText(input, { input: 'html' });
      for (const piece of pieces) expect(markdown).toContain(piece);
    });
  }

  it('a second run changes nothing', () => {
    for (const [what, input] of SHAPES) {
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
    for (const [what, input] of SHAPES) {
      const result = convertText(input, { input: 'html' });
      expect((await verifier!.verify(input, result)).problems, what).toEqual([]);
    }
  });
});
