/**
 * Raw frames from ffmpeg (export worker) to the H.264 encoder (encode worker) through shared
 * memory, a few frames at a time. ffmpeg runs synchronously and cannot await anything, so the
 * writer blocks (Atomics.wait) while every slot is full; the reader takes frames as the encoder
 * has room for them. Memory stays at `slots` frames however long the video is.
 *
 * Layout: an Int32 header [written, released, state, spare] then `slots` frames back to back.
 * `written` and `released` count whole frames and only grow; slot = count % slots.
 */

const WRITTEN = 0
const RELEASED = 1
const STATE = 2
const HEADER_BYTES = 16

const OPEN = 0
const ENDED = 1
const FAILED = 2

/** Four frames in flight: enough to keep both sides busy (a 1080×1920 frame is 3 MB). */
export const RING_SLOTS = 4

/** How long a blocked writer sleeps before it looks at the state again. */
const WAIT_SLICE_MS = 250

export interface FrameRing {
  readonly buffer: SharedArrayBuffer
  readonly frameBytes: number
  readonly slots: number
}

export class FrameRingFailed extends Error {
  constructor() {
    super('the encoder stopped')
    this.name = 'FrameRingFailed'
  }
}

export function createFrameRing(frameBytes: number, slots = RING_SLOTS): FrameRing {
  if (!Number.isInteger(frameBytes) || frameBytes <= 0) throw new Error('bad frame size')
  return { buffer: new SharedArrayBuffer(HEADER_BYTES + frameBytes * slots), frameBytes, slots }
}

/** I420: a full-size luma plane and two quarter-size chroma planes. */
export function i420Bytes(width: number, height: number): number {
  return width * height + 2 * (Math.ceil(width / 2) * Math.ceil(height / 2))
}

function views(ring: FrameRing) {
  return {
    header: new Int32Array(ring.buffer, 0, HEADER_BYTES / 4),
    slot: (index: number) =>
      new Uint8Array(
        ring.buffer,
        HEADER_BYTES + (index % ring.slots) * ring.frameBytes,
        ring.frameBytes,
      ),
  }
}

/** The ffmpeg side: bytes in whatever pieces the muxer writes them, cut into frames. */
export class FrameRingWriter {
  private readonly header: Int32Array
  private readonly slot: (index: number) => Uint8Array
  /** Bytes of the current (not yet published) frame. */
  private filled = 0
  private frames = 0

  constructor(
    private readonly ring: FrameRing,
    /** Atomics.wait, replaceable in tests that run both sides on one thread. */
    private readonly wait: (
      header: Int32Array,
      index: number,
      value: number,
      ms: number,
    ) => void = (header, index, value, ms) => void Atomics.wait(header, index, value, ms),
  ) {
    const v = views(ring)
    this.header = v.header
    this.slot = v.slot
  }

  get framesWritten(): number {
    return this.frames
  }

  write(bytes: Uint8Array): void {
    let offset = 0
    while (offset < bytes.length) {
      if (this.filled === 0) this.waitForRoom()
      const take = Math.min(bytes.length - offset, this.ring.frameBytes - this.filled)
      this.slot(this.frames).set(bytes.subarray(offset, offset + take), this.filled)
      this.filled += take
      offset += take
      if (this.filled === this.ring.frameBytes) {
        this.filled = 0
        this.frames++
        Atomics.store(this.header, WRITTEN, this.frames)
        Atomics.notify(this.header, WRITTEN)
      }
    }
  }

  /** No more frames. A partial frame means ffmpeg and the encoder disagree on the size. */
  end(): void {
    if (this.filled !== 0) {
      this.fail()
      throw new Error(
        `the last frame is incomplete (${this.filled} of ${this.ring.frameBytes} bytes)`,
      )
    }
    Atomics.compareExchange(this.header, STATE, OPEN, ENDED)
    Atomics.notify(this.header, WRITTEN)
  }

  fail(): void {
    Atomics.store(this.header, STATE, FAILED)
    Atomics.notify(this.header, WRITTEN)
    Atomics.notify(this.header, RELEASED)
  }

  private waitForRoom(): void {
    for (;;) {
      if (Atomics.load(this.header, STATE) === FAILED) throw new FrameRingFailed()
      const released = Atomics.load(this.header, RELEASED)
      if (this.frames - released < this.ring.slots) return
      this.wait(this.header, RELEASED, released, WAIT_SLICE_MS)
    }
  }
}

/** Atomics.waitAsync (ES2024; Chromium and Node have it, this project's lib is ES2023). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
      timeoutMs: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> }
  }
).waitAsync

/** The encoder side: one frame at a time, its slot handed back once the frame is copied out. */
export class FrameRingReader {
  private readonly header: Int32Array
  private readonly slot: (index: number) => Uint8Array
  private frames = 0
  private holding = false

  constructor(ring: FrameRing) {
    const v = views(ring)
    this.header = v.header
    this.slot = v.slot
  }

  /** The next frame (valid until release()), or null once the writer ended and all are read. */
  async next(): Promise<Uint8Array | null> {
    if (this.holding) throw new Error('release the previous frame first')
    for (;;) {
      const state = Atomics.load(this.header, STATE)
      if (state === FAILED) throw new FrameRingFailed()
      const written = Atomics.load(this.header, WRITTEN)
      if (written > this.frames) {
        this.holding = true
        return this.slot(this.frames)
      }
      if (state === ENDED) return null
      const waited = waitAsync(this.header, WRITTEN, written, WAIT_SLICE_MS)
      if (waited.async) await waited.value
    }
  }

  release(): void {
    if (!this.holding) return
    this.holding = false
    this.frames++
    Atomics.store(this.header, RELEASED, this.frames)
    Atomics.notify(this.header, RELEASED)
  }

  /** Stops the writer too: its next wait throws instead of blocking for ever. */
  fail(): void {
    Atomics.store(this.header, STATE, FAILED)
    Atomics.notify(this.header, RELEASED)
    Atomics.notify(this.header, WRITTEN)
  }
}
