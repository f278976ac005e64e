import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isFinewsError, UsageError } from './errors.js';
import type { Io } from './io.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const EXIT_CODES = `
Exit codes:
  0  ok: nothing found
  1  problems found (lint, check modes)
  2  usage, configuration or I/O error`;

const collect = (value: string, previous: string[]) => [...previous, value];
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
};

/**
 * Parse `argv` (without node and script) and run the command. Returns the
 * exit code; never calls process.exit. A FinewsError prints one line; any
 * other error is a bug and is rethrown with its stack.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = new Command('finews')
    .description('Toolkit for Jekyll sites of news posts: exact where Jekyll is subtle.')
    .version(version, '-v, --version')
    .addHelpText('after', EXIT_CODES)
    .showHelpAfterError('(run finews --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  program
    .command('show')
    .description('tell what Jekyll will do with each post: URL, date, categories, tags, title, and whether it is skipped')
    .argument('[files...]', 'posts, folders or globs (default: the site\'s _posts and _drafts)')
    .option('--json', 'print one JSON array, an object per file', false)
    .addHelpText('after', '\nJSON keys: path, url, date, categories, tags, title, skip, problems, dateSource, destination, layout, site.')
    .action(async (files: string[], opts: { json: boolean }) => {
      const { show } = await import('./commands/show.js');
      exitCode = await show({ files, json: opts.json }, io);
    });

  program
    .command('new')
    .description('scaffold a post: front matter, date with offset, and a file name Jekyll reads')
    .argument('<title>', 'the post title')
    .option('-c, --category <name>', 'a category (repeat for more)', collect, [])
    .option('-t, --tag <name>', 'a tag (repeat for more)', collect, [])
    .option('--date <date>', 'the date, e.g. "2026-01-06 09:30:00 +0800"; without offset: site time (default: now)')
    .option('--slug <slug>', 'the slug in the file name (default: from the title)')
    .addOption(new Option('--slug-style <style>', 'how to make the slug from the title').choices(['jekyll', 'pinyin', 'ascii']))
    .option('--layout <name>', 'the layout (default: finews.new.layout or "post")')
    .option('--draft', 'write to _drafts/<slug>.md without a date', false)
    .option('--dir <folder>', 'write into this folder instead of the site\'s _posts')
    .option('--body-file <file>', 'take the body from this file ("-" for standard input)')
    .option('-n, --dry-run', 'print the post, write nothing', false)
    .option('-f, --force', 'replace a post that exists', false)
    .option('--open', 'open the new post in $VISUAL or $EDITOR', false)
    .addHelpText('after', '\nDefaults come from finews.new in _config.yml: layout, categories, tags, slug_style, extension.')
    .action(async (title: string, opts: Record<string, unknown>) => {
      const { newPost } = await import('./commands/new.js');
      exitCode = await newPost(
        {
          title,
          categories: opts.category as string[],
          tags: opts.tag as string[],
          date: opts.date as string | undefined,
          slug: opts.slug as string | undefined,
          slugStyle: opts.slugStyle as 'jekyll' | 'pinyin' | 'ascii' | undefined,
          layout: opts.layout as string | undefined,
          draft: opts.draft as boolean,
          dir: opts.dir as string | undefined,
          bodyFile: opts.bodyFile as string | undefined,
          dryRun: opts.dryRun as boolean,
          force: opts.force as boolean,
          open: opts.open as boolean,
        },
        io,
      );
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2; // commander has already printed the message
    }
    if (isFinewsError(error)) {
      io.stderr.write(`finews: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

