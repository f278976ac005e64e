import { ruleTester } from '../rule-tester.js';

const FM = '---\nlayout: post\ntitle: A\ndate: 2022-01-06 09:00:00 +0800\n---\n';

ruleTester('front-matter-missing', {
  valid: [
    { name: 'front matter at byte 0', text: `${FM}Body\n` },
    { name: 'after a BOM, which Jekyll strips', text: `\uFEFF${FM}Body\n` },
    { name: 'a page outside _posts without front matter', path: 'about/x.md', text: 'Just text\n' },
    // Unpublished: GitHub Pages never builds drafts, and `finews publish` asks for front matter first.
    { name: 'a draft without front matter, the author\'s notes', path: '_drafts/notes.md', text: 'Notes\n\n- a link\n' },
  ],
  invalid: [
    { name: 'a post without front matter', text: 'Just text\n', errors: [{ message: 'no front matter: Jekyll builds the post from its file name alone', line: 1 }] },
    { name: 'a draft whose front matter is displaced', path: '_drafts/a.md', text: `\n${FM}Body\n`, errors: [{ message: /does not start at the first byte/, line: 2 }], output: `${FM}Body\n` },
    {
      name: 'a blank line first',
      text: `\n${FM}Body\n`,
      errors: [{ message: /does not start at the first byte/, line: 2, column: 1 }],
      output: `${FM}Body\n`,
    },
    {
      name: 'white space and CRLF blank lines first',
      text: ` \r\n\t\n${FM}Body\n`,
      errors: [{ message: /does not start at the first byte/, line: 3 }],
      output: `${FM}Body\n`,
    },
    {
      name: 'BOM then a blank line: the BOM stays (unicode-bom owns it)',
      text: `\uFEFF\n${FM}Body\n`,
      errors: [{ message: /does not start at the first byte/, line: 2 }],
      output: `\uFEFF${FM}Body\n`,
    },
    { name: 'no front matter at all', text: 'Just text\n', errors: [{ message: /no front matter/, line: 1 }] },
    { name: 'an empty file', text: '', errors: [{ message: /no front matter/ }] },
  ],
});

ruleTester('front-matter-invalid', {
  valid: [
    { name: 'valid YAML', text: `${FM}Body\n` },
    { name: 'empty front matter', text: '---\n---\nBody\n', required: [] },
  ],
  invalid: [
    {
      name: 'quotes inside a double-quoted title',
      text: '---\ntitle: "bad "quoted" title"\n---\nBody\n',
      errors: [{ message: /Jekyll builds the post with no title or categories, dated at build time/, line: 2 }],
    },
    { name: 'a list, not a mapping', text: '---\n- a\n- b\n---\nBody\n', errors: [{ message: /not a mapping/ }] },
    {
      name: 'categories Jekyll cannot merge (a number)',
      text: '---\ntitle: A\ncategories: 5\n---\nBody\n',
      errors: [{ message: /no implicit conversion of Integer into Array/, line: 3 }],
    },
  ],
});

ruleTester('front-matter-language', {
  valid: [{ name: 'a plain fence', text: `${FM}Body\n` }],
  invalid: [
    { name: '---js', text: '---js\n{ title: "x" }\n---\nBody\n', errors: [{ message: /"---js"/, line: 1 }] },
    { name: '---javascript', text: '---javascript\nmodule.exports = {}\n---\n', errors: [{ message: /never evaluates it/ }] },
  ],
});
