import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/corpus-notice.ts'],
    // A hang guard, not a speed limit: far above what any test needs on a busy two-core machine.
    // Tests bound work, not wall time; timings live in bench/.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
