import type { MediaInfo, MediaInfoMap } from './media-info'
import type { OverlayClip, Timeline } from './model'
import { lookupMedia, type RenderPlan } from './render-plan'
import { clipHasSound } from './ffmpeg-audio'
import { overlayEndMs } from './selection'

/**
 * What sounds in an export, before any filter is written: the main track's clips (joined like
 * the picture), every overlay-track video that has sound, and the music. Both export engines mix
 * exactly this (the WebCodecs engine runs the compiled sound graph beside its own picture), so an
 * overlay video heard in one is heard in the other. The clips' own sound, on every track, follows
 * the project's "original sound" level and mute; music has its own.
 */
export interface OverlaySound {
  readonly overlay: OverlayClip
  readonly media: MediaInfo
  /** Where it starts on the timeline and how long it sounds there (cut at the video's end). */
  readonly startMs: number
  readonly lengthMs: number
  /** The part of the source that plays: from its in-point, lengthMs × speed of it. */
  readonly sourceStartMs: number
  readonly sourceDurationMs: number
  readonly speed: number
}

export interface SoundPlan {
  /** The main track's joined sound is part of the mix. */
  readonly main: boolean
  /** Overlay-track videos heard, track 1 first, then by start. */
  readonly overlays: readonly OverlaySound[]
  /** Level of the clips' own sound (main and overlay tracks alike). */
  readonly originalVolume: number
}

export function planSound(timeline: Timeline, media: MediaInfoMap, plan: RenderPlan): SoundPlan {
  const { audio } = timeline
  const originalHeard = !audio.muteOriginal && audio.originalVolume > 0
  const total = plan.durationMs
  const overlays = originalHeard
    ? [...timeline.overlays]
        .sort((a, b) => a.track - b.track || a.startMs - b.startMs)
        .flatMap((overlay): OverlaySound[] => {
          if (overlay.muted || overlay.startMs >= total) return []
          const info = lookupMedia(media, overlay.mediaId, `overlay clip "${overlay.id}"`)
          if (!info.hasAudio) return []
          const lengthMs = Math.min(overlayEndMs(overlay), total) - overlay.startMs
          return [
            {
              overlay,
              media: info,
              startMs: overlay.startMs,
              lengthMs,
              sourceStartMs: overlay.inMs,
              sourceDurationMs: lengthMs * overlay.speed,
              speed: overlay.speed,
            },
          ]
        })
    : []
  return {
    main: originalHeard && plan.clips.some(clipHasSound),
    overlays,
    originalVolume: audio.originalVolume,
  }
}
