import { defineConfig } from 'vitest/config'

// End-to-end: real server process, real Chromium (and Electron where its binary exists).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
