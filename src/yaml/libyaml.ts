import { Lexer, YAMLParseError, type CST } from 'yaml';

/**
 * Where libyaml, the C parser under Ruby's Psych, reads YAML syntax otherwise
 * than the `yaml` package: what `parsePsych` adjusts so that it accepts and
 * refuses what Psych does. tests/yaml/frontmatter-psych.test.ts checks the
 * whole against Ruby.
 */

/** The parts of the yaml package's Lexer that psychLexer adjusts (checked at load). */
interface LexerInternals {
  indentNext: number;
  parseQuotedScalar(this: LexerInternals): Generator<string, string>;
  parseFlowCollection(this: LexerInternals): Generator<string, string>;
}

/**
 * The yaml package's lexer, reading indentation as libyaml (Psych) does
 * inside quoted scalars and flow collections: there it does not matter. A
 * continuation line may stand at any indentation, even at column 0
 * (`title: "first line⏎second line"`, `tags: [a,⏎b]`); only a document
 * marker (`---` or `...` at column 0) ends them early, which is an error.
 */
export function psychLexer(): Lexer {
  const lexer = new Lexer();
  const inner = lexer as unknown as LexerInternals;
  for (const name of ['parseQuotedScalar', 'parseFlowCollection'] as const) {
    const method = inner[name];
    if (typeof method !== 'function' || typeof inner.indentNext !== 'number') throw new Error(`the yaml package changed its Lexer (${name}): see psychLexer`);
    inner[name] = function* (this: LexerInternals) {
      const indentNext = this.indentNext;
      this.indentNext = 0; // the lexer's rule for scalars and lines outside any block collection
      try {
        return yield* method.call(this);
      } finally {
        this.indentNext = indentNext;
      }
    };
  }
  return lexer;
}

/**
 * The parser's tokens, passed on unchanged, with errors pushed on `errors`
 * where libyaml refuses what the yaml package accepts: a tab where a block
 * scalar's indentation space is expected ("found a tab character where an
 * indentation space is expected"), a block mapping entry with no key and
 * no `?` (`: value`, "did not find expected key"), and a flow mapping key
 * whose `:` stands on a later line.
 */
export function* libyamlTokens(tokens: Generator<CST.Token>, text: string, errors: YAMLParseError[]): Generator<CST.Token> {
  const all = [...tokens];
  const found = collect(all);
  const error = (at: number, code: 'TAB_AS_INDENT' | 'MISSING_CHAR', message: string) => errors.push(new YAMLParseError([at, at + 1], code, message));
  for (const map of found['block-map']) {
    for (const item of map.items) {
      if ('key' in item && item.key) continue;
      const value = item.sep?.find((t) => t.type === 'map-value-ind');
      if (value && !item.start.some((t) => t.type === 'explicit-key-ind')) error(value.offset, 'MISSING_CHAR', 'did not find expected key while parsing a block mapping');
    }
  }
  for (const flow of found['flow-collection']) {
    for (const item of flow.items) {
      const sep = item.sep ?? [];
      const value = sep.findIndex((t) => t.type === 'map-value-ind');
      const newline = sep.findIndex((t) => t.type === 'newline');
      if (value > newline && newline >= 0 && !item.start.some((t) => t.type === 'explicit-key-ind')) {
        error(sep[value]!.offset, 'MISSING_CHAR', "could not find expected ':' (a key on one line, its ':' on the next)");
      }
    }
  }
  if (text.includes('\t')) {
    for (const at of tabsStartingLines(found, text)) error(at, 'TAB_AS_INDENT', 'found character that cannot start any token (a tab at the start of a line)');
    for (const scalar of found['block-scalar']) {
      const at = blockScalarTab(text, scalar);
      if (at >= 0) error(at, 'TAB_AS_INDENT', 'found a tab character where an indentation space is expected');
    }
    // After `-` or `?`, libyaml takes no tab before the entry.
    for (const item of [...found['block-seq'], ...found['block-map']].flatMap((c): { start: CST.SourceToken[] }[] => c.items)) {
      const indicator = item.start.findIndex((t) => t.type === 'seq-item-ind' || t.type === 'explicit-key-ind');
      const space = item.start[indicator + 1];
      if (indicator >= 0 && space?.type === 'space' && space.source.includes('\t')) error(space.offset + space.source.indexOf('\t'), 'TAB_AS_INDENT', 'found character that cannot start any token (a tab after - or ?)');
    }
  }
  yield* all;
}

