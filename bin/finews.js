#!/usr/bin/env node
// argv in, exit code out; everything else lives in dist/cli.js.
import { main } from '../dist/cli.js';
import { processIo } from '../dist/io.js';

try {
  process.exitCode = await main(process.argv.slice(2), processIo());
} catch (error) {
  // Not a FinewsError: a bug. Keep the stack.
  console.error(error);
  process.exitCode = 2;
}
