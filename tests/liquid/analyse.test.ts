import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseLiquid } from '../../src/liquid/analyse.js';
import { hasRubyJekyll, rubyLiquid } from '../helpers/ruby-liquid.js';

/** Liquid's own errors must match to the word and the line; Jekyll's tags raise Ruby errors whose text finews shortens. */
function agree(sources: readonly string[]): string[] {
  const ruby = rubyLiquid(sources);
  const disagreements: string[] = [];
  sources.forEach((s, i) => {
    const mine = analyseLiquid(s).error?.message ?? null;
    const theirs = ruby[i]!.error;
    const liquid = (m: string | null) => m?.startsWith('Liquid syntax error') ?? false;
    const same = mine === theirs || (mine !== null && theirs !== null && !liquid(mine) && !liquid(theirs) && theirs.startsWith(mine.split(':')[0]!.split(' (')[0]!));
    if (!same) disagreements.push(`${JSON.stringify(s)}\n  finews: ${mine}\n  Liquid: ${theirs}`);
  });
  return disagreements;
}

const PIECES = [
  '{% if a %}', '{% if %}', '{% else %}', '{% elsif b %}', '{% endif %}', '{% for x in y %}', '{% for x %}', '{% endfor %}',
  '{% raw %}', '{% endraw %}', '{%- endraw %}', '{% comment %}', '{% endcomment %}', '{{ a }}', '{{ a }', '{{', '{%', '}}', '%}',
  '{% foo %}', '\n', ' ', '文', '{% case a %}', '{% when 1 %}', '{% endcase %}', '{% capture %}', '{% capture c %}', '{% endcapture %}',
  '{% assign x = 1 %}', '{% assign %}', '{% unless a %}', '{% endunless %}', '{% end %}', '{% highlight ruby %}', '{% endhighlight %}',
  '{% highlight %}', '{% include a.html %}', '{% include a.html x="1" %}', '{% include a.html x %}', '{% post_url 2020-01-01-a %}',
  '{% post_url abc %}', '{% cycle %}', '{% cycle 1, 2 %}', '{% tablerow x in y %}', '{% endtablerow %}', '{% # c %}', '{% render "a" %}',
  '{% render a %}', '{% ifchanged %}', '{% endifchanged %}', '{% when x %}', '{% else x %}', '{%- if a -%}', '{{1..3},{7..9}}',
];
const MARKUP = fc.string({ unit: fc.constantFrom('a', ' ', '=', '"', "'", ',', '|', ':', '.', '(', ')', '1', '\n', ' in ', ' and ', ' or ', '-', '#', '中', '>', '\t', '[', ']', '{', '}'), maxLength: 14 });
const TAG_NAMES = ['if', 'unless', 'for', 'case', 'assign', 'capture', 'cycle', 'tablerow', 'include', 'include_relative', 'highlight', 'raw', 'render', '#', 'post_url', 'elsif', 'when'];

describe.skipIf(!hasRubyJekyll)('analyseLiquid agrees with Ruby Liquid and Jekyll on where parsing stops', () => {
  it('on bodies made of tags, blocks and stray braces', () => {
    const sources = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((a) => a.join('')), { numRuns: 2500, seed: 3 });
    expect(agree(sources)).toEqual([]);
  });

  it('on tags and outputs with any markup', () => {
    const body = fc.tuple(fc.constantFrom(...TAG_NAMES), MARKUP).map(([name, markup]) => {
      const closer = ['if', 'unless', 'for', 'case', 'capture', 'tablerow', 'highlight', 'raw'].includes(name) ? `x{% end${name} %}` : '';
      return name === 'elsif' ? `{% if a %}{% elsif ${markup} %}{% endif %}` : name === 'when' ? `{% case a %}{% when ${markup} %}{% endcase %}` : `{% ${name} ${markup} %}${closer}`;
    });
    const sources = fc.sample(fc.oneof(body, MARKUP.map((m) => `{{${m}}}`)), { numRuns: 2500, seed: 7 });
    expect(agree(sources)).toEqual([]);
  });
});
