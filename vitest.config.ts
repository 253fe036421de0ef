import { defineConfig } from 'vitest/config';

// Two projects: fast tests against real databases, and browser tests in Debian's Chromium.
// The long hostile runs (overload, the crash loop, big property runs) live in test/hostile and run
// with `npm run test:hostile` (vitest.hostile.config.ts).
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/hostile/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time, in one worker: this machine has two cores.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
