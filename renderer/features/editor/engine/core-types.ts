/**
 * The part of the ffmpeg.wasm core (`@ffmpeg/core`, `@ffmpeg/core-mt`, Emscripten output) the
 * export worker uses. Declared here rather than imported from @ffmpeg/types, which is only a
 * transitive dependency.
 */
export interface CoreLog {
  readonly type: 'stdout' | 'stderr' | string
  readonly message: string
}

export interface CoreFs {
  mkdir(path: string): void
  writeFile(path: string, data: Uint8Array): void
  readFile(path: string): Uint8Array
  unlink(path: string): void
  analyzePath(path: string): { exists: boolean }
  mount(type: unknown, options: { blobs: { name: string; data: Blob }[] }, mountPoint: string): void
  unmount(mountPoint: string): void
  readonly filesystems: { readonly WORKERFS: unknown }
  /** Device nodes: a character device whose writes go to JavaScript (the frame ring). */
  makedev(major: number, minor: number): number
  registerDevice(dev: number, ops: DeviceOps): void
  mkdev(path: string, dev: number): void
}

/** Emscripten's stream operations for a device; `buffer` is the wasm heap. */
export interface DeviceOps {
  open?(stream: unknown): void
  close?(stream: unknown): void
  write(
    stream: unknown,
    buffer: Int8Array | Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number
}

export interface FfmpegCore {
  readonly FS: CoreFs
  /** Runs ffmpeg synchronously and returns its exit code (Module.ret). */
  exec(...args: string[]): number
  setLogger(logger: (log: CoreLog) => void): void
  setProgress(handler: (progress: { progress: number; time: number }) => void): void
  setTimeout(timeout: number): void
  reset(): void
}

export type FfmpegCoreFactory = (overrides: { mainScriptUrlOrBlob: string }) => Promise<FfmpegCore>
