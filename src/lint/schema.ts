import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ErrorObject, SchemaValidateFunction, ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { fieldPosition } from '../post/frontmatter.js';
import type { Post } from '../post/parse.js';
import { defaultsFor, type Site } from '../site/config.js';

/**
 * Front-matter schemas (`finews.lint.schema`): JSON Schema, validated by Ajv,
 * each scoped to the posts whose path matches its `files` globs and not its
 * `ignore` globs. JSON Schema cannot see where a post lives nor how its date
 * was written, so finews adds three keywords:
 * - `pathSegment: n` — the value equals folder n of the post's path from the
 *   site root (0 the first, -1 the one holding the file): `lang` equal to the
 *   language folder;
 * - `dateOffset: "+0000"` — the date is written with this offset;
 * - `requiredAfter: { "2023-01-29": [date] }` — posts dated after that day
 *   must have these fields.
 * The data validated is what Jekyll sees: `defaults:` under the front matter;
 * YAML timestamps appear as the text written, so `pattern` can check a form.
 */
export interface ScopedSchema {
  /** How findings name the schema: `finews.lint.schema[1]` or its file. */
  label: string;
  applies: (sitePath: string) => boolean;
  validate: ValidateFunction;
}

/** What a schema keyword needs of the post being validated (validation is synchronous). */
let current: { folders: string[]; day: string | null } = { folders: [], day: null };

export class SchemaSettingError extends Error {}

/** Read and compile `finews.lint.schema`; a SchemaSettingError says what is wrong, in one line. */
export function compileSchemas(setting: unknown, site: Site): ScopedSchema[] {
  if (setting === undefined || setting === null) return [];
  const entries = Array.isArray(setting) ? setting : [{ schema: setting }];
  const ajv = newAjv();
  return entries.map((entry, i) => {
    const where = Array.isArray(setting) ? `finews.lint.schema[${i}]` : 'finews.lint.schema';
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new SchemaSettingError(`${where}: expected { files, ignore, schema }`);
    }
    const { files, ignore, schema, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new SchemaSettingError(`${where}.${unknown}: unknown key (known: files, ignore, schema)`);
    const { json, label } = schemaOf(schema, where, site);
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(json as object);
    } catch (error) {
      throw new SchemaSettingError(`${label}: invalid JSON Schema: ${(error as Error).message.replace(/^schema is invalid: /, '')}`);
    }
    const take = globs(files, `${where}.files`);
    const skip = globs(ignore, `${where}.ignore`);
    const taken = take.length ? picomatch(take, { dot: true }) : () => true;
    const skipped = skip.length ? picomatch(skip, { dot: true }) : () => false;
    return { label, applies: (p) => taken(p) && !skipped(p), validate };
  });
}

function globs(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((g) => typeof g === 'string' && g !== '')) {
    throw new SchemaSettingError(`${where}: expected a glob or a list of globs (paths from the site root, e.g. "*/news/_posts/**")`);
  }
  return list as string[];
}

