/**
 * Recently decoded frames of one source around the playhead, so scrubbing back and forth and
 * stepping backwards show a frame without decoding again from the previous keyframe. Each entry
 * owns its frame (a clone: the decoder's frame is shared, not copied); when full, the frame
 * farthest in time from the one asked for goes first. Generic over the frame type so the rule is
 * tested without a decoder.
 */
export interface WindowFrame {
  readonly timestamp: number
  readonly duration: number
  close(): void
}

export class FrameWindow<F extends WindowFrame> {
  private readonly frames: F[] = []

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.frames.length
  }

  /** The frame shown at `t` (its timestamp ≤ t < its end), or null. The window keeps it. */
  find(t: number): F | null {
    for (const frame of this.frames) {
      if (frame.timestamp <= t && t < frame.timestamp + frame.duration) return frame
    }
    return null
  }

  /** Keeps `frame` (the window now owns it), evicting the farthest from `near` when full. */
  add(frame: F, near: number): void {
    if (this.frames.some((f) => f.timestamp === frame.timestamp)) {
      frame.close()
      return
    }
    this.frames.push(frame)
    while (this.frames.length > this.capacity) {
      let far = 0
      let farDistance = -1
      this.frames.forEach((f, i) => {
        const distance = Math.abs(f.timestamp - near)
        if (distance > farDistance) {
          far = i
          farDistance = distance
        }
      })
      this.frames.splice(far, 1)[0]?.close()
    }
  }

  clear(): void {
    for (const frame of this.frames.splice(0)) frame.close()
  }
}
