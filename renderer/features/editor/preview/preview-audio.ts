import { createLogger } from '../../../../shared/logger'
import {
  MONO_TO_STEREO_GAIN,
  scheduleFrom,
  type ScheduledPiece,
  type SoundPiece,
} from '../../../../shared/timeline/preview-sound'
import type { PlaybackSound } from './playback-driver'

const log = createLogger('preview-audio')

/** Time between asking the sound to start and it starting, so every source starts together. */
const START_LEAD_SEC = 0.06
/** Decoded sounds kept (whole files as 48 kHz float PCM: ~23 MB a stereo minute). */
const MAX_CACHED = 12

/**
 * The preview's sound: the export's mix (shared/timeline/preview-sound.ts) played through Web
 * Audio. Each file's sound is decoded once (decodeAudioData, cached by file) and each piece of the
 * timeline is an AudioBufferSourceNode with its gain envelope, all started against the audio
 * clock, so the sound is sample-accurate to the timeline and the picture follows it. Everything
 * goes through one master gain (the preview's volume and mute) and a level meter.
 *
 * Speed changes play at the changed pitch (AudioBufferSourceNode has no pitch-keeping stretch);
 * the export keeps the pitch (atempo).
 */
export class PreviewAudio implements PlaybackSound {
  private readonly context: AudioContext
  private readonly master: GainNode
  readonly analyser: AnalyserNode
  /** By media id and file identity: a reload hands over new File objects for the same bytes. */
  private readonly decoded = new Map<string, Promise<AudioBuffer | null>>()
  private pieces: readonly SoundPiece[] = []
  private files: Readonly<Record<string, Blob>> = {}
  private playing: {
    fromMs: number
    atContextSec: number
    nodes: AudioScheduledSourceNode[]
  } | null = null
  private session = 0

  constructor() {
    this.context = new AudioContext({ latencyHint: 'interactive', sampleRate: 48000 })
    this.master = this.context.createGain()
    this.analyser = this.context.createAnalyser()
    this.analyser.fftSize = 2048
    this.master.connect(this.analyser)
    this.analyser.connect(this.context.destination)
  }

  /** The timeline's sound and its files; decoding starts now, so play finds them ready. */
  setTimeline(pieces: readonly SoundPiece[], files: Readonly<Record<string, Blob>>): void {
    this.stop()
    this.pieces = pieces
    this.files = files
    for (const piece of pieces) void this.buffer(piece.mediaId)
  }

  /** Volume 0..1 of what the preview plays (the export is not affected). */
  setVolume(volume: number, muted: boolean): void {
    const level = muted ? 0 : Math.max(0, Math.min(1, volume))
    this.master.gain.setTargetAtTime(level, this.context.currentTime, 0.01)
  }

