import type { MediaDoc } from '../../../../shared/data/collections/media'

/**
 * What the test-only media harness page (harness.html) exposes as window.__reeldeskMediaTest for
 * e2e/media.e2e.test.ts. Self-contained types, so Node-side tests can import them.
 */
export interface HarnessImport {
  readonly doc: MediaDoc
  readonly displayWidth: number | null
  readonly displayHeight: number | null
  readonly thumbnail: { readonly type: string; readonly bytes: number } | null
  readonly thumbnailSize: { readonly width: number; readonly height: number } | null
  readonly peaksLength: number | null
  readonly maxPeak: number | null
  readonly elapsedMs: number
}

export interface MediaTestApi {
  /** Every accepted import so far, in order. */
  imported(): HarnessImport[]
  /** The stored original, read back from device storage: its name and size. */
  original(id: string, fileName: string): Promise<{ name: string; bytes: number }>
}

declare global {
  interface Window {
    __reeldeskMediaTest?: MediaTestApi
  }
}
