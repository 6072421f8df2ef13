/**
 * V8 flags the desktop app gives its renderer (main/index.ts) — and the e2e tests and benches
 * give Chromium, so they run the renderer the way the app does.
 *
 * --expose-gc: the export's workers ask for a full collection every few seconds of video
 * (renderer/features/editor/engine/webcodecs/collect-garbage.ts). Without it V8 leaves their
 * garbage — closed frames' wrappers, the decoder's and encoder's chunk buffers — to pile up by
 * ~200 MB over a 10-minute export before collecting it (e2e/export-memory.e2e.test.ts). The
 * renderer runs only the app's own code (sandboxed, strict CSP), so exposing `gc` gives no page
 * a new power.
 */
export const RENDERER_JS_FLAGS = '--expose-gc'
