import type { CoreFs, DeviceOps } from './core-types'

/** The export's devices, by minor number (one per kind; each is registered once per core). */
export const DEVICE_MINOR = { frames: 0, sound: 1 } as const

/**
 * Makes `path` in ffmpeg's file system a character device whose stream operations are `ops`.
 * Major 64 is clear of the devices Emscripten registers itself (/dev/null, tty, random…).
 */
export function makeDeviceNode(fs: CoreFs, path: string, minor: number, ops: DeviceOps): void {
  const dev = fs.makedev(64, minor)
  fs.registerDevice(dev, ops)
  fs.mkdev(path, dev)
}
