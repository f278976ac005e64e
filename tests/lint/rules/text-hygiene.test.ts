import { ruleTester } from '../rule-tester.js';

const FM = '---\ntitle: A\n---\n';

ruleTester('trailing-spaces', {
  valid: [
    { name: 'clean', text: `${FM}One line.\nTwo lines.\n` },
    { name: "two spaces before a line that goes on: kramdown's line break", text: `${FM}Roses are red,  \nviolets are blue.\n` },
    { name: 'a line break of three spaces', text: `${FM}a   \nb\n` },
  ],
  invalid: [
    {
      name: 'a space at the end of a body line',
      text: `${FM}One line. \nTwo.\n`,
      errors: [{ message: '1 trailing space', line: 4, column: 10 }],
      output: `${FM}One line.\nTwo.\n`,
    },
    {
      name: 'two spaces at the end of a paragraph: no line break follows',
      text: `${FM}End.  \n\nNext.\n`,
      errors: [{ message: '2 trailing spaces', line: 4, column: 5 }],
      output: `${FM}End.\n\nNext.\n`,
    },
    {
      name: 'a tab, in the front matter, with CRLF',
      text: '---\r\ntitle: A\t\r\n---\r\nBody\r\n',
      errors: [{ message: '1 trailing white-space characters', line: 2, column: 9 }],
      output: '---\r\ntitle: A\r\n---\r\nBody\r\n',
    },
    {
      name: 'a line of spaces only, and the last line without a newline',
      text: `${FM}a\n   \nb `,
      errors: [{ message: '3 trailing spaces', line: 5, column: 1 }, { message: '1 trailing space', line: 6, column: 2 }],
      output: `${FM}a\n\nb`,
    },
  ],
});

ruleTester('final-newline', {
  valid: [
    { name: 'ends with a newline', text: `${FM}Body\n` },
    { name: 'an empty file is front-matter-missing, not this', text: '' },
  ],
  invalid: [
    { name: 'no newline at the end', text: `${FM}Body`, errors: [{ message: 'no newline at the end of the file', line: 4, column: 5 }], output: `${FM}Body\n` },
    { name: 'CRLF file: CRLF added', text: '---\r\ntitle: A\r\n---\r\nBody', errors: [{ message: /no newline/ }], output: '---\r\ntitle: A\r\n---\r\nBody\r\n' },
  ],
});

ruleTester('blank-lines-at-end', {
  valid: [
    { name: 'one newline', text: `${FM}Body\n` },
    { name: 'no newline at all: final-newline says so', text: `${FM}Body` },
  ],
  invalid: [
    { name: 'one blank line', text: `${FM}Body\n\n`, errors: [{ message: '1 blank line at the end of the file', line: 5, column: 1 }], output: `${FM}Body\n` },
    { name: 'blank lines with spaces, CRLF', text: '---\r\ntitle: A\r\n---\r\nBody\r\n  \r\n\r\n', errors: [{ message: '2 blank lines at the end of the file', line: 5 }], output: '---\r\ntitle: A\r\n---\r\nBody\r\n' },
    { name: 'blank lines then spaces without a newline', text: `${FM}Body\n\n  `, errors: [{ message: '2 blank lines at the end of the file', line: 5 }], output: `${FM}Body\n` },
  ],
});
