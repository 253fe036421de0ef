import { defineConfig } from 'vitest/config';

// `npm run test:hostile`: the long runs that `npm test` leaves out (overload against a real server,
// the SIGKILL crash loop, property runs with many cases). One file at a time: each one loads the
// machine on purpose, and two at once would measure each other.
export default defineConfig({
  test: {
    name: 'hostile',
    globalSetup: ['test/support/global-setup.ts', 'test/hostile/build-first.ts'],
    include: ['test/hostile/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
  },
});
