import type { FrameRing } from './frame-ring'

/**
 * The H.264 side of a split export: the encode worker reads raw I420 frames from the ring that
 * ffmpeg fills, encodes them with WebCodecs, and hands the Annex B stream to the export worker
 * (through `port`), which muxes it with the sound.
 */
export interface EncodeRequest {
  readonly type: 'encode'
  readonly ring: FrameRing
  readonly width: number
  readonly height: number
  readonly fps: number
  /** avc1.PPCCLL: High profile at the level the size and rate need. */
  readonly codec: string
  readonly bitrate: number
  /** To the export worker; the page never holds the encoded stream. */
  readonly port: MessagePort
}

export type EncodeReply =
  /** The stream as a Blob of the encoder's chunks: no concatenated copy, and ffmpeg reads it in place. */
  | { readonly type: 'encoded'; readonly h264: Blob; readonly frames: number }
  | { readonly type: 'failed'; readonly message: string }

/** High profile (0x64), no constraint flags, level_idc in hex: "4.0" → avc1.640028. */
export function avcCodecString(level: string): string {
  const idc = Math.round(Number(level) * 10)
  if (!Number.isInteger(idc) || idc <= 0 || idc > 0xff) throw new Error(`bad H.264 level ${level}`)
  return `avc1.6400${idc.toString(16).padStart(2, '0')}`
}

/**
 * About 0.13 bits per pixel per frame: 8 Mbps for 1080×1920 at 30 fps, above what platforms
 * re-encode to, so the upload is a clean master; 60 fps gets 1.5× (motion between frames is
 * smaller).
 */
export function h264Bitrate(width: number, height: number, fps: number): number {
  const perFrame = width * height * 0.13
  return Math.round(perFrame * 30 * (fps > 30 ? 1.5 : 1))
}

/** A keyframe every two seconds: seeking in players and platform trimmers stays quick. */
export function isKeyFrame(index: number, fps: number): boolean {
  return index % (2 * fps) === 0
}
