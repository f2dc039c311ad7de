import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      // Runs the bundles in dist/ (the language server over LSP, the CLI): build first.
      {
        test: {
          name: 'integration',
          include: ['test/server/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
