// What the benchmarks share: timing a child process and taking medians.
import { spawnSync } from 'node:child_process';

const hasTime = spawnSync('/usr/bin/time', ['-f', '%e', 'true'], { encoding: 'utf8' }).status === 0;

/**
 * One timed run of a command: wall seconds, peak RSS in MB and CPU seconds
 * (both null without /usr/bin/time). Exit 1 counts as a run (linters exit 1
 * on findings); 2 or a signal is a failure of the run.
 */
export function timed(command, args, cwd) {
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'FINEWS-BENCH %e %M %U %S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${`${result.stdout}${result.stderr}`.slice(-2000)}`);
  const line = (result.stderr ?? '').split('\n').find((l) => l.startsWith('FINEWS-BENCH '));
  const [, seconds, kb, user, system] = line ? line.split(' ') : [];
  return {
    seconds: seconds ? Number(seconds) : wall,
    rssMb: kb ? Number(kb) / 1024 : null,
    cpu: user ? Number(user) + Number(system) : null,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
