/**
 * Liquid's parse of a post body, as Jekyll runs it (Liquid 5 as Debian's and
 * Ruby's Jekyll 4.3 load it, error_mode warn): where the build stops, which
 * outputs render nothing, and which site files the body refers to. It follows
 * Ruby Liquid's BlockBody, Block and tag classes step by step, so the first
 * error, its message and its line are Liquid's own.
 */
import {
  ASSIGN,
  BLANK,
  CAPTURE,
  CASE,
  cycleAccepts,
  FOR,
  highlightAccepts,
  ifAccepts,
  INLINE_COMMENT_INVALID,
  outputValue,
  readInclude,
  readPostUrlName,
  RENDER,
  rubyStrip,
  S,
  TABLEROW,
  whenAccepts,
} from './syntax.js';
import { rawEnd, tokenizeLiquid, type LiquidToken } from './tokenize.js';

/** What stops Jekyll's build. */
export interface LiquidError {
  /** What Jekyll prints after "Liquid Exception:" (without " in <file>"). */
  message: string;
  /** Why, in a site owner's words. */
  explanation: string;
  /** The token at fault: [start, end) in the body. */
  start: number;
  end: number;
  /**
   * The text is plainly not meant as Liquid (a tag Liquid does not know, a
   * brace that closes nothing…): `{% raw %}` around the token shows it as written.
   */
  notLiquid: boolean;
}

/** A site file a tag needs when the post is rendered: a missing one stops the build. */
export interface LiquidReference {
  tag: 'post_url' | 'include' | 'include_relative' | 'link';
  /** As written (post_url: the post's name; include: the file; link: the path). */
  target: string;
  start: number;
  end: number;
}

/** An output that renders nothing while the build goes on. */
export interface LiquidDrop {
  start: number;
  end: number;
  /** Why it renders nothing. */
  why: string;
  /** The variable nothing in the body defines (an include may), or null when nothing could make it render. */
  root: string | null;
}

/** An include the body may run: Liquid's `assign` and `capture` in it define names for the rest of the body. */
export interface LiquidInclude {
  tag: 'include' | 'include_relative';
  /** The file as written, or null when its name is worked out from variables. */
  file: string | null;
}

export interface LiquidAnalysis {
  /** The first thing that stops the build while parsing, or null. */
  error: LiquidError | null;
  /** Look-ups made when rendering; only those rendered whatever the data (not inside if, for, case…). */
  references: LiquidReference[];
  drops: LiquidDrop[];
  /** Names the body defines (assign, capture, for…), wherever they are. */
  assigned: ReadonlySet<string>;
  /** Includes the body may run (not those in comments). */
  includes: LiquidInclude[];
  /** False when a tag of a plugin finews does not know ended the analysis (the tag may do anything). */
  complete: boolean;
}

/** How Jekyll's site and its plugins extend Liquid. */
export interface LiquidSetup {
  /** Tag names plugins add (jekyll-feed's feed_meta, jekyll-seo-tag's seo…). */
  pluginTags: ReadonlySet<string>;
  /** Plugins finews does not know may add any tag: an unknown tag is then not an error. */
  anyTag: boolean;
  /** jekyll-feed is on: it renders the excerpts of the newest posts. */
  feed?: boolean;
}

type BlockKind = 'if' | 'case' | 'for' | 'comment' | 'raw' | 'plain';

interface TagSpec {
  /** null: a tag with no end; else the kind of block it opens. */
  block: BlockKind | null;
  /** Liquid's or Jekyll's message when the markup is refused, else null. */
  check?: (markup: string) => string | null;
}

const SYNTAX = (message: string) => (accepts: (markup: string) => boolean) => (markup: string) => (accepts(markup) ? null : message);

