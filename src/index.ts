/** finews' programmatic API: the CLI only wraps these. */
export { loadSite, findSiteRoot, siteFromConfig, defaultsFor, type Site, type FrontMatterDefault } from './site/config.js';
export { slugify, titleizeSlug, type SlugifyMode } from './site/slugify.js';
export { expandPermalink, escapePath, permalinkTemplate, destinationOf, PERMALINK_STYLES } from './site/url.js';
export { parsePost, SKIP_REASONS, type Post, type PostJekyll, type Problem, type SkipReason, type ParseOptions } from './post/parse.js';
export { readPost, type ReadResult } from './post/read.js';
export { stringifyPost, withBody, withFrontMatterValue, yamlQuote } from './post/stringify.js';
export { splitFrontMatter, parseFrontMatter, field, fieldPosition, type FrontMatter, type Field, type FieldValue, type YamlProblem } from './post/frontmatter.js';
export { readDate, rubyTimeParse, showDate, type ShownDate } from './post/date.js';
export { locatePost, type PostLocation } from './post/location.js';
export { FinewsError, UsageError, ConfigError, InputError } from './errors.js';
export type { Io } from './io.js';
export { show, type ShowOptions, type ShowEntry } from './commands/show.js';
export { newPost, type NewOptions } from './commands/new.js';
export { lint, type LintOptions } from './commands/lint.js';
export { convert, type ConvertOptions } from './commands/convert.js';
export { convertText, convertBody } from './convert/convert.js';
export { index, type IndexOptions } from './commands/index.js';
export { main } from './cli.js';
