import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseLiquid } from '../../src/liquid/analyse.js';
import { literalLiquid, liquidStage, renderLiteral } from '../../src/liquid/literal.js';
import { hasRubyJekyll, rubyLiquid } from '../helpers/ruby-liquid.js';

const BRACEY = fc.string({ unit: fc.constantFrom('{', '}', '%', '-', ' ', '\n', 'a', '中', '{{', '}}', '{%', '%}', 'raw', 'endraw', 'comment', '"'), maxLength: 30 });

describe('literalLiquid', () => {
  it('wraps what Liquid would read, and nothing else', () => {
    expect(literalLiquid('数组 {{1..3},{7..9}} 与 {% foo %}')).toBe('数组 {% raw %}{{1..3}{% endraw %},{7..9}} 与 {% raw %}{% foo %}{% endraw %}');
    expect(literalLiquid('a {% b')).toBe('a {% raw %}{%{% endraw %} b');
    expect(literalLiquid('{ x } 100% }}')).toBe('{ x } 100% }}');
    expect(literalLiquid('{% endraw %}')).toBe('{% raw %}{%{% endraw %} endraw %}');
  });

  it('gives text that Liquid parses and renders as written', () => {
    fc.assert(
      fc.property(BRACEY, (s) => {
        const literal = literalLiquid(s);
        expect(analyseLiquid(literal).error).toBeNull();
        expect(renderLiteral(literal)).toBe(s);
        expect(literalLiquid(s)).toBe(literal);
      }),
      { numRuns: 3000 },
    );
  });

  it.skipIf(!hasRubyJekyll)('renders as written in Ruby Liquid too', () => {
    const sources = fc.sample(BRACEY, { numRuns: 500, seed: 5 });
    const ruby = rubyLiquid(sources.map(literalLiquid), { render: true });
    sources.forEach((s, i) => expect(ruby[i]!.output, JSON.stringify(s)).toBe(s));
  });
});

describe('liquidStage', () => {
  it('refuses a conversion that stops the build or drops text where the original did not', () => {
    expect(liquidStage('<p>{{1..3}}</p>', '{{1..3}', false).problem).toMatch(/stops Jekyll's build/);
    expect(liquidStage('<p>x</p>', '{{ x }}', false).problem).toMatch(/renders nothing/);
    expect(liquidStage('{{ x }}', '{{ x }}', true).problem).toBeNull();
    expect(liquidStage('<p>{{ a }</p>', literalLiquid('{{ a }'), false)).toEqual({ original: '<p>{{ a }</p>', converted: '{{ a }', problem: null });
  });

  it('renders raw and comment blocks with their whitespace control, as Ruby Liquid does', () => {
    expect(renderLiteral('a {%- raw -%} b {% endraw %}  c {% comment %}x{% endcomment %}d')).toBe('a b c d');
  });
});
