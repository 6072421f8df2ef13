import { defineConfig } from 'vitest/config'

// Unit and integration tests live beside the code (`*.test.ts`); end-to-end suites have their own
// config. The global setup builds the test server once and starts one throwaway PostgreSQL
// cluster for the whole run (integration suites run against SQLite and PostgreSQL).
export default defineConfig({
  test: {
    include: ['{main,preload,renderer,shared,server,scripts}/**/*.test.{ts,tsx}'],
    globalSetup: ['server/test-support/global-setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