/** Tags Liquid 5 and Jekyll 4.3 register, with the checks their constructors (lax mode) make. */
const TAGS: ReadonlyMap<string, TagSpec> = new Map<string, TagSpec>([
  ['assign', { block: null, check: SYNTAX("Syntax Error in 'assign' - Valid syntax: assign [var] = [source]")((m) => ASSIGN.test(m)) }],
  ['break', { block: null }],
  ['capture', { block: 'plain', check: SYNTAX("Syntax Error in 'capture' - Valid syntax: capture [var]")((m) => CAPTURE.test(m)) }],
  ['case', { block: 'case', check: SYNTAX("Syntax Error in 'case' - Valid syntax: case [condition]")((m) => CASE.test(m)) }],
  ['comment', { block: 'comment' }],
  ['continue', { block: null }],
  ['cycle', { block: null, check: SYNTAX("Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]")(cycleAccepts) }],
  ['decrement', { block: null }],
  ['echo', { block: null }],
  ['for', { block: 'for', check: SYNTAX("Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]")((m) => FOR.test(m)) }],
  ['if', { block: 'if', check: SYNTAX("Syntax Error in tag 'if' - Valid syntax: if [expression]")(ifAccepts) }],
  ['ifchanged', { block: 'plain' }],
  ['increment', { block: null }],
  ['#', { block: null, check: SYNTAX("Syntax error in tag '#' - Each line of comments must be prefixed by the '#' character")((m) => !INLINE_COMMENT_INVALID.test(m)) }],
  ['raw', { block: 'raw', check: SYNTAX("Syntax Error in 'raw' - Valid syntax: raw")((m) => BLANK.test(m)) }],
  ['render', { block: null, check: SYNTAX("Syntax error in tag 'render' - Template name must be a quoted string")((m) => RENDER.test(m)) }],
  ['tablerow', { block: 'plain', check: SYNTAX("Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3")((m) => TABLEROW.test(m)) }],
  ['unless', { block: 'if', check: SYNTAX("Syntax Error in tag 'if' - Valid syntax: if [expression]")(ifAccepts) }],
  // Jekyll's own.
  ['highlight', { block: 'plain', check: SYNTAX("Syntax Error in tag 'highlight' while parsing the following markup:")(highlightAccepts) }],
  ['include', { block: null, check: includeCheck('include') }],
  ['include_relative', { block: null, check: includeCheck('include_relative') }],
  ['link', { block: null }],
  ['post_url', { block: null, check: (m) => (readPostUrlName(m) ? null : `Could not parse name of post "${m.trim()}" in tag 'post_url'.`) }],
  // jekyll-gist: always on on GitHub Pages.
  ['gist', { block: null }],
]);

function includeCheck(tag: string): (markup: string) => string | null {
  return (markup) => {
    const bad = readInclude(markup).badParams;
    return bad === null ? null : `Invalid syntax for include tag: ${bad} (valid syntax: {% ${tag} file.ext param='value' param2='value' %})`;
  };
}

/** Roots a post body can read: Jekyll's payload (site, page, layout…) . */
const PAYLOAD = new Set(['site', 'page', 'layout', 'paginator', 'jekyll', 'content', 'theme', 'highlighter_prefix', 'highlighter_suffix', 'forloop', 'tablerowloop']);

/** A tag of a plugin: no end, no check. */
const PLAIN_TAG: TagSpec = { block: null };
/** Names a block reads as its end or its parts: yielded to the block even when any tag may exist. */
const ENDS_OR_PARTS = /^(?:end|else$|elsif$|when$)/;

const FULL_TOKEN = new RegExp(`^\\{%-?(${S}*)(#|[A-Za-z0-9_]+)(${S}*)([\\s\\S]*?)-?%\\}$`);
const CONTENT_OF_VARIABLE = /^\{\{-?([\s\S]*?)-?\}\}$/;

class Stop extends Error {
  constructor(
    readonly liquidMessage: string,
    readonly line: number | null,
    readonly token: LiquidToken,
    readonly notLiquid: boolean,
    readonly explanation: string,
  ) {
    super(liquidMessage);
  }
}

interface Yield {
  name: string;
  markup: string;
  token: LiquidToken;
}

const NO_PLUGINS: LiquidSetup = { pluginTags: new Set(), anyTag: false };

/** Liquid's verdict on a body: see LiquidAnalysis. Cheap when the body has no `{{` or `{%`. */
export function analyseLiquid(body: string, setup: LiquidSetup = NO_PLUGINS): LiquidAnalysis {
  const parser = new Parser(body, setup);
  const result: LiquidAnalysis = { error: null, references: parser.references, drops: [], assigned: parser.assigned, includes: parser.includes, complete: true };
  try {
    parser.document();
  } catch (error) {
    if (error instanceof UnknownToPlugins) return { error: null, references: [], drops: [], assigned: parser.assigned, includes: [], complete: false };
    if (!(error instanceof Stop)) throw error;
    const where = error.line === null ? '' : ` (line ${error.line})`;
    result.error = {
      message: error.line === null ? error.liquidMessage : `Liquid syntax error${where}: ${error.liquidMessage}`,
      explanation: error.explanation,
      start: error.token.start,
      end: error.token.end,
      notLiquid: error.notLiquid,
    };
  }
  // Outputs of names nothing defines: assigned anywhere counts, so an assign after its use is no finding.
  for (const output of parser.outputs) {
    if (output.root !== null && (PAYLOAD.has(output.root) || parser.assigned.has(output.root))) continue;
    result.drops.push({ start: output.token.start, end: output.token.end, why: output.why, root: output.root });
  }
  return result;
}

