import type { EncodeReply, EncodeRequest } from './encode-protocol'
import { isKeyFrame } from './encode-protocol'
import { FrameRingFailed, FrameRingReader } from './frame-ring'

/**
 * The encode worker: WebCodecs' H.264 encoder (the browser's own, native code) fed from the
 * frame ring. It takes a frame only when the encoder has room, so a slow encoder slows ffmpeg
 * down instead of filling memory.
 */

/** Frames queued inside the encoder before we stop taking more from the ring. */
const MAX_QUEUED = 3

interface WorkerScope {
  onmessage: ((event: MessageEvent<EncodeRequest>) => void) | null
}
const scope = self as unknown as WorkerScope

scope.onmessage = (event) => {
  void encode(event.data)
}

async function encode(request: EncodeRequest): Promise<void> {
  const { port, width, height, fps } = request
  const reply = (message: EncodeReply) => port.postMessage(message)
  const reader = new FrameRingReader(request.ring)
  const parts: Uint8Array<ArrayBuffer>[] = []
  let failure: Error | null = null
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const bytes = new Uint8Array(chunk.byteLength)
      chunk.copyTo(bytes)
      parts.push(bytes)
    },
    error: (error) => {
      failure = error
      reader.fail()
    },
  })
  try {
    encoder.configure({
      codec: request.codec,
      width,
      height,
      bitrate: request.bitrate,
      framerate: fps,
      latencyMode: 'quality',
      avc: { format: 'annexb' },
    })
    const frameDurationUs = 1e6 / fps
    // VideoFrame copies its pixels, so the slot goes back to ffmpeg as soon as the frame exists.
    let index = 0
    for (let raw = await reader.next(); raw; raw = await reader.next()) {
      const frame = new VideoFrame(raw.slice(), {
        format: 'I420',
        codedWidth: width,
        codedHeight: height,
        timestamp: Math.round(index * frameDurationUs),
        duration: Math.round(frameDurationUs),
      })
      reader.release()
      encoder.encode(frame, { keyFrame: isKeyFrame(index, fps) })
      frame.close()
      index++
      while (encoder.encodeQueueSize > MAX_QUEUED) {
        await new Promise((resolve) => encoder.addEventListener('dequeue', resolve, { once: true }))
      }
    }
    await encoder.flush()
    if (failure) throw failure
    reply({ type: 'encoded', h264: new Blob(parts, { type: 'video/h264' }), frames: index })
  } catch (error) {
    reader.fail()
    const cause = failure ?? error
    const message =
      cause instanceof FrameRingFailed
        ? 'the render stopped before the last frame'
        : cause instanceof Error
          ? cause.message
          : String(cause)
    reply({ type: 'failed', message })
  } finally {
    if (encoder.state !== 'closed') encoder.close()
  }
}
