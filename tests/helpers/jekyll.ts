import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writableCopy } from './corpus.js';
import { tempDir } from './site.js';

/** Jekyll is the oracle; CI installs it (.ci/run), so there a missing jekyll is a failure. */
export const hasJekyll = spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasJekyll && process.env.CI) throw new Error('jekyll is not installed: .ci/run must install it (apt-get install -y jekyll)');

/** A Liquid page that dumps what Jekyll decided for every post (JEKYLL.md). */
const TRUTH_PAGE = `---
layout: null
---
[{% for p in site.posts %}{"path": {{ p.path | jsonify }}, "url": {{ p.url | jsonify }}, "date": {{ p.date | date: "%Y-%m-%d %H:%M:%S %z" | jsonify }}, "categories": {{ p.categories | jsonify }}, "tags": {{ p.tags | jsonify }}, "title": {{ p.title | jsonify }}}{% unless forloop.last %},
{% endunless %}{% endfor %}]
`;

export interface JekyllTruth {
  path: string;
  url: string;
  date: string;
  categories: unknown[];
  tags: unknown[] | null;
  title: unknown;
}

export interface JekyllBuild {
  status: number | null;
  output: string;
  posts: JekyllTruth[];
}

/** Copy `source` to a temporary folder (or use it as is), build it with Jekyll, return what Jekyll made of the posts. */
export function buildWithJekyll(site: string): JekyllBuild {
  writeFileSync(path.join(site, 'finews-truth.json'), TRUTH_PAGE);
  const result = spawnSync('jekyll', ['build', '--source', site, '--destination', path.join(site, '_site')], {
    encoding: 'utf8',
    env: { ...process.env, JEKYLL_ENV: 'production' },
  });
  const output = `${result.stdout}${result.stderr}`;
  let posts: JekyllTruth[] = [];
  if (result.status === 0) posts = JSON.parse(readFileSync(path.join(site, '_site', 'finews-truth.json'), 'utf8')) as JekyllTruth[];
  return { status: result.status, output, posts };
}

/** A writable copy of `source` in a temporary folder, removed after the test file's tests. */
export function copyToTemp(source: string, prefix = 'finews-'): string {
  const dir = tempDir(prefix);
  writableCopy(source, dir);
  return dir;
}
