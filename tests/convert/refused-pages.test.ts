import { describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { describeShapes, problemsBetween } from './helpers.js';

/**
 * More shapes of saved pages whose conversion `--verify` refused, each in a
 * fixture of our own: [what, HTML, pieces the Markdown must hold]. Each must
 * also pass `--verify`: kramdown renders the Markdown with what it shows of
 * the HTML (HTML that does not look like a whole page is a post body, which
 * kramdown reads).
 */
const SHAPES: Array<[string, string, string[]]> = [
  [
    'a table of a header row alone stays HTML: kramdown makes no table without a row under the separator, and showed the pipes',
    '<p>Annexe</p>\n<table><thead><tr><th> Domaine </th><th>Nombre d’articles</th></tr></thead><tbody>\n</tbody></table><table><tbody><tr><td>Revues</td><td>316</td></tr></tbody></table>\n<table><tr><th>Seul</th><th>En-tête</th></tr></table>',
    ['<table><thead><tr><th> Domaine </th><th>Nombre d’articles</th></tr></thead><tbody>', '| Revues | 316 |', '<table><tbody><tr><th>Seul</th><th>En-tête</th></tr></tbody></table>'],
  ],
  [
    'a <pre> holding an anchor a link points to stays HTML: a code block shows no anchor (it showed its placeholder as text)',
    '<p><a href="#Klasse A">Klasse A</a></p>\n<pre> <span class="ergebnis"><h3><a name="Klasse A"></a>Klasse A</h3>\n  1.  Muster, Anna    12,34</span></pre>',
    ['<pre> <h3><a name="Klasse A"></a>Klasse A</h3>\n  1.  Muster, Anna    12,34</pre>'],
  ],
  [
    'an end tag that closes nothing open inside block HTML is text to kramdown, and stays text',
    `<p><b>Freunde</b></p>
<table><tr><td>Links</td></tr>
<tr><td><li class="m"><a href="http://a.example/"><img src="http://a.example/knopf.png" alt="Knopf"></a>
Programme, Spiele und mehr</a></li><a href="http://b.example/"><img src="http://b.example/z.gif" alt="Zähler"></a></td></tr>
</table>`,
    ['Programme, Spiele und mehr&lt;/a&gt;</li>'],
  ],
  [
    'a video frame alone on its line between line breaks is a block of its own, as kramdown can say it',
    '<p>Wie das aussieht, zeigt ein kurzer Film (<a href="/filme/versuch">zum Versuch</a>):<br />\n<iframe src="https://video.example/embed/abc?start=5" width="560" height="315" allowfullscreen="allowfullscreen"></iframe><br />\nSo bleibt die Wiese bunt.</p><p>Danach mehr.</p>',
    ['):  \n\n<iframe src="https://video.example/embed/abc?start=5"'],
  ],
  [
    'microdata after a line break stays in the line it starts',
    '<p><b>War das nützlich?</b><br />(<strong>12</strong> Stimmen)<br /><span id="stimmen-text"></span><meta itemprop="name" content="Ein Titel" /><meta itemprop="ratingValue" content="4.5" /><span><img src="/laden.gif" width="16" height="16" />Laden...</span></p>',
    ['Stimmen)  \n<span><meta itemprop="name" content="Ein Titel"></span>'],
  ],
  [
    "a conditional comment holding a script, in running text, keeps its script: it is a comment's text to kramdown",
    '<p>Hinweis: die Seite lädt <!--[if lt IE 9]>\n\t\t<script src="https://s.example/html5.js"></script>\n\t<![endif]--> gleich weiter <meta name="autor" content="A"></p>',
    ['lädt <!--[if lt IE 9]>\n\t\t<script src="https://s.example/html5.js"></script>\n\t<![endif]--> gleich'],
  ],
  [
    "a conditional comment holding a style sheet's <link>, in running text, stays whole: its lines are indented, where kramdown would end the paragraph",
    '<p>Kopf <!--[if lte IE 6]>\n<link rel="stylesheet" href="/ie6.css" type="text/css" />\n<![endif]--> und mehr <b>Text</b></p>',
    ['Kopf <!--[if lte IE 6]>\n    <link rel="stylesheet" href="/ie6.css" type="text/css" />\n    <![endif]--> und mehr **Text**'],
  ],
  [
    "a comment holding a | starts a line of its own: on a paragraph's first line kramdown reads a table",
    '<p>Kopfzeile <meta name="a" content="b"> <!--[if (!IE)|(gte IE 8)]><!--><link rel="stylesheet" href="/a.css"><!--<![endif]--> und <b>mehr</b></p>',
    ['<meta name="a" content="b"> \n<!--[if (!IE)|(gte IE 8)]><!--><link rel="stylesheet" href="/a.css"><!--<![endif]--> und **mehr**'],
  ],
  [
    'a tag kramdown cannot read inside block HTML (a quote never closed) is text to it, and stays text',
    '<p>Ein <b>Autor</b></p>\n<p><a href="/autor/">\n    <img class="bild" src="/b.jpg" alt="Autor" width="80" height="120 />\n</a>\n</p>\n<h2>Stichworte</h2>\n',
    ['[\\<img class=\\"bild\\" src=\\"/b.jpg\\" alt=\\"Autor\\" width=\\"80\\" height=\\"120 />](/autor/)'],
  ],
  [
    'a <summary> outside any <details> (its <details> tag unreadable to kramdown, or never written) stays HTML: a block Markdown cannot say',
    '<div><p><b>Mehr</b></p><details @toggle="offen" open><summary>Kurz</summary>Lang und breit</details></div>',
    ['\\<details @toggle=\\"offen\\" open>\n\n<summary>Kurz</summary>\n\nLang und breit\\</details>'],
  ],
  [
    "a comment between list items (an item commented out) goes to the end of the item before it: between them it glued the next item's marker to its end",
    '<nav><ul>\n<li><a href="/a">Start</a>\n<ul><li><a href="/a1">Archiv</a></li></ul></li>\n<!--\n<li><a href="/v">Filme</a></li>\n-->\n<li><a href="/w">Bilder</a></li>\n</ul></nav>\n',
    ['    -   [Archiv](/a1) <!--\n            <li><a href="/v">Filme</a></li>\n            -->\n-   [Bilder](/w)'],
  ],
  [
    'an unsafe URL in an attribute of an element kept as HTML goes, and --verify does not count it as a change of the element',
    '<p>Ihre <b>Meinung</b></p>\n<form action="/meinung" method="post"><button class="knopf" href="javascript:void(0);">Senden</button></form>\n',
    ['<button class="knopf">Senden</button>'],
  ],
  [
    "text in a list before its first item is a line above the items: it goes before the list, where it ran into the first item's marker",
    '<div><p>Text davor.</p><ul><span>Mehr zum Thema</span><li><a href="/a">Eins</a></li>\n\n<li><a href="/b">Zwei</a></li></ul></div>',
    ['Text davor.\n\nMehr zum Thema\n\n-   [Eins](/a)\n-   [Zwei](/b)'],
  ],
  [
    'a link around blocks that show nothing (an icon drawn by CSS) stays, empty, in the first of them: it was dropped',
    '<p>Teilen <b>jetzt</b></p><div><a class="mehr" href="#"><div class="icon"><i class="plus"></i></div> </a></div><p>Ende.</p>',
    ['<a class="mehr" href="#"></a>'],
  ],
];

describeShapes('saved pages --verify refused: each shape converts without loss', SHAPES);

describe('--verify and frames', () => {
  const problems = problemsBetween;

  it('a frame between line breaks may stand as a block', () => {
    expect(problems('<p>a<br><iframe src="https://v.example/1"></iframe><br>b</p>', '<p>a</p><iframe src="https://v.example/1"></iframe><p>b</p>')).toEqual([]);
  });

  it('a frame with words beside it in its line may not: the line would be split', () => {
    expect(problems('<p>a <iframe src="https://v.example/1"></iframe> b</p>', '<p>a</p><iframe src="https://v.example/1"></iframe><p>b</p>')).toEqual([expect.stringMatching(/^text differs/)]);
  });
});

describe('scripts in comments of Markdown text', () => {
  const md = (body: string) => convertText(body).markdown;

  it('a comment in a paragraph keeps what it holds', () => {
    expect(md('Text <!--[if IE]>\n<script src="https://s.example/a.js"></script>\n<![endif]--> weiter\n')).toContain('<script src="https://s.example/a.js"></script>');
  });

  it('a script is removed where kramdown reads no comment around it', () => {
    for (const body of [
      'Text <!--[if IE]>\n\n<script>alert(1)</script>\n-->\n',
      'Text <!-- a --> <script>alert(1)</script> -->\n',
      'Text `<!--` <script>alert(1)</script> -->\n',
      'Text <script>x<!--</script><script>alert(1)</script>-->\n',
    ]) {
      expect(md(body), body).not.toContain('<script');
    }
  });
});
