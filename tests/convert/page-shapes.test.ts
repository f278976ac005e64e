import { describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { describeShapes, problemsBetween } from './helpers.js';

/** A page as MathJax 3 leaves it: its glyphs drawn by CSS, the formula itself as MathML for assistive technology. */
const MATHJAX_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Formeln im Test</title>
<style>mjx-c.mjx-c3D::before { content: "="; }</style></head>
<body>
<h1>Formeln im Test</h1>
<p>
  Für
</p>
<mjx-container class="MathJax" jax="CHTML" tabindex="0">
  <mjx-math class="MJX-TEX" aria-hidden="true"><mjx-mi class="mjx-i"><mjx-c class="mjx-c1D45B TEX-I"></mjx-c></mjx-mi></mjx-math>
  <mjx-assistive-mml unselectable="on" display="inline">
    <math xmlns="http://www.w3.org/1998/Math/MathML">
      <mi>
        n
      </mi>
      <mo>
        &gt;
      </mo>
      <mn>
        1
      </mn></math>
  </mjx-assistive-mml>
</mjx-container>, gilt die Summe
<mjx-container class="MathJax" jax="CHTML" tabindex="0">
  <mjx-assistive-mml unselectable="on" display="inline">
    <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>s</mi><mo>=</mo><mi>n</mi><mo>|</mo><mi>k</mi></math>
  </mjx-assistive-mml>
</mjx-container>und damit
<mjx-container class="MathJax" jax="CHTML" display="true" tabindex="0">
  <mjx-assistive-mml unselectable="on" display="block">
    <math xmlns="http://www.w3.org/1998/Math/MathML" display="block">
      <mi>
        s
      </mi>
      <mo>
        =
      </mo>
      <mfrac><mrow><mi>n</mi><mo>+</mo><mn>1</mn></mrow><mn>2</mn></mfrac>
      <mtext>
        .
      </mtext></math>
  </mjx-assistive-mml>
</mjx-container>
<h2>Die zweite Gleichung</h2>
<p>Die Herleitung folgt in mehreren Schritten, die wir hier ausführlich beschreiben, damit jeder Leser sie nachvollziehen kann. Zuerst schreiben wir die Summe vorwärts und rückwärts untereinander, dann addieren wir beide Zeilen Glied für Glied.</p>
<p>Jedes Paar ergibt denselben Wert, und es gibt genau so viele Paare wie Glieder. Daraus folgt das Ergebnis unmittelbar, ohne dass wir weitere Hilfsmittel benötigen. Diese Überlegung wird oft einem berühmten Mathematiker zugeschrieben.</p>
<p>Eine Skizze <svg width="12" height="12"><title>Punkt</title><circle cx="6" cy="6" r="4"/></svg> zeigt die Paare.</p>
</body></html>`;

/**
 * Shapes of whole pages whose conversion `--verify` refused, each in a
 * fixture of our own: [what, HTML, pieces the Markdown must hold]. Each must
 * also pass `--verify` (kramdown renders the Markdown with what the HTML shows).
 */
const SHAPES: Array<[string, string, string[]]> = [
  [
    'a link around a drawing, whose attributes a broken quote ran together, keeps only the attributes kramdown can read (it showed the tag as text)',
    '<!DOCTYPE html><html><head><title>Netzpolitik</title></head><body><article><h1>Netzpolitik</h1><p>Die Debatte über Netzpolitik hat im Wahlkampf an Gewicht gewonnen, und mehrere Kandidaten haben eigene Programme vorgelegt, die den Zugang zum Netz betreffen.</p><p>Die Debatte über Netzpolitik hat im Wahlkampf an Gewicht gewonnen, und mehrere Kandidaten haben eigene Programme vorgelegt, die den Zugang zum Netz betreffen.</p><p>Die Debatte über Netzpolitik hat im Wahlkampf an Gewicht gewonnen, und mehrere Kandidaten haben eigene Programme vorgelegt, die den Zugang zum Netz betreffen.</p><p>Mehr dazu: <a href="http://info.example/-24" title="Weitere Informationen" rel="noopener  class="info-link" target="_blank"><svg width="32px" height="20px" viewBox="0 0 11 32"><path d="M11 24v2"></path></svg></a> mitteilen</p><p>Die Debatte über Netzpolitik hat im Wahlkampf an Gewicht gewonnen, und mehrere Kandidaten haben eigene Programme vorgelegt, die den Zugang zum Netz betreffen.</p></article></body></html>',
    ['Mehr dazu: <a href="http://info.example/-24" title="Weitere Informationen" rel="noopener  class=" target="_blank"><svg'],
  ],
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
  [
    'an <audio> inside a table that stays HTML keeps its source and controls',
    '<p>Hören Sie:</p><table><tr><td><table><tr><td><audio src="http://m.example/mp3/g_0101.mp3" controls=""></audio></td></tr></table></td></tr><tr><td>Text</td></tr></table>',
    ['<audio src="http://m.example/mp3/g_0101.mp3" controls=""></audio>'],
  ],
  [
    'a page of MathJax output: inline formulas stay in their line (in a <span> where one starts it), a display formula is a block',
    MATHJAX_PAGE,
    [
      'Für\n\n<span><math xmlns="http://www.w3.org/1998/Math/MathML"> <mi> n </mi> <mo> &gt; </mo> <mn> 1 </mn></math></span> , gilt die Summe <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>s</mi>',
      '<mo>|</mo><mi>k</mi></math> und damit',
      '\n\n<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">',
      'Eine Skizze <svg width="12" height="12"><title>Punkt</title><circle cx="6" cy="6" r="4"></circle></svg> zeigt die Paare.',
    ],
  ],
  [
    'links whose href has line breaks and spaces around it (as old hand-written pages have) go where the browser goes',
    `<p>Die Geschichte</p>
<h2><a href="http://w.example/texte/geschichte.html
        " target="_blank "><img src="heim.gif " alt="Zum Text ohne Anmerkungen
        " height="38 " width="38 "/></a>
</h2>
<p>Siehe <a href="http://w.example/texte/
geschichte/teil-2.html">Teil 2</a> und <a href="  #anm-1 ">Anmerkung</a>.</p>
<p id="anm-1">Anmerkung eins.</p>`,
    ['## [![Zum Text ohne Anmerkungen ](heim.gif){: height="38" width="38"}](http://w.example/texte/geschichte.html){: target="_blank"}', '[Teil 2](http://w.example/texte/geschichte/teil-2.html)', '[Anmerkung](#anm-1)', '<a id="anm-1"></a>Anmerkung eins.'],
  ],
  [
    'a figure with attribute names kramdown cannot read (a framework\'s @click and :class) keeps the figure, without them',
    `<!DOCTYPE html><html><head><title>Ein Beitrag</title></head><body>
<nav><a href="/">Start</a> <a href="/archiv">Archiv</a></nav>
<article><h1>Ein Beitrag über Kameras</h1>
<p>Die Kamera nimmt mehrere Bilder auf und legt sie übereinander, damit dunkle Stellen hell genug werden und helle Stellen nicht ausbrennen. Das Verfahren ist seit Jahren bekannt.</p>
<figure class="bild" @click="gross = true" :class="{ offen: gross }"><img src="/bilder/sucher.png" alt="Sucher"><figcaption>Der Sucher zeigt das Ergebnis.</figcaption></figure>
<p>Neu ist, dass der Sucher das Ergebnis schon vor der Aufnahme zeigt. Dafür schätzt ein kleines Netz die Tonkurve jedes Bildausschnitts, und zwar so schnell, dass die Vorschau flüssig bleibt.</p>
<p>Zwei Regler erlauben es, Helligkeit und Schatten getrennt einzustellen. So lassen sich Gegenlichtaufnahmen gestalten, ohne die Aufnahme später bearbeiten zu müssen.</p>
</article></body></html>`,
    ['\n\n<figure><img src="/bilder/sucher.png" alt="Sucher"><figcaption>Der Sucher zeigt das Ergebnis.</figcaption></figure>\n\n'],
  ],
  [
    'a forum post\'s anchor with both an id and a name keeps both',
    '<ol><li><p>Am 3. März <a name="beitrag7" href="t.php?p=7#beitrag7">#1</a><a id="zaehler7" name="1"></a></p><p>Text des <b>Beitrags</b>.</p></li></ol><p>Siehe <a href="#1">den ersten</a> und <a href="#zaehler7">den Zähler</a>.</p>',
    ['<a name="beitrag7"></a>[#1](t.php?p=7#beitrag7)<a id="zaehler7"></a><a name="1"></a>'],
  ],
  [
    'pages of a <pre> each, and a line break after the last: no line of a space between them, the line break kept',
    '<div><p><b>Entwurf</b></p><pre>Seite 1 <a href="#s2">weiter</a>\n</pre>\n<pre>Seite 2 <a href="/s3">weiter</a>\n</pre>\n<br><small>Erzeugt von <a href="/w">einem Werkzeug</a></small></div>',
    ['</pre>\n\n<pre>Seite 2', '</pre>\n\n<br /><small>Erzeugt von [einem Werkzeug](/w)</small>'],
  ],
  [
    'a captioned table inside a container kept as HTML keeps its caption in place, with no blank line where it was (CommonMark would end the block there)',
    '<p>Filme, in denen sich ein Tag wiederholt, und wann sie erschienen sind.</p>\n<div style="overflow-x:auto">\n  <table>\n    <caption>Filme mit Zeitschleife\n    </caption>\n    <thead>\n      <tr><th>Film</th><th>Jahr</th></tr>\n    </thead>\n    <tbody>\n      <tr><td>Und täglich grüßt</td><td>1993</td></tr>\n    </tbody>\n  </table>\n</div>\n<p>Danach.</p>',
    ['<div style="overflow-x:auto">\n  <table>\n    <caption>Filme mit Zeitschleife\n    </caption>\n    <thead>'],
  ],
  [
    'a link around a <picture> written over several lines stays HTML on one line (kramdown ends the paragraph at a line starting <source or </picture>)',
    `<!DOCTYPE html><html><head><title>Ministre</title></head><body><article>
<p>Photos à l'appui, le journal révèle ce vendredi que le ministre s'est retrouvé tard mercredi soir dans un restaurant de la ville, sans masque, en dépit des mesures.</p>
<a href="https://x.example/big.jpg" data-size="1200x800"><picture>
<source srcset="https://x.example/a.jpg 1x" media="(min-width: 480px)">
<img srcset="https://x.example/b.jpg 2048w" alt="Le ministre, photo: Archives" title="Le ministre">
</picture></a>
<p>Le ministre, photo: Archives</p>
<p>Le chef du gouvernement a déclaré jeudi qu'il attendait des explications, et l'opposition demande déjà sa démission au parlement, où le débat doit avoir lieu la semaine prochaine.</p>
</article></body></html>`,
    ['\n\n<a href="https://x.example/big.jpg" data-size="1200x800"><picture> <source srcset="https://x.example/a.jpg 1x" media="(min-width: 480px)"> <img srcset="https://x.example/b.jpg 2048w" alt="Le ministre, photo: Archives" title="Le ministre"> </picture></a>\n\n'],
  ],
  [
    'a list item whose text starts after spaces (a link around paragraphs, indented by tabs): its text starts right after the marker, so its next lines stay in it',
    '<p>Artikel.</p>\n<ul>\n\t<li>\n\t\t<a href="/jung" title="Jung">\n\t\t\t<p>\n\t\t<span><img src="/badge.svg" alt="Plus"></span>\n\t\t<span>Nachwuchs</span>\n\t</p>\n\t\t\t<p>\n\t\t<strong>Jung, cool</strong>\n\t</p>\n\t\t</a>\n\t</li>\n</ul>',
    ['-   [![Plus](/badge.svg) Nachwuchs](/jung "Jung")\n    \n    **Jung, cool**'],
  ],
  [
    'microdata\'s <meta itemprop> and <link itemprop> inside a sentence stay in its line (a block of their own split the sentence)',
    '<p>Kunden des Vermittlers <span itemscope itemtype="https://schema.org/Organization"><meta itemprop="name" content="Lyft">Lyft</span> in der Stadt <link itemprop="url" href="https://x.example/">Phoenix.</p><p><meta itemprop="name" content="Lyft">Lyft fährt bald ohne Fahrer.</p>',
    ['Kunden des Vermittlers <meta itemprop="name" content="Lyft">Lyft in der Stadt <link itemprop="url" href="https://x.example/">Phoenix.', '<span><meta itemprop="name" content="Lyft"></span>Lyft fährt'],
  ],
];

describeShapes('whole pages --verify refused: each shape converts without loss', SHAPES);

describe('--verify and formulas', () => {
  const problems = problemsBetween;

  it('a display formula is a block of its own, as browsers show it', () => {
    expect(problems('<p>so <math display="block"><mi>x</mi></math> and</p>', '<p>so</p><math display="block"><mi>x</mi></math><p>and</p>')).toEqual([]);
  });

  it('an inline formula split off its line is refused', () => {
    expect(problems('<p>so <math><mi>x</mi></math> and</p>', '<p>so</p><math><mi>x</mi></math><p>and</p>')).toEqual([expect.stringMatching(/^text differs/)]);
  });
});

describe('--verify reads URLs as the browser does', () => {
  const problems = problemsBetween;

  it('spaces and line breaks at the ends of a URL, and line breaks inside it, are not part of it', () => {
    expect(problems('<p><a href="a.html\n   ">x</a><img src=" i.gif\t"><a href="b/\nc.html">y</a></p>', '<p><a href="a.html">x</a><img src="i.gif"><a href="b/c.html">y</a></p>')).toEqual([]);
  });

  it('a space inside a URL is part of it', () => {
    expect(problems('<p><a href="a b.html">x</a></p>', '<p><a href="ab.html">x</a></p>')).toEqual(['link lost: a b.html', 'link added: ab.html']);
  });
});

describe('attribute names kramdown cannot read', () => {
  it('a whole page drops them from the HTML it keeps, and reports each', () => {
    const { removed } = convertText(SHAPES.find(([what]) => what.startsWith('a figure with attribute names'))![1], { input: 'html' });
    expect(removed.filter((r) => r.reason === 'attribute-name')).toEqual([
      { reason: 'attribute-name', element: 'figure', text: '@click', links: [], images: [] },
      { reason: 'attribute-name', element: 'figure', text: ':class', links: [], images: [] },
    ]);
  });

  it('a post body keeps them: kramdown shows its original the same way', () => {
    const { markdown, removed } = convertText('<div><p><b>a</b></p><details @toggle="x" open><summary>s</summary>t</details></div>', { input: 'html' });
    // kramdown cannot read the tag: it is text to it, and stays text.
    expect(markdown).toContain('\\<details @toggle=\\"x\\" open>');
    expect(removed).toEqual([]);
  });
});
