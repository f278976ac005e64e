import { ruleTester } from '../rule-tester.js';

const post = (date: string, extra = '') => `---\nlayout: post\ntitle: A\ndate: ${date}\n${extra}---\nBody\n`;

ruleTester('date-no-offset', {
  valid: [
    { name: 'with the offset', text: post('2021-12-08 10:18:31 +0800') },
    { name: 'quoted: Ruby reads it as site time', text: post('"2021-12-08 10:18:31"') },
    { name: 'a bare day: midnight site time', text: post('2021-12-08') },
    { name: 'no date: the file name', text: '---\nlayout: post\ntitle: A\n---\nBody\n', required: [] },
    // Read as UTC is what the author meant where the site's time is UTC.
    { name: 'a UTC site', config: 'timezone: UTC\n', text: post('2021-12-08 10:18:31') },
    { name: 'a site with no timezone: UTC, as GitHub Pages builds', config: 'title: x\n', text: post('2021-12-08 10:18:31') },
    { name: 'London in winter: offset zero', config: 'timezone: Europe/London\n', text: post('2022-01-10 09:00:00') },
  ],
  invalid: [
    {
      name: 'the spec example: site time written, read as UTC',
      path: '_posts/2021-12-08-a.md',
      text: post('2021-12-08 10:18:31'),
      errors: [{ message: '2021-12-08 10:18:31 has no UTC offset and is read as UTC: Jekyll shows 2021-12-08 18:18:31 +0800', line: 4, column: 7 }],
      output: post('2021-12-08 10:18:31 +0800'),
    },
    {
      name: 'a comment after the date stays',
      path: '_posts/2021-12-08-a.md',
      text: post('2021-12-08 10:18:31 # scraped'),
      errors: [{ message: /read as UTC/ }],
      output: post('2021-12-08 10:18:31 +0800 # scraped'),
    },
    {
      name: 'ISO form with T and fraction',
      path: '_posts/2021-12-08-a.md',
      text: post('2021-12-08T10:18:31.5'),
      errors: [{ message: /read as UTC/ }],
      output: post('2021-12-08T10:18:31.5 +0800'),
    },
    {
      name: 'New York: the offset in force at that wall time (summer)',
      path: '_posts/2022-07-01-a.md',
      config: 'timezone: America/New_York\n',
      text: post('2022-07-01 09:00:00'),
      errors: [{ message: /Jekyll shows 2022-07-01 05:00:00 -0400/ }],
      output: post('2022-07-01 09:00:00 -0400'),
    },
    {
      name: 'New York in winter',
      path: '_posts/2022-01-01-a.md',
      config: 'timezone: America/New_York\n',
      text: post('2022-01-01 09:00:00'),
      errors: [{ message: /read as UTC/ }],
      output: post('2022-01-01 09:00:00 -0500'),
    },
    {
      name: 'London in summer: BST, one hour ahead of what Jekyll read',
      path: '_posts/2022-07-01-a.md',
      config: 'timezone: Europe/London\n',
      text: post('2022-07-01 09:00:00'),
      errors: [{ message: /Jekyll shows 2022-07-01 10:00:00 \+0100/ }],
      output: post('2022-07-01 09:00:00 +0100'),
    },
    {
      name: 'CRLF front matter keeps its CRLF',
      path: '_posts/2021-12-08-a.md',
      text: '---\r\nlayout: post\r\ntitle: A\r\ndate: 2021-12-08 10:18:31\r\n---\r\nBody\r\n',
      errors: [{ message: /read as UTC/, line: 4 }],
      output: '---\r\nlayout: post\r\ntitle: A\r\ndate: 2021-12-08 10:18:31 +0800\r\n---\r\nBody\r\n',
    },
  ],
});

ruleTester('date-invalid', {
  valid: [{ name: 'a readable date', text: post('2022-01-06 09:00:00 +0800') }],
  invalid: [
    // Psych reads 20:00 as 72000 (base 60) and Jekyll stops: "Invalid date '72000'".
    { name: 'sexagesimal 20:00', text: post('20:00'), errors: [{ message: /whole build/, line: 4 }] },
    { name: 'an offset alone', text: post(' +0800'), errors: [{ message: /Jekyll cannot read the date "\+0800" \(argument out of range in "\+0800"\): it stops the whole build/ }] },
    { name: 'empty', text: post('""'), errors: [{ message: /Jekyll cannot read the date "" \(no time information in ""\)/ }] },
  ],
});

ruleTester('date-future', {
  valid: [
    { name: 'in the past', text: post('2022-01-06 09:00:00 +0800') },
    { name: 'future, but the site builds future posts', path: '_posts/2099-01-01-a.md', config: 'timezone: UTC\nfuture: true\n', text: post('2099-01-01 00:00:00 +0000') },
  ],
  invalid: [
    {
      name: 'after now',
      path: '_posts/2099-01-01-a.md',
      text: post('2099-01-01 09:00:00 +0800'),
      errors: [{ message: 'dated 2099-01-01 09:00:00 +0800, after now: Jekyll skips it unless future: true', line: 4 }],
    },
  ],
});

ruleTester('filename-date-mismatch', {
  valid: [
    { name: 'same day in site time', path: '_posts/2022-01-06-a.md', text: post('2022-01-06 23:59:59 +0800') },
    { name: 'UTC evening that is the same Shanghai day', path: '_posts/2022-01-07-a.md', text: post('2022-01-06 20:00:00 +0000') },
  ],
  invalid: [
    {
      name: 'read as UTC, lands the next day',
      path: '_posts/2022-01-06-a.md',
      text: post('2022-01-06 20:00:00'),
      errors: [{ message: /the file name says 2022-01-06 but Jekyll dates the post 2022-01-07 04:00:00 \+0800 \(URL [^)]*\)$/, line: 4 }],
    },
    {
      name: 'written on the same day at another offset: the site time zone moves it, and the message says so',
      path: '_posts/2022-01-06-a.md',
      text: post('2022-01-06 23:30:00 -0500'),
      errors: [{ message: /the file name says 2022-01-06 but Jekyll dates the post 2022-01-07 12:30:00 \+0800 \(URL [^)]*\): written on 2022-01-06 at its own offset, it is another day in the site time zone \(Asia\/Shanghai\); set timezone:/, line: 4 }],
    },
    {
      name: 'the same, written without zeros',
      path: '_posts/2022-1-6-a.md',
      text: post('2022-1-6 23:30:0 -0500'),
      errors: [{ message: /the file name says 2022-1-6 but .*: written on 2022-01-06 at its own offset/, line: 4 }],
    },
    {
      name: 'another day written: no word of time zones',
      path: '_posts/2022-01-06-a.md',
      text: post('2022-01-09 10:00:00 +0800'),
      errors: [{ message: /the file name says 2022-01-06 but Jekyll dates the post 2022-01-09 10:00:00 \+0800 \(URL [^)]*\)$/, line: 4 }],
    },
  ],
});

ruleTester('filename-no-date', {
  valid: [
    { name: 'a dated name', text: post('2022-01-06 09:00:00 +0800') },
    { name: 'a draft needs no date', path: '_drafts/idea.md', text: '---\nlayout: post\ntitle: A\n---\nBody\n', required: [] },
  ],
  invalid: [
    { name: 'no date in the name', path: '_posts/nodate.md', text: post('2022-01-06 09:00:00 +0800'), errors: [{ message: /"nodate.md" has no YYYY-MM-DD- date prefix/ }] },
    { name: 'a scraper that lost the date', path: '_posts/-202205262391921712.md', text: post('2022-05-26 00:19:55 +0800'), errors: [{ message: /skips it silently/ }] },
  ],
});
