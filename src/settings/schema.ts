import { readFileSync } from 'node:fs';
import { unknownName } from './suggest.js';

/**
 * The `finews:` settings are described once, in `schema/finews.schema.json`
 * (shipped for editors: a YAML language server can validate `_config.yml`
 * with it). This module reads that file to find keys that no setting has, the
 * typos (`layuot`, `lnt`) that would otherwise be ignored in silence. The
 * commands check each value's type and meaning where they read it.
 */
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
}

let schema: SchemaNode | undefined;
function finewsSchema(): SchemaNode {
  // Two levels up from src/settings/ and from dist/settings/ alike.
  schema ??= JSON.parse(readFileSync(new URL('../../schema/finews.schema.json', import.meta.url), 'utf8')) as SchemaNode;
  return schema;
}

export interface UnknownSetting {
  /** Keys from `finews` down, e.g. ['index', 'layuot']. */
  keys: string[];
  message: string;
}

/** The first key under `finews:` that the schema does not know, or null. */
export function unknownSetting(finews: Record<string, unknown>): UnknownSetting | null {
  return walk(finews, finewsSchema(), []);
}

function walk(value: unknown, node: SchemaNode, keys: string[]): UnknownSetting | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const properties = node.properties ?? {};
  for (const [key, child] of Object.entries(value)) {
    const known = Object.hasOwn(properties, key) ? properties[key]! : undefined;
    if (known) {
      const found = walk(child, known, [...keys, key]);
      if (found) return found;
    } else if (node.additionalProperties === false) {
      return { keys: [...keys, key], message: unknownName('setting', key, Object.keys(properties)) };
    }
  }
  return null;
}
