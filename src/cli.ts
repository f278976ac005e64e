import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isFinewsError } from './errors.js';
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

/** `finews lint` for `lint --bogus`, else `finews`: where the user's next --help should point. */
function usageOf(program: Command, argv: readonly string[]): string {
  const command = argv.find((a) => !a.startsWith('-'));
  return command && program.commands.some((c) => c.name() === command) ? `finews ${command}` : 'finews';
}

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
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line, as every other error: `finews: unknown option '--x' (see finews lint --help)`.
      outputError: (s, write) => write(`finews: ${s.trim().replace(/^error: /, '')} (see ${usageOf(program, argv)} --help)\n`),
    });

  program
    .command('show')
    .description('tell what Jekyll will do with each post: URL, date, categories, tags, title, and whether it is skipped')
    .argument('[files...]', 'posts, folders or globs (default: the site\'s _posts and _drafts)')
    .option('--json', 'print one JSON array, an object per file', false)
    .addHelpText('after', '\nJSON keys: path, url, fixedUrl, date, categories, tags, title, skip, problems, dateSource, destination, layout, site.')
    .action(async (files: string[], opts: { json: boolean }) => {
      const { show } = await import('./commands/show.js');
      exitCode = await show({ files, json: opts.json }, io);
    });

  program
    .command('new')
    .description('scaffold a post: front matter, date with offset, and a file name Jekyll reads')
    .argument('[title]', 'the post title (with --from, default: the title the page states)')
    .option('-c, --category <name>', 'a category (repeat for more)', collect, [])
    .option('-t, --tag <name>', 'a tag (repeat for more)', collect, [])
    .option('--date <date>', 'the date, e.g. "2026-01-06 09:30:00 +0800"; without offset: site time (default: now)')
    .option('--slug <slug>', 'the slug in the file name (default: from the title)')
    .addOption(new Option('--slug-style <style>', 'how to make the slug from the title').choices(['jekyll', 'pinyin', 'pinyin-joined', 'ascii']))
    .option('--layout <name>', 'the layout (default: finews.new.layout or "post")')
    .option('--draft', 'write to _drafts/<slug>.md without a date', false)
    .option('--dir <folder>', 'write into this folder instead of the site\'s _posts')
    .option('--body-file <file>', 'take the body from this file ("-" for standard input)')
    .option('--from <file>', 'make the body from an HTML article (fragment or page), converted to Markdown; a page also gives the title, author and date')
    .option('-n, --dry-run', 'print the post, write nothing', false)
    .option('-f, --force', 'replace a post that exists', false)
    .option('--open', 'open the new post in $VISUAL or $EDITOR', false)
    .addHelpText('after', '\nDefaults come from finews.new in _config.yml: layout, categories, tags, slug_style, extension.')
    .action(async (title: string | undefined, opts: Record<string, unknown>) => {
      const { newPost } = await import('./commands/new.js');
      exitCode = await newPost(
        {
          title: title ?? '',
          categories: opts.category as string[],
          tags: opts.tag as string[],
          date: opts.date as string | undefined,
          slug: opts.slug as string | undefined,
          slugStyle: opts.slugStyle as 'jekyll' | 'pinyin' | 'ascii' | undefined,
          layout: opts.layout as string | undefined,
          draft: opts.draft as boolean,
          dir: opts.dir as string | undefined,
          bodyFile: opts.bodyFile as string | undefined,
          from: opts.from as string | undefined,
          dryRun: opts.dryRun as boolean,
          force: opts.force as boolean,
          open: opts.open as boolean,
        },
        io,
      );
    });

  program
    .command('publish')
    .description("move a draft into _posts, dated (jekyll-compose's publish)")
    .argument('<draft>', 'a file in a _drafts folder')
    .option('--date <date>', 'the date, e.g. "2026-01-06 09:30:00 +0800"; without offset: site time (default: now)')
    .option('-n, --dry-run', 'print the post and where it would go; move nothing', false)
    .option('-f, --force', 'replace a post that exists', false)
    .addHelpText('after', '\nThe post is _posts/YYYY-MM-DD-<slug>.<ext> for its date in the site time zone; only the date line of the front matter changes.')
    .action(async (draft: string, opts: { date?: string; dryRun: boolean; force: boolean }) => {
      const { publish } = await import('./commands/publish.js');
      exitCode = await publish({ draft, date: opts.date, dryRun: opts.dryRun, force: opts.force }, io);
    });

  program
    .command('unpublish')
    .description("move a post back to _drafts, without its date (jekyll-compose's unpublish)")
    .argument('<post>', 'a YYYY-MM-DD-slug file in a _posts folder')
    .option('-n, --dry-run', 'print the draft and where it would go; move nothing', false)
    .option('-f, --force', 'replace a draft that exists', false)
    .addHelpText('after', '\nIts URL stops working: Jekyll builds no drafts.')
    .action(async (post: string, opts: { dryRun: boolean; force: boolean }) => {
      const { unpublish } = await import('./commands/unpublish.js');
      exitCode = await unpublish({ post, dryRun: opts.dryRun, force: opts.force }, io);
    });

  program
    .command('lint')
    .description('check posts the way Jekyll will read them: front matter, dates, file names, taxonomy, encoding')
    .argument('[files...]', "posts, folders or globs (default: the site's _posts and _drafts)")
    .addOption(new Option('-f, --format <name>', 'report format').choices(['stylish', 'json', 'json-with-metadata', 'github', 'sarif']).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
    .option('-q, --quiet', 'report errors only', false)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', integer)
    .option('--fix', 'apply every available fix, in place and atomically', false)
    .option('--fix-dry-run', 'print the fixes as a unified diff; write nothing', false)
    .addOption(new Option('--report-unused-disable-directives-severity <severity>', 'how an inline disable that silenced nothing is reported').choices(['error', 'warn', 'off']).default('warn'))
    .option('--print-config <file>', 'print the settings and rule severities that apply to this file (JSON); lint nothing')
    .addOption(new Option('--fix-permalink <mode>', 'when a fix changes a post\'s URL: keep the old URL (permalink: or redirect_from) or move it').choices(['keep', 'move']).default('keep'))
    .option('--rule <id:severity>', 'set a rule to error, warn or off (repeatable)', collect, [])
    .option('-j, --jobs <n>', 'threads to lint on (default: one per core for large runs)', integer)
    .option('--cache', 'read again only the files that changed since the last run', false)
    .option('--cache-location <path>', 'the cache file, or a folder for it (default: .jekyll-cache/finews-lint in the site)')
    .addOption(new Option('--cache-strategy <strategy>', 'tell a changed file by its metadata (mtime, size) or its content').choices(['metadata', 'content']).default('metadata'))
    .addHelpText('after', '\nRules: finews rules, and docs/rules/<id>.md. Settings: finews.lint in _config.yml.')
    .action(async (files: string[], opts: Record<string, unknown>) => {
      const { lint } = await import('./commands/lint.js');
      exitCode = await lint(
        {
          files,
          format: opts.format as string,
          outputFile: opts.outputFile as string | undefined,
          quiet: opts.quiet as boolean,
          maxWarnings: opts.maxWarnings as number | undefined,
          fix: opts.fix as boolean,
          fixDryRun: opts.fixDryRun as boolean,
          fixPermalink: opts.fixPermalink as string,
          printConfig: opts.printConfig as string | undefined,
          reportUnusedDisableDirectivesSeverity: opts.reportUnusedDisableDirectivesSeverity as string,
          rule: opts.rule as string[],
          jobs: opts.jobs as number | undefined,
          cache: opts.cache as boolean,
          cacheLocation: opts.cacheLocation as string | undefined,
          cacheStrategy: opts.cacheStrategy as string,
        },
        io,
      );
    });

  program
    .command('rules')
    .description('list every lint rule: default severity, whether --fix fixes it, and what it reports')
    .option('--json', 'print one JSON array, an object per rule', false)
    .action(async (opts: { json: boolean }) => {
      const { rules } = await import('./commands/rules.js');
      exitCode = rules({ json: opts.json }, io);
    });

  program
    .command('convert')
    .description('turn HTML bodies into clean Markdown that renders to the same text, links and images')
    .argument('[inputs...]', 'an HTML file, a page, a post, "-" for standard input; with --write or --check: posts, folders or globs')
    .option('-o, --output <file>', 'write the Markdown here instead of printing it')
    .option('-w, --write', 'convert posts in place (atomically; unchanged files are not touched)', false)
    .option('--check', 'list posts that would change and exit 1 if any would (for CI)', false)
    .option('--verify', 'refuse any post whose text, blocks, links, images, media, anchors, comments or elements Markdown cannot say would render differently (needs ruby + kramdown)', false)
    .option('--verbose', 'list each removal, not only their counts', false)
    .addOption(new Option('--stock-links <mode>', 'auto-linked stock names: keep the link, or the text only').choices(['link', 'text']).default('link'))
    .option('-j, --jobs <n>', 'threads to convert on (default: one per core for large runs)', integer)
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const { convert } = await import('./commands/convert.js');
      exitCode = await convert(
        {
          inputs,
          output: opts.output as string | undefined,
          write: opts.write as boolean,
          check: opts.check as boolean,
          verify: opts.verify as boolean,
          verbose: opts.verbose as boolean,
          stockLinks: opts.stockLinks as 'link' | 'text',
          jobs: opts.jobs as number | undefined,
        },
        io,
      );
    });

  program
    .command('index')
    .description('build category and tag pages, their index pages and _data/finews.json, as GitHub Pages can serve them')
    .argument('[folder]', 'a folder inside the site (default: the current folder)')
    .option('--list', 'write each page\'s posts as a static, paginated list (finews.index.list)')
    .option('--no-list', 'leave the lists to the layout (a Liquid loop over site.categories)')
    .option('--per-page <n>', 'posts a page of a list (finews.index.per_page)', integer)
    .addOption(new Option('--slug-style <style>', 'how page slugs are made (finews.index.slug_style)').choices(['jekyll', 'pinyin', 'pinyin-joined', 'ascii']))
    .option('-n, --dry-run', 'print what would change; write nothing', false)
    .option('--check', 'write nothing; exit 1 when any page is out of date (for CI)', false)
    .option('-q, --quiet', 'print only problems', false)
    .option('-v, --verbose', 'also print which categories take their titles from paired tags', false)
    .option('--adopt', 'take over pages another tool plainly generated where finews writes (front matter and at most a list), naming each', false)
    .addHelpText('after', '\nSettings: finews.index in _config.yml (see README). Never overwrites a file finews did not generate.')
    .action(async (folder: string | undefined, opts: Record<string, unknown>) => {
      const { index } = await import('./commands/index.js');
      exitCode = await index(
        {
          site: folder,
          list: opts.list as boolean | undefined,
          perPage: opts.perPage as number | undefined,
          slugStyle: opts.slugStyle as 'jekyll' | 'pinyin' | 'ascii' | undefined,
          dryRun: opts.dryRun as boolean,
          check: opts.check as boolean,
          quiet: opts.quiet as boolean,
          verbose: opts.verbose as boolean,
          adopt: opts.adopt as boolean,
        },
        io,
      );
    });

  // No command, or help for one that does not exist, is a usage error, not a success.
  const named = argv[0] === 'help' ? argv[1] : undefined;
  if (argv.length === 0 || (named !== undefined && !named.startsWith('-') && !program.commands.some((c) => c.name() === named))) {
    io.stderr.write(argv.length === 0 ? program.helpInformation() : `finews: unknown command '${named}' (see finews --help)\n`);
    return 2;
  }
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

