import { ruleTester } from '../rule-tester.js';

const FM = '---\nlayout: post\ntitle: A\ndate: 2022-01-06 09:00:00 +0800\n---\n';

ruleTester('liquid-syntax', {
  valid: [
    { name: 'no Liquid at all', text: `${FM}股价 { 上涨 } 100%\n` },
    { name: 'intended Liquid', text: `${FM}{{ page.title }} {% raw %}{{ x }}{% endraw %} {% comment %}note{% endcomment %}\n` },
    { name: 'a block the excerpt cuts is closed by Jekyll', text: `${FM}{% raw %}\n\n{{ x }}{% endraw %}\n` },
    { name: 'no excerpt when the separator is empty', config: 'excerpt_separator: ""\n', text: `${FM}价格 {{\n\n}} 结束 {% assign a = 1 %}\n` },
    { name: 'render_with_liquid: false', text: '---\ntitle: A\nrender_with_liquid: false\n---\n股价 {% foo %} 上涨\n' },
    {
      name: 'render_with_liquid: false from defaults',
      config: 'defaults:\n  - scope: { path: _posts }\n    values: { render_with_liquid: false }\n',
      text: `${FM}股价 {% foo %} 上涨\n`,
    },
  ],
  invalid: [
    {
      name: 'an unknown tag',
      text: `${FM}股价 {% foo %} 上涨\n`,
      errors: [{ message: `"{% foo %}": {% foo %} is no Liquid tag Jekyll knows; Jekyll stops the whole build ("Liquid syntax error (line 1): Unknown tag 'foo'")`, line: 6, column: 4 }],
      output: `${FM}股价 {% raw %}{% foo %}{% endraw %} 上涨\n`,
    },
    {
      name: 'raw never closed',
      text: `${FM}\n{% raw %} 未闭合\n`,
      errors: [{ message: /'raw' tag was never closed/, line: 7, column: 1 }],
      output: `${FM}\n{% raw %}{% raw %}{% endraw %} 未闭合\n`,
    },
    {
      name: 'braces of a shell glob',
      text: `${FM}数组 {{1..3},{7..9}} 示例\n`,
      errors: [{ message: /Variable '\{\{1\.\.3\}' was not properly terminated/, line: 6, column: 4 }],
      output: `${FM}数组 {% raw %}{{1..3}{% endraw %},{7..9}} 示例\n`,
    },
    {
      name: 'a lone {% and a lone {{, fixed one pass at a time',
      text: `${FM}a {% b\nc {{ d\n`,
      errors: [{ message: /Tag '\{%' was not properly terminated/, line: 6, column: 3 }],
      output: `${FM}a {% raw %}{%{% endraw %} b\nc {% raw %}{{{% endraw %} d\n`,
    },
    {
      name: 'a block closed by the wrong tag',
      text: `${FM}{% if a %}x{% endfor %}\n`,
      errors: [{ message: /'endfor' is not a valid delimiter for if tags. use endif/ }],
      output: `${FM}{% raw %}{% if a %}{% endraw %}x{% raw %}{% endfor %}{% endraw %}\n`,
    },
    {
      name: 'Liquid the excerpt cuts in two',
      text: `${FM}价格 {{\n\n}} 结束\n`,
      errors: [{ message: /^"\{\{": the excerpt \(the text before the first blank line\) ends inside it; .*Variable '\{\{' was not properly terminated/, line: 6, column: 4 }],
      output: `${FM}价格 {% raw %}{{{% endraw %}\n\n}} 结束\n`,
    },
    {
      // front-matter-missing's fix moves it to byte 0, where {% raw %} would be text in the title.
      name: 'Liquid in front matter after a blank line: reported, not wrapped',
      text: '\n---\ntitle: "{%"\n---\n正文\n',
      errors: [{ message: /^"\{%": a "\{%" that no "%\}" closes/, line: 3, column: 9 }],
    },
    {
      name: 'a post_url to a name Jekyll cannot read: meant as Liquid, no fix',
      text: `${FM}见 {% post_url missing %}\n`,
      errors: [{ message: /Could not parse name of post "missing" in tag 'post_url'/ }],
    },
    {
      name: 'a post_url to no post',
      text: `${FM}见 {% post_url 2022-01-05-missing %}\n`,
      errors: [{ message: /Could not find post "2022-01-05-missing" in tag 'post_url'/, line: 6, column: 3 }],
    },
    {
      name: 'an include of no file',
      text: `${FM}{% include nothing-here.html %}\n`,
      errors: [{ message: /Could not locate the included file 'nothing-here.html'/ }],
    },
  ],
});

ruleTester('liquid-output', {
  valid: [
    { name: 'variables Jekyll defines', text: `${FM}{{ page.title }} {{ site.title }} {{ "text" }} {{ 3 }}\n` },
    { name: 'a variable the post assigns', text: `${FM}{% assign rate = 5 %}rate {{ rate }} pct\n` },
    { name: 'a filter may give a value', text: `${FM}{{ rate | default: "n/a" }}\n` },
    { name: 'Liquid in code, inside raw', text: `${FM}\`\`\`\n{% raw %}{{ x }}{% endraw %}\n\`\`\`\n` },
    { name: 'a post that stops the build is liquid-syntax only', text: `${FM}{% foo %}\n` },
  ],
  invalid: [
    {
      name: 'an undefined variable',
      text: `${FM}rate {{ rate }} pct\n`,
      errors: [{ message: '"{{ rate }}" renders nothing (nothing defines "rate"): the reader sees "rate  pct"', line: 6, column: 6 }],
      output: `${FM}rate {% raw %}{{ rate }}{% endraw %} pct\n`,
    },
    {
      name: 'a name Liquid cannot read',
      text: `${FM}涨幅 {{ 涨幅 }} 百分之五\n`,
      errors: [{ message: '"{{ 涨幅 }}" renders nothing (Liquid reads no value in it): the reader sees "涨幅  百分之五"' }],
      output: `${FM}涨幅 {% raw %}{{ 涨幅 }}{% endraw %} 百分之五\n`,
    },
    {
      name: 'Liquid in a code fence',
      text: `${FM}\`\`\`\n{{ x }} in code\n\`\`\`\n`,
      errors: [{ message: 'Liquid runs before Markdown: in code, "{{ x }}" renders nothing; the reader sees " in code"', line: 7 }],
      output: `${FM}\`\`\`\n{% raw %}{{ x }}{% endraw %} in code\n\`\`\`\n`,
    },
    {
      name: 'intended Liquid in inline code',
      text: `${FM}Use \`{{ page.title }}\` here\n`,
      errors: [{ message: 'Liquid runs before Markdown: in code, "{{ page.title }}" shows a value, not the text' }],
      output: `${FM}Use \`{% raw %}{{ page.title }}{% endraw %}\` here\n`,
    },
  ],
});