interface OutputSeen {
  token: LiquidToken;
  /** The variable's root, or null when the output renders nothing whatever is defined. */
  root: string | null;
  why: string;
}

class Parser {
  private readonly tokens: LiquidToken[];
  private next = 0;
  /** The tokenizer's line: 1 + the newlines of the tokens taken so far. */
  private tokenizerLine = 1;
  /** parse_context.line_number. */
  private line = 1;
  private depth = 0;
  /** Inside if/for/case/…: a look-up there may not be rendered. */
  private conditional = 0;
  /** Inside comment: nothing is rendered. */
  private silent = 0;
  readonly references: LiquidReference[] = [];
  readonly outputs: OutputSeen[] = [];
  readonly assigned = new Set<string>();
  readonly includes: LiquidInclude[] = [];

  constructor(
    private readonly source: string,
    private readonly setup: LiquidSetup,
  ) {
    this.tokens = tokenizeLiquid(source);
  }

  document(): void {
    for (;;) {
      const y = this.body();
      if (!y) return;
      if (y.name === 'else' || y.name === 'end') this.stop(`Unexpected outer '${y.name}' tag`, y.token, true, 'a tag that closes or continues a block where none is open');
      this.unknownTag(y);
    }
  }

  private unknownTag(y: Yield): never {
    if (this.setup.anyTag) {
      // A plugin finews does not know may define it: not an error finews can claim.
      throw new UnknownToPlugins();
    }
    this.stop(`Unknown tag '${y.name}'`, y.token, true, `{% ${y.name} %} is no Liquid tag Jekyll knows`);
  }

  private stop(message: string, token: LiquidToken, notLiquid: boolean, explanation: string, line: number | null = this.line): never {
    throw new Stop(message, line, token, notLiquid, explanation);
  }

  private text(token: LiquidToken): string {
    return this.source.slice(token.start, token.end);
  }

  private shift(): LiquidToken | undefined {
    const token = this.tokens[this.next++];
    if (token) this.tokenizerLine += countNewlines(this.source, token.start, token.end);
    return token;
  }

  /** BlockBody#parse: up to a tag it does not know (returned) or the end (null). */
  private body(): Yield | null {
    this.line = this.tokenizerLine;
    for (let token = this.shift(); token; token = this.shift()) {
      if (token.kind === 'tag') {
        const text = this.text(token);
        const m = FULL_TOKEN.exec(text);
        if (!m) this.stop(`Tag '${text}' was not properly terminated with regexp: /\\%\\}/`, token, true, 'a "{%" that no "%}" closes as Liquid expects');
        const [, before, name, after, markup] = m as unknown as [string, string, string, string, string];
        this.line += countNewlines(before, 0, before.length) + countNewlines(after, 0, after.length);
        if (name !== 'liquid') {
          const spec = TAGS.get(name) ?? (this.setup.pluginTags.has(name) || (this.setup.anyTag && !ENDS_OR_PARTS.test(name)) ? PLAIN_TAG : undefined);
          if (!spec) return { name, markup, token };
          this.tag(name, spec, markup, token);
        }
      } else if (token.kind === 'output') {
        const text = this.text(token);
        const m = CONTENT_OF_VARIABLE.exec(text);
        if (!m) this.stop(`Variable '${text}' was not properly terminated with regexp: /\\}\\}/`, token, true, 'a "{{" that no "}}" closes as Liquid expects');
        if (this.silent === 0) this.output(m[1]!, token);
      }
      this.line = this.tokenizerLine;
    }
    return null;
  }

  private output(markup: string, token: LiquidToken): void {
    const value = outputValue(markup);
    if (value.kind === 'nothing') this.outputs.push({ token, root: null, why: 'Liquid reads no value in it' });
    else if (value.kind === 'variable' && value.root !== null) this.outputs.push({ token, root: value.root, why: `nothing defines "${value.root}"` });
  }

  private tag(name: string, spec: TagSpec, markup: string, token: LiquidToken): void {
    const refused = spec.check?.(markup);
    if (refused) this.refuse(name, refused, token);
    this.remember(name, markup, token);
    if (spec.block === null) return;
    if (spec.block === 'raw') return this.raw(token);
    if (this.depth >= 100) this.stop('Nesting too deep', token, false, 'blocks nested more than 100 deep');
    this.depth++;
    const opens = spec.block === 'comment' ? 'silent' : 'conditional';
    this[opens]++;
    try {
      this.block(name, spec.block, token);
    } finally {
      this[opens]--;
      this.depth--;
    }
  }

