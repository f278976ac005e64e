import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { hasKramdown } from './helpers.js';

/**
 * Shapes of whole pages whose conversion `--verify` refused, each in a
 * fixture of our own: [what, HTML, pieces the Markdown must hold]. Each must
 * also pass `--verify` (kramdown renders the Markdown with what the HTML shows).
 */
const SHAPES: Array<[string, string, string[]]> = [
  [
    'an Internet-Draft in <pre> with links keeps its blank lines, and a page anchor inside its <pre>',
    '<pre>DRAFT                          A. Autor\nDocument: <a href="./draft-x-01">draft-x-01</a>\n\n\n                 <span class="h1">Ein Protokoll</span>\n\nZusammenfassung\n\n    Dieser Entwurf beschreibt ein Protokoll.\n  \n</pre><!--NewPage--><pre class="newpage"><a name="seite-2" id="seite-2" href="#seite-2" class="invisible"> </a>\nAutor             Läuft ab am 1. Juni          [Seite 2]\n\n1.  Einleitung\n</pre>',
    ['Document: <a href="./draft-x-01">draft-x-01</a>\n\n\n                 Ein Protokoll\n\nZusammenfassung\n\n', '<pre><a id="seite-2"></a><a href="#seite-2"> </a>\nAutor', '[Seite 2]\n\n1.  Einleitung'],
  ],
  [
    'blank lines of a <pre> inside a kept <div>, <table> or <details> stay; elsewhere in them they go',
    '<p><b>Text</b></p><div class="listing"><p>eins\n\nzwei</p><pre>a\n\n\nb</pre></div><table border="1"><tr><td><pre>c\n\nd</pre></td><td>e\n\nf</td></tr></table><details><summary>Mehr</summary><pre>g\n  \nh</pre>\n\n<p>i</p></details>',
    ['<p>eins\nzwei</p><pre>a\n\n\nb</pre>', '<pre>c\n\nd</pre></td><td>e\nf</td>', '<pre>g\n  \nh</pre>\n<p>i</p>'],
  ],
  [
    'blank lines in text styled white-space: pre-wrap, and in a <textarea>, stay',
    '<p><b>Text</b></p><div class="x"><span style="white-space: pre-wrap">a\n\nb</span><textarea>c\n\nd</textarea></div>',
    ['<span style="white-space: pre-wrap">a\n\nb</span><textarea>c\n\nd</textarea>'],
  ],
  [
    'an image at a file:///C|/ URL (a page saved on Windows), and a | in link targets and titles, in text and in a table',
    '<p>Ende.</p><p><img src="file:///C|/Dokumente%20und%20Einstellungen/bild/leer.gif" width="1" height="1"></p><p><a href="file:///C|/seite.html" title="a|b">Seite</a> und <a href="http://w.example/a|b c">mehr</a></p><table><thead><tr><th>x</th><th>y</th></tr></thead><tr><td><a href="/s?q=a|b">l</a></td><td><img src="C|/z.gif" alt="z|z"></td></tr></table>',
    ['![](file:///C&#124;/Dokumente%20und%20Einstellungen/bild/leer.gif)', '[Seite](file:///C&#124;/seite.html "a&#124;b")', '[mehr](<http://w.example/a&#124;b c>)', '| [l](/s?q=a&#124;b) |'],
  ],
];

describe('whole pages --verify refused: each shape converts without loss', () => {
  for (const [what, input, pieces] of SHAPES) {
    it(what, () => {
      const { markdown } = convertText(input, { input: 'html' });
      for (const piece of pieces) expect(markdown).toContain(piece);
    });
  }

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
