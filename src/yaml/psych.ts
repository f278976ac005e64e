import { parseDocument, type Document, type LineCounter, type ScalarTag, type Tags } from 'yaml';

/**
 * YAML as Jekyll reads it: Ruby's Psych, YAML 1.1. The `yaml` package's 1.1
 * schema is close; these are the scalars where Psych differs: booleans are
 * yes/true/on and no/false/off in any case (`y`, `n` stay strings), null is
 * `~`, empty or `null` in any case.
 */
const psychTrue: ScalarTag = {
  identify: (value) => value === true,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:yes|true|on)$/i,
  resolve: () => true,
};
const psychFalse: ScalarTag = {
  identify: (value) => value === false,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:no|false|off)$/i,
  resolve: () => false,
};
const psychNull: ScalarTag = {
  identify: (value) => value === null || value === undefined,
  default: true,
  tag: 'tag:yaml.org,2002:null',
  test: /^(?:~|null)?$/i,
  resolve: () => null,
};

function psychTags(tags: Tags): Tags {
  const rest = tags.filter((t) => {
    const tag = (t as ScalarTag).tag;
    return tag !== 'tag:yaml.org,2002:bool' && tag !== 'tag:yaml.org,2002:null';
  });
  return [psychNull, psychTrue, psychFalse, ...rest];
}

/** Parse YAML text as Psych would; errors are in `document.errors`, never thrown. */
export function parsePsych(text: string, lineCounter: LineCounter): Document.Parsed {
  return parseDocument(text, {
    version: '1.1',
    customTags: psychTags,
    uniqueKeys: false, // Psych keeps the last of duplicate keys
    merge: true,
    prettyErrors: false,
    lineCounter,
  });
}

/** Aliases beyond this many expansions are refused (YAML bombs). */
export const MAX_ALIAS_COUNT = 100;