  /** A refused markup: Liquid's SyntaxError, or Jekyll's own error (no line). */
  private refuse(name: string, message: string, token: LiquidToken): never {
    const jekyll = name === 'highlight' || name === 'post_url' || name === 'include' || name === 'include_relative';
    this.stop(message, token, name !== 'post_url' && name !== 'include' && name !== 'include_relative', `{% ${name} %} is written in a way Liquid cannot read`, jekyll ? null : this.line);
  }

  /** What a tag defines or needs from the site. */
  private remember(name: string, markup: string, token: LiquidToken): void {
    if (name === 'assign') this.assigned.add(ASSIGN.exec(markup)![1]!);
    else if (name === 'capture') this.assigned.add(CAPTURE.exec(markup)![1]!);
    else if (name === 'for') this.assigned.add(FOR.exec(markup)![1]!);
    else if (name === 'tablerow') this.assigned.add(TABLEROW.exec(markup)![1]!);
    else if (name === 'increment' || name === 'decrement') this.assigned.add(markup.trim());
    if ((name === 'include' || name === 'include_relative') && this.silent === 0) {
      const { file, dynamic } = readInclude(markup);
      this.includes.push({ tag: name, file: dynamic ? null : file });
    }
    if (this.conditional > 0 || this.silent > 0) return;
    if (name === 'post_url' || name === 'link') {
      if (!markup.includes('{{') && !markup.includes('{%')) this.references.push({ tag: name, target: markup.trim(), start: token.start, end: token.end });
    } else if (name === 'include' || name === 'include_relative') {
      const { file, dynamic } = readInclude(markup);
      if (!dynamic) this.references.push({ tag: name, target: file ?? '', start: token.start, end: token.end });
    }
  }

  /** Raw#parse: tokens taken as text up to the one holding `{% endraw %}`. */
  private raw(open: LiquidToken): void {
    for (let token = this.shift(); token; token = this.shift()) {
      if (token.kind !== 'text' && rawEnd(this.text(token)) >= 0) return;
    }
    this.stop("'raw' tag was never closed", open, true, '{% raw %} with no {% endraw %} after it');
  }

  /** Block#parse and the unknown_tag of each block kind. */
  private block(name: string, kind: BlockKind, open: LiquidToken): void {
    const end = `end${name}`;
    let inElse = false;
    for (;;) {
      const y = this.body();
      if (!y) this.stop(`'${name}' tag was never closed`, open, true, `{% ${name} %} with no {% ${end} %} after it`);
      if (y.name === end) return;
      if (kind === 'comment') continue;
      if (kind === 'if' && (y.name === 'elsif' || y.name === 'else')) {
        if (y.name === 'elsif' && !ifAccepts(y.markup)) this.stop("Syntax Error in tag 'if' - Valid syntax: if [expression]", y.token, true, '{% elsif %} is written in a way Liquid cannot read');
        continue;
      }
      if (kind === 'case' && y.name === 'when') {
        if (!whenAccepts(y.markup)) this.stop("Syntax Error in tag 'case' - Valid when condition: {% when [condition] [or condition2...] %}", y.token, true, '{% when %} is written in a way Liquid cannot read');
        continue;
      }
      if (kind === 'case' && y.name === 'else') {
        if (rubyStrip(y.markup) !== '') this.stop("Syntax Error in tag 'case' - Valid else condition: {% else %} (no parameters) ", y.token, true, '{% else %} in a case takes nothing after it');
        continue;
      }
      if (kind === 'for' && y.name === 'else') {
        // For#parse reads one else part; a second {% else %} ends the loop there.
        if (inElse) return;
        inElse = true;
        continue;
      }
      if (y.name === 'else') this.stop(`${name} tag does not expect 'else' tag`, y.token, true, `{% else %} inside {% ${name} %}, which has no else part`);
      if (y.name.startsWith('end')) this.stop(`'${y.name}' is not a valid delimiter for ${name} tags. use ${end}`, y.token, true, `{% ${y.name} %} where {% ${end} %} is expected`);
      this.unknownTag(y);
    }
  }
}

/** Thrown when an unknown tag may be a plugin's: the analysis ends with no verdict. */
class UnknownToPlugins extends Error {}

function countNewlines(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', start); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
