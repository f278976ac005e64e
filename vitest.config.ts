import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/corpus-notice.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
