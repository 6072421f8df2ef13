import { EncodedPacket } from 'mediabunny'
import type { SoundChunk } from '../worker-protocol'
import { AdtsReader, type AdtsConfig } from './adts'

/**
 * ffmpeg's AAC encoder starts with one packet of priming samples (its initial padding, 1024);
 * its own M4A hides them with an edit list, which mediabunny reads as a first packet at
 * −1024/48000 s. ADTS has no edit list, so the same timestamps are given here and the muxer
 * writes the same edit list.
 */
const PRIMING_SAMPLES = 1024
const SAMPLES_PER_PACKET = 1024

/**
 * The mux worker's end of the export's sound stream (SoundChunk messages from the export
 * worker's sound device): AAC packets with their timestamps, as they arrive, cut to the
 * export's length like ffmpeg's own M4A (the last packet's duration ends at `seconds`).
 */
export class SoundStream {
  private readonly reader = new AdtsReader()
  private readonly queue: EncodedPacket[] = []
  private count = 0
  private failure: Error | null = null
  private resolveEnded: () => void = () => undefined
  private rejectEnded: (error: Error) => void = () => undefined
  config: AdtsConfig | null = null
  /** Resolves when ffmpeg has finished the sound; rejects if the stream is not whole AAC. */
  readonly ended: Promise<void>

  constructor(
    port: MessagePort,
    private readonly seconds: number,
  ) {
    this.ended = new Promise<void>((resolve, reject) => {
      this.resolveEnded = resolve
      this.rejectEnded = reject
    })
    this.ended.catch(() => undefined)
    port.onmessage = (event: MessageEvent<SoundChunk>) => this.receive(event.data)
  }

  /** Packets that start at or before `untilSec`, in order, each given once. */
  take(untilSec: number): EncodedPacket[] {
    if (this.failure) throw this.failure
    let n = 0
    while (n < this.queue.length && (this.queue[n]?.timestamp ?? Infinity) <= untilSec) n++
    return this.queue.splice(0, n)
  }

  private receive(chunk: SoundChunk): void {
    if (this.failure) return
    try {
      if (chunk.type === 'end') {
        if (!this.reader.complete) throw new Error('the sound ended inside an AAC frame')
        if (this.count === 0) throw new Error('the sound has no AAC packets')
        this.resolveEnded()
        return
      }
      for (const frame of this.reader.push(chunk.bytes)) {
        this.config ??= frame.config
        const rate = frame.config.sampleRate
        const timestamp = (this.count * SAMPLES_PER_PACKET - PRIMING_SAMPLES) / rate
        this.count++
        const duration = Math.min(SAMPLES_PER_PACKET / rate, this.seconds - timestamp)
        if (duration <= 0) continue
        this.queue.push(new EncodedPacket(frame.data, 'key', timestamp, duration))
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error))
      this.rejectEnded(this.failure)
    }
  }
}
