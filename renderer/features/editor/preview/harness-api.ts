import type { MediaInfo } from '../../../../shared/timeline'

/**
 * What the test-only preview harness page (harness.html) exposes as window.__reeldeskPreviewTest,
 * for e2e/preview.e2e.test.ts. Self-contained types, so Node-side tests can import them.
 */
export interface PreviewHarnessSpec {
  readonly timeline: unknown
  /** mediaId → the file's name in the page's #files input, and its probed info. */
  readonly media: Readonly<
    Record<string, { readonly file: string; readonly info: Omit<MediaInfo, 'fileName'> }>
  >
}

export type PreviewHarnessOutcome =
  | { readonly ok: true; readonly frame: number; readonly png: string; readonly renderMs: number }
  | { readonly ok: false; readonly message: string }

export interface PreviewTestApi {
  /** Loads the timeline into a fresh preview worker. */
  load(spec: PreviewHarnessSpec): Promise<{ readonly ok: boolean; readonly message?: string }>
  /** Renders the frame at `timeMs`, returned as a base64 PNG. */
  renderPng(timeMs: number): Promise<PreviewHarnessOutcome>
}

declare global {
  interface Window {
    __reeldeskPreviewTest?: PreviewTestApi
  }
}
