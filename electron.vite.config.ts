import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import pkg from './package.json' with { type: 'json' }

const root = import.meta.dirname
const NEVER_INLINE = /[\\/](@ffmpeg|resources[\\/](fonts|luts))[\\/]/

// Entries are named explicitly: the project keeps processes in top-level folders, not src/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(root, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages or be an ES module: bundle it as CJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(pkg.version) },
    // The export worker is a module worker (the ffmpeg core is imported from a URL at run time).
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // ffmpeg.wasm's files and the shipped fonts/LUTs must stay real files on our origin: as
      // data: URLs the mt core's pthread workers break under COEP and the CSP blocks the fetches.
      assetsInlineLimit: (file) => (NEVER_INLINE.test(file) ? false : undefined),
      rolldownOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          // Test-only page for the export engine (e2e/export.e2e.test.ts, bench/export/main.ts).
          'export-harness': resolve(root, 'renderer/features/editor/engine/harness.html'),
          // Test-only page for the preview compositor (e2e/preview.e2e.test.ts).
          'preview-harness': resolve(root, 'renderer/features/editor/preview/harness.html'),
          // Test-only page for the media library (e2e/media.e2e.test.ts).
          'media-harness': resolve(root, 'renderer/features/editor/media/harness.html'),
        },
      },
    },
  },
})