interface Found {
  'block-map': CST.BlockMap[];
  'block-seq': CST.BlockSequence[];
  'block-scalar': CST.BlockScalar[];
  'flow-collection': CST.FlowCollection[];
  'double-quoted-scalar': CST.FlowScalar[];
  'single-quoted-scalar': CST.FlowScalar[];
  scalar: CST.FlowScalar[];
}

/** The CST tokens libyamlTokens looks at, by type, in one walk over the nodes (not their spaces and indicators). */
function collect(tokens: CST.Token[]): Found {
  const found: Found = { 'block-map': [], 'block-seq': [], 'block-scalar': [], 'flow-collection': [], 'double-quoted-scalar': [], 'single-quoted-scalar': [], scalar: [] };
  const visit = (token: CST.Token | undefined): void => {
    if (!token) return;
    switch (token.type) {
      case 'document':
        return visit(token.value);
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        (found[token.type] as unknown[]).push(token);
        for (const item of token.items) {
          if ('key' in item) visit(item.key ?? undefined);
          visit(item.value);
        }
        return;
      case 'block-scalar':
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
      case 'scalar':
        (found[token.type] as unknown[]).push(token);
        return;
      default:
    }
  };
  for (const token of tokens) visit(token);
  return found;
}

/**
 * Tabs that start a line where libyaml looks for a token (it skips tabs
 * there only inside flow collections), or that stand in the indentation of
 * a plain scalar's continuation line ("found a tab character that violates
 * indentation"). Lines inside quoted scalars, flow collections and block
 * scalars (see blockScalarTab) are left alone.
 */
function* tabsStartingLines(found: Found, text: string): Generator<number> {
  const skip: [number, number][] = [];
  for (const t of [...found['double-quoted-scalar'], ...found['single-quoted-scalar']]) skip.push([t.offset, t.offset + t.source.length]);
  for (const t of found['block-scalar']) skip.push([t.offset, t.offset + (t.props as CST.SourceToken[]).reduce((n, p) => n + p.source.length, 0) + t.source.length]);
  for (const t of found['flow-collection']) {
    const close = t.end.find((e) => e.type === 'flow-map-end' || e.type === 'flow-seq-end');
    skip.push([t.offset, close ? close.offset + 1 : text.length]);
  }
  const plain = found.scalar.filter((t) => t.source.includes('\n'));
  const inside = (at: number, [from, to]: [number, number]) => at > from && at < to;
  for (let line = 0; line < text.length; line = text.indexOf('\n', line) + 1 || text.length) {
    let at = line;
    while (text[at] === ' ') at++;
    if (text[at] !== '\t' || skip.some((r) => inside(line, r))) continue;
    const scalar = plain.find((t) => inside(line, [t.offset, t.offset + t.source.length]));
    if (!scalar || at - line < scalar.indent + 1) yield at;
  }
}

/**
 * libyaml's yaml_parser_scan_block_scalar_breaks over the lines of a block
 * scalar: the offset of a tab met while still in the indentation, or -1.
 */
function blockScalarTab(text: string, scalar: CST.BlockScalar): number {
  const props = scalar.props as CST.SourceToken[];
  const header = props.find((p) => p.type === 'block-scalar-header');
  const newline = props.find((p) => p.type === 'newline');
  if (!header || !newline) return -1;
  const increment = Number(/[1-9]/.exec(header.source)?.[0] ?? 0);
  let indent = increment ? scalar.indent + increment : 0;
  let maxIndent = 0;
  for (let at = newline.offset + newline.source.length; at < text.length; ) {
    let column = 0;
    while ((!indent || column < indent) && text[at + column] === ' ') column++;
    const next = text[at + column];
    if ((!indent || column < indent) && next === '\t') return at + column;
    maxIndent = Math.max(maxIndent, column);
    const eol = text.indexOf('\n', at);
    const lineEnd = eol < 0 ? text.length : eol + 1;
    if (next === '\n' || next === '\r' || next === undefined) {
      at = lineEnd;
      continue;
    }
    if (!indent) indent = Math.max(maxIndent, scalar.indent + 1, 1);
    if (column < indent) return -1;
    at = lineEnd;
  }
  return -1;
}