/** An inline schema, or the JSON or YAML file a string names (from the site root). */
function schemaOf(schema: unknown, where: string, site: Site): { json: unknown; label: string } {
  if (typeof schema === 'string') {
    const file = path.resolve(site.root, schema);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new SchemaSettingError(`${where}: cannot read the schema file ${schema}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      return { json: /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text), label: schema };
    } catch (error) {
      throw new SchemaSettingError(`${schema}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new SchemaSettingError(`${where}.schema: expected a JSON Schema (a mapping) or the name of a file holding one`);
  }
  return { json: schema, label: where };
}

function newAjv(): Ajv {
  // Loaded on the first schema only: a site without one (most) does not pay for Ajv's 60 modules in every thread.
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  // strict: unknown keywords are errors, not ignored; no logger: a library prints nothing.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false });
  ajv.addKeyword({
    keyword: 'pathSegment',
    // schemaType 'integer' is refused by Ajv 8 itself: a number, then the meta-schema.
    schemaType: 'number',
    metaSchema: { type: 'integer' },
    errors: true,
    validate: keyword((n: number, data) => {
      const folders = current.folders;
      const folder = folders[n < 0 ? folders.length + n : n];
      if (data === folder) return [];
      return [{ keyword: 'pathSegment', message: folder === undefined ? `the path has no folder ${n}` : `must equal "${folder}", folder ${n} of the path`, params: { folder } }];
    }),
  });
  ajv.addKeyword({
    keyword: 'dateOffset',
    schemaType: 'string',
    errors: true,
    validate: keyword((offset: string, data) => {
      if (typeof data === 'string' && data.trim().endsWith(offset) && /\s$/.test(data.trim().slice(0, -offset.length))) return [];
      return [{ keyword: 'dateOffset', message: `must be written with the offset ${offset}`, params: { offset } }];
    }),
  });
  ajv.addKeyword({
    keyword: 'requiredAfter',
    type: 'object',
    schemaType: 'object',
    errors: true,
    metaSchema: { type: 'object', propertyNames: { pattern: '^\\d{4}-\\d\\d-\\d\\d$' }, additionalProperties: { type: 'array', items: { type: 'string' } } },
    validate: keyword((rules: Record<string, string[]>, data) => {
      const day = current.day;
      if (day === null) return [];
      return Object.entries(rules)
        .filter(([since]) => day > since)
        .flatMap(([since, fields]) =>
          fields
            .filter((f) => !Object.hasOwn(data as object, f))
            .map((f) => ({ keyword: 'requiredAfter', message: `posts dated after ${since} must have "${f}"`, params: { missingProperty: f } })),
        );
    }),
  });
  return ajv;
}

/** A keyword's validate function from a check that returns its errors. */
function keyword<S>(check: (schema: S, data: unknown) => Partial<ErrorObject>[]): SchemaValidateFunction {
  const validate: SchemaValidateFunction = (schema: S, data: unknown) => {
    validate.errors = check(schema, data);
    return validate.errors.length === 0;
  };
  return validate;
}

export interface SchemaFinding {
  message: string;
  line: number;
  column: number;
}

/** Validate a post's front matter against every schema whose globs take it. */
export function checkSchemas(post: Post, site: Site, schemas: readonly ScopedSchema[]): SchemaFinding[] {
  const fm = post.frontMatter;
  if (!fm?.data) return [];
  const sitePath = site.collectionsDir ? `${site.collectionsDir.replace(/\/+$/, '')}/${post.path}` : post.path;
  const wanted = schemas.filter((s) => s.applies(sitePath));
  if (wanted.length === 0) return [];
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaultsFor(site, post.path))) data[key] = jsonView(value);
  for (const [key, value] of Object.entries(fm.data)) {
    const written = fm.fields?.get(key)?.value;
    data[key] = value instanceof Date && written?.type === 'PLAIN' && written.source ? written.source : jsonView(value);
  }
  current = { folders: sitePath.split('/').slice(0, -1), day: post.jekyll.date?.text.slice(0, 10) ?? null };
  const findings: SchemaFinding[] = [];
  for (const schema of wanted) {
    if (schema.validate(data)) continue;
    for (const error of schema.validate.errors ?? []) findings.push(finding(error, post, schema.label));
  }
  return findings;
}

/** Dates as ISO text, everything else as it is: the JSON that a JSON Schema describes. */
function jsonView(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(jsonView);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonView(v)]));
  return value;
}

function finding(error: ErrorObject, post: Post, label: string): SchemaFinding {
  const params = error.params as Record<string, unknown>;
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : null;
  const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : null;
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = extra && parts.length === 0 ? extra : parts[0];
  let message: string;
  if (missing && error.keyword !== 'requiredAfter') message = `the front matter has no "${missing}"`;
  else if (extra) message = `"${[...parts, extra].join('.')}" is not allowed`;
  else {
    const allowed = error.keyword === 'enum' ? `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : '';
    const constant = error.keyword === 'const' ? ` ${JSON.stringify(params.allowedValue)}` : '';
    message = `${parts.length ? `"${parts.join('.')}" ` : ''}${error.message ?? 'is not valid'}${allowed}${constant}`;
  }
  const at = key !== undefined && post.frontMatter?.fields?.has(key) ? fieldPosition(post.frontMatter, key, extra ? 'key' : 'value') : { line: 1, column: 1 };
  return { message: `${message} (${label})`, ...at };
}
