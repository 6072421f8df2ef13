import type { CoreFs } from './core-types'
import { DEVICE_MINOR, makeDeviceNode } from './device-node'
import { FrameRingFailed, type FrameRingWriter } from './frame-ring'

/**
 * A character device in ffmpeg's file system whose writes go to the current frame ring: ffmpeg
 * writes raw frames to it like to a file (`-truncate 0`, since a device cannot be truncated).
 * Registered once per core; each split run attaches its own writer.
 */
export class FrameDevice {
  private writer: FrameRingWriter | null = null
  /** Set when the encoder side stopped first (its reason is the one to report). */
  encoderStopped = false

  constructor(
    fs: CoreFs,
    readonly path: string,
  ) {
    makeDeviceNode(fs, path, DEVICE_MINOR.frames, {
      write: (_stream, buffer, offset, length) => {
        const writer = this.writer
        if (!writer) throw new Error('no frame ring attached')
        try {
          writer.write(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length))
        } catch (error) {
          if (error instanceof FrameRingFailed) this.encoderStopped = true
          throw error
        }
        return length
      },
      close: () => {
        // ffmpeg closes its output when it is done (or gives up): no more frames will come.
        try {
          this.writer?.end()
        } catch {
          // end() already failed the ring; ffmpeg's own exit code tells the rest.
        }
      },
    })
  }

  attach(writer: FrameRingWriter): void {
    this.writer = writer
    this.encoderStopped = false
  }

  detach(): void {
    this.writer = null
  }
}
