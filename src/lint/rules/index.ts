import type { AnyRule } from '../types.js';
import blankLinesAtEnd from './blank-lines-at-end.js';
import bodyEmpty from './body-empty.js';
import bodyHtml from './body-html.js';
import dateFuture from './date-future.js';
import dateInvalid from './date-invalid.js';
import dateNoOffset from './date-no-offset.js';
import duplicatePost from './duplicate-post.js';
import encoding from './encoding.js';
import filenameDateMismatch from './filename-date-mismatch.js';
import filenameNoDate from './filename-no-date.js';
import finalNewline from './final-newline.js';
import frontMatterInvalid from './front-matter-invalid.js';
import frontMatterLanguage from './front-matter-language.js';
import frontMatterMissing from './front-matter-missing.js';
import frontMatterSchema from './front-matter-schema.js';
import layoutMissing from './layout-missing.js';
import lineEndings from './line-endings.js';
import linkEmpty from './link-empty.js';
import liquidOutput from './liquid-output.js';
import liquidSyntax from './liquid-syntax.js';
import permalinkConflict from './permalink-conflict.js';
import requiredFields from './required-fields.js';
import taxonomyFormat from './taxonomy-format.js';
import taxonomySplit from './taxonomy-split.js';
import titleEmpty from './title-empty.js';
import trailingSpaces from './trailing-spaces.js';
import unicodeBom from './unicode-bom.js';

/** Every rule, sorted by id. */
export const RULES: readonly AnyRule[] = [
  blankLinesAtEnd,
  bodyEmpty,
  bodyHtml,
  dateFuture,
  dateInvalid,
  dateNoOffset,
  duplicatePost,
  encoding,
  filenameDateMismatch,
  filenameNoDate,
  finalNewline,
  frontMatterInvalid,
  frontMatterLanguage,
  frontMatterMissing,
  frontMatterSchema,
  layoutMissing,
  lineEndings,
  linkEmpty,
  liquidOutput,
  liquidSyntax,
  permalinkConflict,
  requiredFields,
  taxonomyFormat,
  taxonomySplit,
  titleEmpty,
  trailingSpaces,
  unicodeBom,
];

export const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(RULES.map((rule) => [rule.id, rule]));
