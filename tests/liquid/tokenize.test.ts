import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidSpans, rawEnd, tagName, tokenizeLiquid } from '../../src/liquid/tokenize.js';
import { hasRubyJekyll, rubyLiquid } from '../helpers/ruby-liquid.js';

const texts = (source: string) => tokenizeLiquid(source).map((t) => source.slice(t.start, t.end));
const spans = (source: string) => liquidSpans(source).map((s) => `${s.kind}:${s.name ?? ''}:${source.slice(s.start, s.end)}`);

describe('tokenizeLiquid', () => {
  it('splits as Liquid does', () => {
    expect(texts('a{{b}}c{%d')).toEqual(['a', '{{b}}', 'c', '{%', 'd']);
    expect(texts('数组 {{1..3},{7..9}} 示例')).toEqual(['数组 ', '{{1..3}', ',{7..9}} 示例']);
    expect(texts('{% if %}\n{{ x }}}')).toEqual(['{% if %}', '\n', '{{ x }}', '}']);
    expect(texts('no liquid { here }')).toEqual(['no liquid { here }']);
    expect(texts('')).toEqual([]);
  });

  it('covers the source exactly, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '%', '-', ' ', '\n', 'a', '中') }), (s) => {
        const tokens = tokenizeLiquid(s);
        expect(tokens.map((t) => s.slice(t.start, t.end)).join('')).toBe(s);
        tokens.forEach((t, i) => i > 0 && expect(t.start).toBe(tokens[i - 1]!.end));
      }),
    );
  });

  it('reads tag names as Liquid 5 does (ASCII word characters or #)', () => {
    expect(tagName('{% if x %}')).toBe('if');
    expect(tagName('{%- endraw -%}')).toBe('endraw');
    expect(tagName('{% # note %}')).toBe('#');
    expect(tagName('{% 涨幅 %}')).toBeNull();
    expect(tagName('{%%}')).toBeNull();
    expect(tagName('{%\u3000if %}')).toBeNull();
  });

  it('ends raw blocks as Raw#parse does', () => {
    expect(rawEnd('{% endraw %}')).toBe(0);
    expect(rawEnd('{%- endraw %}')).toBe(-1);
    expect(rawEnd('{{ x {% endraw %}')).toBe(5);
    expect(rawEnd('{% endraw {% x %}')).toBe(-1);
    expect(rawEnd('{% endrawx %}')).toBe(-1);
  });
});

describe('liquidSpans', () => {
  it('keeps raw, comment and highlight blocks whole', () => {
    expect(spans('a {% raw %}{{ x }}{% endraw %} b')).toEqual(['block:raw:{% raw %}{{ x }}{% endraw %}']);
    expect(spans('{% comment %}{% comment %}{% endcomment %}x{% endcomment %}{{ y }}')).toEqual([
      'block:comment:{% comment %}{% comment %}{% endcomment %}x{% endcomment %}',
      'output::{{ y }}',
    ]);
    expect(spans('{% comment %}{% raw %}{% endcomment %}{% endraw %}{% endcomment %}')).toEqual([
      'block:comment:{% comment %}{% raw %}{% endcomment %}{% endraw %}{% endcomment %}',
    ]);
    expect(spans('{% highlight xml %}<a>{{ x }}</a>{% endhighlight %}')).toEqual(['block:highlight:{% highlight xml %}<a>{{ x }}</a>{% endhighlight %}']);
  });

  it('gives a block never closed its opening tag alone', () => {
    expect(spans('{% raw %} 未闭合 {{ x }}')).toEqual(['tag:raw:{% raw %}', 'output::{{ x }}']);
  });

  it('names tags, and gives null to what is no tag', () => {
    expect(spans('{% if a %}{{ b | c }}{% endif %}{%')).toEqual(['tag:if:{% if a %}', 'output::{{ b | c }}', 'tag:endif:{% endif %}', 'tag::{%']);
  });
});

describe.skipIf(!hasRubyJekyll)('tokenizeLiquid agrees with Ruby Liquid', () => {
  it('on generated strings', () => {
    const sources = fc.sample(
      fc.string({ unit: fc.constantFrom('{', '}', '%', '-', ' ', '\n', 'a', '中', '{%', '%}', '{{', '}}', 'raw', 'endraw'), maxLength: 40 }),
      { numRuns: 2000, seed: 10 },
    );
    const ruby = rubyLiquid(sources);
    sources.forEach((s, i) => expect(texts(s), JSON.stringify(s)).toEqual(ruby[i]!.tokens));
  });
});