  start(timeMs: number): number | null {
    this.stop()
    // Play is a user gesture: the browser lets a suspended context run from here.
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined)
    const session = ++this.session
    const atContextSec = this.context.currentTime + START_LEAD_SEC
    const playing = { fromMs: timeMs, atContextSec, nodes: [] as AudioScheduledSourceNode[] }
    this.playing = playing
    for (const scheduled of scheduleFrom(this.pieces, timeMs)) {
      const ready = this.ready(scheduled.piece.mediaId)
      if (ready) this.schedule(scheduled, ready, atContextSec, playing.nodes)
      else {
        // Still decoding: it joins in where the playhead is when it is ready.
        void this.buffer(scheduled.piece.mediaId).then((buffer) => {
          if (!buffer || this.session !== session) return
          const lateMs = (this.context.currentTime + START_LEAD_SEC - atContextSec) * 1000
          for (const late of scheduleFrom([scheduled.piece], timeMs + Math.max(0, lateMs))) {
            this.schedule(late, buffer, atContextSec + Math.max(0, lateMs) / 1000, playing.nodes)
          }
        })
      }
    }
    return this.wallTimeOf(atContextSec)
  }

  stop(): void {
    this.session++
    const playing = this.playing
    this.playing = null
    for (const node of playing?.nodes ?? []) {
      try {
        node.stop()
      } catch {
        // Never started (scheduled in the future and already stopped): nothing to do.
      }
      node.disconnect()
    }
  }

  heardAt(wallMs: number): number | null {
    const playing = this.playing
    if (!playing || this.context.state !== 'running') return null
    const stamp = this.context.getOutputTimestamp()
    if (stamp.contextTime === undefined || stamp.performanceTime === undefined) return null
    // The context time being heard now: the output timestamp is what left the speakers then.
    const heardSec = stamp.contextTime + (wallMs - stamp.performanceTime) / 1000
    return playing.fromMs + (heardSec - playing.atContextSec) * 1000
  }

  /** The level of what is playing now, 0..1 (RMS of the last ~43 ms). */
  level(): number {
    const samples = new Float32Array(this.analyser.fftSize)
    this.analyser.getFloatTimeDomainData(samples)
    let sum = 0
    for (const s of samples) sum += s * s
    return Math.sqrt(sum / samples.length)
  }

  dispose(): void {
    this.stop()
    this.decoded.clear()
    void this.context.close().catch(() => undefined)
  }

  /** performance.now() time at which context time `sec` is heard, or null without a clock. */
  private wallTimeOf(sec: number): number | null {
    if (this.context.state !== 'running') return null
    const stamp = this.context.getOutputTimestamp()
    if (stamp.contextTime === undefined || stamp.performanceTime === undefined) return null
    return stamp.performanceTime + (sec - stamp.contextTime) * 1000
  }

  private schedule(
    s: ScheduledPiece,
    buffer: AudioBuffer,
    atContextSec: number,
    nodes: AudioScheduledSourceNode[],
  ): void {
    const source = this.context.createBufferSource()
    source.buffer = buffer
    source.playbackRate.value = s.piece.speed
    const gain = this.context.createGain()
    const scale = buffer.numberOfChannels === 1 ? MONO_TO_STEREO_GAIN : 1
    const [first, ...rest] = s.gains
    gain.gain.setValueAtTime((first?.gain ?? 0) * scale, atContextSec + (first?.atMs ?? 0) / 1000)
    for (const point of rest) {
      gain.gain.linearRampToValueAtTime(point.gain * scale, atContextSec + point.atMs / 1000)
    }
    source.connect(gain).connect(this.master)
    // start()'s duration is in the buffer's own time, which runs at the speed.
    source.start(
      atContextSec + s.delayMs / 1000,
      s.offsetMs / 1000,
      (s.durationMs * s.piece.speed) / 1000,
    )
    source.onended = () => gain.disconnect()
    nodes.push(source)
  }

  private readonly settled = new Map<string, AudioBuffer | null>()

  private key(mediaId: string): string | null {
    const file = Object.hasOwn(this.files, mediaId) ? this.files[mediaId] : undefined
    if (!file) return null
    const modified = file instanceof File ? file.lastModified : 0
    return `${mediaId}:${file.size}:${modified}`
  }

  private ready(mediaId: string): AudioBuffer | null {
    const key = this.key(mediaId)
    return key ? (this.settled.get(key) ?? null) : null
  }

  private buffer(mediaId: string): Promise<AudioBuffer | null> {
    const file = Object.hasOwn(this.files, mediaId) ? this.files[mediaId] : undefined
    const key = this.key(mediaId)
    if (!file || !key) return Promise.resolve(null)
    const cached = this.decoded.get(key)
    if (cached) return cached
    const decoding = file
      .arrayBuffer()
      .then((bytes) => this.context.decodeAudioData(bytes))
      .catch((error: unknown) => {
        log.warn('preview sound cannot be decoded', { mediaId, error: String(error) })
        return null
      })
      .then((buffer) => {
        this.settled.set(key, buffer)
        return buffer
      })
    this.decoded.set(key, decoding)
    if (this.decoded.size > MAX_CACHED) {
      const oldest = this.decoded.keys().next().value
      if (oldest) {
        this.decoded.delete(oldest)
        this.settled.delete(oldest)
      }
    }
    return decoding
  }
}
