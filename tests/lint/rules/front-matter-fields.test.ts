import { ruleTester } from '../rule-tester.js';

ruleTester('required-fields', {
  valid: [
    { name: 'all three', text: '---\nlayout: post\ntitle: A\ndate: 2022-01-06 09:00:00 +0800\n---\nBody\n' },
    {
      name: 'layout from defaults in _config.yml',
      config: 'timezone: Asia/Shanghai\ndefaults:\n  - scope: { path: "" }\n    values: { layout: post }\n',
      text: '---\ntitle: A\ndate: 2022-01-06 09:00:00 +0800\n---\nBody\n',
    },
    { name: 'a configured list', required: ['title'], text: '---\ntitle: A\n---\nBody\n' },
    { name: 'no front matter: front-matter-missing says so once', required: ['layout', 'title', 'date'], text: 'Body\n' },
    // By default nothing: Jekyll dates and titles a post from its file name.
    { name: 'the default: no date, no title, no layout', required: undefined, text: '---\ntags: [a]\n---\nBody\n' },
    { name: 'the default: empty front matter', required: undefined, text: '---\n---\nBody\n' },
  ],
  invalid: [
    {
      name: 'date and layout missing',
      required: ['layout', 'title', 'date'],
      text: '---\ntitle: A\n---\nBody\n',
      errors: [
        { message: 'the front matter has no "layout", and no default in _config.yml gives one', line: 1 },
        { message: 'the front matter has no "date", and no default in _config.yml gives one' },
      ],
    },
    { name: 'a configured field', required: ['source'], text: '---\ntitle: A\n---\nBody\n', errors: [{ message: /no "source"/ }] },
    { name: 'empty front matter', required: ['layout', 'title', 'date'], text: '---\n---\nBody\n', errors: [{ message: /"layout"/ }, { message: /"title"/ }, { message: /"date"/ }] },
  ],
});

ruleTester('title-empty', {
  valid: [
    { name: 'a title', text: '---\ntitle: 开站大吉\n---\n' },
    { name: 'no title key: Jekyll titles it from the slug', text: '---\nlayout: post\n---\n' },
  ],
  invalid: [
    { name: 'empty quotes', text: '---\ntitle: ""\ndate: 2022-01-06 09:00:00 +0800\n---\n', errors: [{ message: 'the title is empty', line: 2, column: 8 }] },
    { name: 'blank', text: '---\ntitle: "  "\n---\n', errors: [{ message: 'the title is empty' }] },
    { name: 'null', text: '---\ntitle:\n---\n', errors: [{ message: 'the title is empty', line: 2 }] },
    // The corpus's scraper failure: no title, no date (`date:  +0800`).
    { name: 'empty, with an unreadable date', text: '---\ntitle: ""\ndate:  +0800\n---\n', errors: [{ message: 'the title is empty', line: 2 }] },
  ],
});

ruleTester('layout-missing', {
  valid: [
    { name: 'a layout that exists', text: '---\nlayout: post\n---\n' },
    { name: 'in a sub-folder of _layouts', layouts: ['sub/inner'], text: '---\nlayout: sub/inner\n---\n' },
    { name: 'none and null render without a layout', text: '---\nlayout: none\n---\n' },
    { name: 'null', text: '---\nlayout:\n---\n' },
    { name: 'a theme (or no _layouts): not checked', layouts: null, text: '---\nlayout: from-theme\n---\n' },
  ],
  invalid: [
    { name: 'no such file', text: '---\ntitle: A\nlayout: postt\n---\n', errors: [{ message: 'layout "postt" has no file in _layouts: Jekyll renders the post without it', line: 3, column: 1 }] },
    { name: 'case matters to Jekyll', text: '---\nlayout: Post\n---\n', errors: [{ message: /layout "Post"/ }] },
    {
      name: 'from defaults',
      config: 'timezone: UTC\ndefaults:\n  - scope: { path: "" }\n    values: { layout: article }\n',
      text: '---\ntitle: A\n---\n',
      errors: [{ message: 'layout "article" (from defaults in _config.yml) has no file in _layouts: Jekyll renders the post without it', line: 1 }],
    },
  ],
});

ruleTester('taxonomy-format', {
  valid: [
    { name: 'strings and lists', text: '---\ncategories: [news, 财经]\ntags: 东财滚动新闻\n---\n' },
    { name: 'a singular category with a space stays one', text: '---\ncategory: Finance News\n---\n' },
    { name: 'a list entry with a space is not split', text: '---\ncategories: [Finance News]\n---\n' },
    { name: 'unreadable categories: front-matter-invalid says so', text: '---\ncategories: 5\n---\n' },
    { name: 'a string Jekyll splits: taxonomy-split, off by default, reports it', text: '---\ntags: gcd lcm\n---\n' },
  ],
  invalid: [
    { name: 'empty entries', text: '---\ntags: [a, "", ~]\n---\n', errors: [{ message: 'tags: entry 2 is empty' }, { message: 'tags: entry 3 is empty' }] },
    { name: 'not strings', text: '---\ntags: [2022, [x]]\n---\n', errors: [{ message: 'tags: entry 1 is the number 2022, not a string' }, { message: 'tags: entry 2 is a list, not a string' }] },
    { name: 'a mapping', text: '---\ntags: { a: 1 }\n---\n', errors: [{ message: 'tags is a mapping, not a string or a list of strings' }] },
    { name: 'case-only duplicates', text: '---\ncategories: [Finance, finance]\n---\n', errors: [{ message: 'categories: "Finance" and "finance" differ only in case: Jekyll keeps both', line: 2 }] },
    { name: 'an empty string', text: '---\ntags: " "\n---\n', errors: [{ message: 'tags is an empty string' }] },
    {
      name: 'a folder category and its capitalised twin',
      path: 'news/_posts/2022-01-06-a.md',
      text: '---\ncategories: [News]\n---\n',
      errors: [{ message: 'categories: "news" and "News" differ only in case: Jekyll keeps both' }],
    },
  ],
});

// Jekyll documents the split (`tags: gcd lcm` is two tags): off by default, for sites whose
// generators write strings they mean as one.
ruleTester('taxonomy-split', {
  valid: [
    { name: 'one word', text: '---\ncategories: emnews\ntags: 东财滚动新闻\n---\n' },
    { name: 'a list entry with a space is not split', text: '---\ncategories: [Finance News]\n---\n' },
    { name: 'a singular category with a space stays one', text: '---\ncategory: Finance News\ntag: a b\n---\n' },
  ],
  invalid: [
    {
      name: 'a string Jekyll splits',
      text: '---\ntitle: A\ncategories: Career In touxingPEVC\n---\n',
      errors: [{ message: 'categories: "Career In touxingPEVC" is split on white space: Jekyll makes 3 categories ("Career", "In", "touxingPEVC"); write a list to say which you mean', line: 3, column: 1 }],
    },
    { name: 'tags too', text: '---\ntags: "A股 港股"\n---\n', errors: [{ message: /^tags: "A股 港股" is split on white space: Jekyll makes 2 tags/, line: 2 }] },
  ],
});

