/**
 * What the platform accepts as a posted video (container, codec, frame rate, picture size, file
 * size, duration), as data with its source. The platform's media transfer guide lists them under
 * "Video restrictions"; a scheduler's public media guide repeats the same numbers (checked
 * 2026-11). They are not yet in ../shared/PLATFORM-FACTS.md, hence `secondary`.
 */
export const POST_VIDEO_FACTS = {
  containers: ['mp4', 'quicktime', 'webm'] as const,
  containerNames: 'MP4, MOV or WebM',
  codecs: ['avc', 'hevc', 'vp8', 'vp9'] as const,
  codecNames: 'H.264, H.265, VP8 or VP9',
  minFps: 23,
  maxFps: 60,
  minSide: 360,
  maxSide: 4096,
  /** 4 GB. */
  maxBytes: 4 * 1024 ** 3,
  /** Below this the platform refuses the upload. */
  minDurationMs: 3_000,
  /** Every creator may post this long; creator info may allow more (up to 60 min) or less. */
  defaultMaxDurationSec: 600,
  source:
    'developers.tiktok.com content-posting-api-media-transfer-guide (Video restrictions); ayrshare.com media-guidelines/tiktok',
  confidence: 'secondary',
} as const

/** What the device learnt about a file when it read it (the media import's probe). */
export interface PostVideoProbe {
  mimeType: string
  sizeBytes: number
  durationMs: number
  width: number | null
  height: number | null
  fps: number | null
  videoCodec: string | null
}

export interface PostVideoProblem {
  id:
    | 'format'
    | 'no_picture'
    | 'codec'
    | 'too_large'
    | 'too_short'
    | 'too_long'
    | 'too_small'
    | 'too_big'
    | 'fps'
  message: string
}

function containerOf(mimeType: string): string {
  // "video/mp4; codecs=…" → "mp4"; audio/mp4 is an MP4 without a picture (caught below).
  return mimeType.split(';')[0]?.trim().split('/')[1]?.toLowerCase() ?? ''
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`
const minutes = (sec: number) =>
  sec % 60 === 0 ? `${sec / 60} min` : `${Math.floor(sec / 60)} min ${sec % 60} s`

/**
 * Why this file cannot be posted to the account, in plain words, or an empty list. `maxDurationSec`
 * is creator info's `max_video_post_duration_sec` when known.
 */
export function postVideoProblems(
  probe: PostVideoProbe,
  maxDurationSec: number | null,
): PostVideoProblem[] {
  const f = POST_VIDEO_FACTS
  const out: PostVideoProblem[] = []
  const container = containerOf(probe.mimeType)
  if (!(f.containers as readonly string[]).includes(container))
    out.push({
      id: 'format',
      message: `The platform takes ${f.containerNames} files; this one is ${container ? container.toUpperCase() : 'another format'}. Export it as MP4 from the editor.`,
    })
  if (probe.videoCodec === null || probe.width === null || probe.height === null) {
    out.push({ id: 'no_picture', message: 'This file has no picture: choose a video file.' })
  } else {
    if (!(f.codecs as readonly string[]).includes(probe.videoCodec))
      out.push({
        id: 'codec',
        message: `The platform takes video encoded as ${f.codecNames}; this one is ${probe.videoCodec.toUpperCase()}. Export it from the editor to convert it.`,
      })
    const small = Math.min(probe.width, probe.height)
    const big = Math.max(probe.width, probe.height)
    if (small < f.minSide)
      out.push({
        id: 'too_small',
        message: `The picture is ${probe.width}×${probe.height}; the platform needs at least ${f.minSide} pixels on each side.`,
      })
    if (big > f.maxSide)
      out.push({
        id: 'too_big',
        message: `The picture is ${probe.width}×${probe.height}; the platform takes at most ${f.maxSide} pixels on a side.`,
      })
    if (probe.fps !== null && (probe.fps < f.minFps - 0.5 || probe.fps > f.maxFps + 0.5))
      out.push({
        id: 'fps',
        message: `The video runs at ${Math.round(probe.fps * 100) / 100} frames a second; the platform takes ${f.minFps} to ${f.maxFps}.`,
      })
  }
  if (probe.sizeBytes > f.maxBytes)
    out.push({
      id: 'too_large',
      message: `The file is ${(probe.sizeBytes / 1024 ** 3).toFixed(1)} GB; the platform takes files up to 4 GB.`,
    })
  if (probe.durationMs < f.minDurationMs)
    out.push({
      id: 'too_short',
      message: `The video is ${seconds(probe.durationMs)} long; the platform needs at least ${f.minDurationMs / 1000} s.`,
    })
  const max = maxDurationSec ?? f.defaultMaxDurationSec
  if (probe.durationMs > max * 1000)
    out.push({
      id: 'too_long',
      message: `The video is ${minutes(Math.ceil(probe.durationMs / 1000))} long; this account can post up to ${minutes(max)}. Trim it in the editor.`,
    })
  return out
}

/**
 * The cover frame a new post starts with: a little into the video (openings are often black or a
 * fade), as the media import's thumbnail does; the person changes it in the composer.
 */
export function defaultCoverMs(durationMs: number): number {
  return Math.max(0, Math.round(Math.min(1_000, durationMs / 3) / 100) * 100)
}
