import { defineConfig } from 'vitest/config'

// Unit tests live beside the code (`*.test.ts`); end-to-end suites have their own config.
export default defineConfig({
  test: {
    include: ['{main,preload,renderer,shared,server,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
})
