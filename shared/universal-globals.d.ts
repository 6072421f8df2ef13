/**
 * The only runtime globals shared/ may use: ones every runtime it serves (Node, Electron main,
 * the browser, workers) provides with the same behaviour. Declared by hand so shared/ compiles
 * without the DOM or Node typings and a stray `document` or `process` fails the typecheck.
 * Other projects get these from their own libs, so they exclude this file.
 */
declare class URL {
  constructor(url: string, base?: string | URL)
  readonly href: string
  readonly origin: string
  readonly protocol: string
  readonly username: string
  readonly password: string
  readonly host: string
  readonly hostname: string
  readonly port: string
  readonly pathname: string
  readonly search: string
  readonly hash: string
  toString(): string
}

declare const console: {
  info(...data: unknown[]): void
  warn(...data: unknown[]): void
  error(...data: unknown[]): void
}

/** Web Crypto's CSPRNG: a global in Node ≥ 19, browsers and workers (used for UUIDv7 ids). */
declare const crypto: {
  getRandomValues<T extends ArrayBufferView>(array: T): T
}
