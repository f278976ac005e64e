import { spawnSync } from 'node:child_process';

/** Ruby is an oracle (it comes with Jekyll, which CI installs): a missing ruby is a failure there. */
export const hasRuby = spawnSync('ruby', ['-e', 'require "psych"; require "date"; require "time"'], { encoding: 'utf8' }).status === 0;
if (!hasRuby && process.env.CI) throw new Error('ruby is not installed: .ci/run installs it with jekyll');

/** Run a Ruby script that reads JSON on stdin and prints JSON, under the time zone `tz` (as Jekyll sets TZ). */
export function rubyJson<T>(script: string, input: unknown, tz = 'UTC'): T {
  const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(input), encoding: 'utf8', env: { ...process.env, TZ: tz }, maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}
