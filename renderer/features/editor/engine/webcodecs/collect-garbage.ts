/** Frames between collections: five seconds at 30 fps. */
const EVERY_FRAMES = 150

type Collect = () => void

/**
 * Returns a per-frame hook for an export worker that runs a full garbage collection every
 * `every` frames, where the runtime offers one (the desktop app's renderer runs with
 * --expose-gc, shared/renderer-flags.ts says why); elsewhere the hook does nothing. A
 * collection of a worker's small heap takes a few milliseconds; the memory it returns is what
 * keeps a long export's peak level with a short one's.
 */
export function garbageCollector(
  every = EVERY_FRAMES,
  scope: { gc?: unknown } = globalThis as { gc?: unknown },
): (frame: number) => void {
  const gc = typeof scope.gc === 'function' ? (scope.gc as Collect) : null
  if (!gc) return () => undefined
  return (frame) => {
    if (frame % every === every - 1) gc()
  }
}
