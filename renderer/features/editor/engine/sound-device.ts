import type { CoreFs } from './core-types'
import { DEVICE_MINOR, makeDeviceNode } from './device-node'
import type { SoundChunk } from './worker-protocol'

/** Bytes gathered before a message: ~0.7 s of 192 kbit/s AAC, so a 10-minute sound is ~900. */
const BATCH_BYTES = 16 * 1024

/**
 * A character device in ffmpeg's file system whose writes go to a MessagePort: the WebCodecs
 * export's sound, written by ffmpeg as ADTS, reaches the mux worker while ffmpeg is still
 * encoding it. The first write goes at once (the muxer can start writing the file when it has
 * a packet of every track), later ones in batches. Registered once per core; each run attaches
 * its port, and `end()` is sent by the run when ffmpeg exits cleanly — not on close, which
 * ffmpeg may also do after a failure.
 */
export class SoundDevice {
  private port: MessagePort | null = null
  private batch: Uint8Array[] = []
  private batched = 0
  private sentAny = false

  constructor(
    fs: CoreFs,
    readonly path: string,
  ) {
    makeDeviceNode(fs, path, DEVICE_MINOR.sound, {
      write: (_stream, buffer, offset, length) => {
        if (!this.port) throw new Error('no sound stream attached')
        // A copy: `buffer` is ffmpeg's own memory, reused for the next write.
        this.batch.push(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length).slice())
        this.batched += length
        if (!this.sentAny || this.batched >= BATCH_BYTES) this.flush()
        return length
      },
      close: () => this.flush(),
    })
  }

  attach(port: MessagePort): void {
    this.port = port
    this.batch = []
    this.batched = 0
    this.sentAny = false
  }

  /** Sends what is left and says the sound is complete. */
  end(): void {
    this.flush()
    this.send({ type: 'end' })
  }

  detach(): void {
    this.port?.close()
    this.port = null
  }

  private flush(): void {
    if (!this.port || this.batched === 0) return
    const bytes = new Uint8Array(this.batched)
    let at = 0
    for (const piece of this.batch) {
      bytes.set(piece, at)
      at += piece.length
    }
    this.batch = []
    this.batched = 0
    this.sentAny = true
    this.send({ type: 'bytes', bytes }, [bytes.buffer])
  }

  private send(chunk: SoundChunk, transfer: Transferable[] = []): void {
    this.port?.postMessage(chunk, transfer)
  }
}
