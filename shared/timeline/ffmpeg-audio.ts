import { num, sec } from './ffmpeg-escape'
import type { FilterGraph } from './filter-graph'
import { joinRuns } from './ffmpeg-join'
import type { MediaInfo } from './media-info'
import type { Music } from './model'
import type { PlannedClip } from './render-plan'
import type { OverlaySound } from './sound-plan'

/**
 * The output audio format, set explicitly after every mix (DESIGN §4: ffmpeg.wasm needs it).
 * Converting a mono source to stereo here puts it in both channels at ×0.7071 (−3 dB), which is
 * swresample's rule; Web Audio copies mono at full level, so the preview must scale it the same.
 */
export const AUDIO_FORMAT = 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'

/**
 * atempo factors for a speed. Each stage stays within 0.5..2, where atempo keeps every sample
 * (beyond 2 it skips audio), so 0.25 is 0.5·0.5 and 4 is 2·2.
 */
export function atempoChain(speed: number): string[] {
  const factors: number[] = []
  let rest = speed
  while (rest > 2 + 1e-9) {
    factors.push(2)
    rest /= 2
  }
  while (rest < 0.5 - 1e-9) {
    factors.push(0.5)
    rest /= 0.5
  }
  if (Math.abs(rest - 1) > 1e-9) factors.push(rest)
  return factors.map((f) => `atempo=${num(f)}`)
}

/** Stereo silence of an exact length, for clips without sound. */
export function silenceFilters(durationMs: number): string[] {
  return ['anullsrc=r=48000:cl=stereo', `atrim=duration=${sec(durationMs)}`, AUDIO_FORMAT]
}

/**
 * One clip's sound: trimmed, sped up or slowed (pitch kept), in the output format, padded or cut
 * to the clip's exact timeline length so the audio and video joins line up.
 */
export function clipAudioFilters(p: PlannedClip): string[] {
  return [
    `atrim=duration=${sec(p.sourceDurationMs)}`,
    'asetpts=PTS-STARTPTS',
    AUDIO_FORMAT,
    ...atempoChain(p.clip.speed),
    `apad=whole_dur=${sec(p.durationMs)}`,
    `atrim=duration=${sec(p.durationMs)}`,
  ]
}

export function clipHasSound(p: PlannedClip): boolean {
  return p.media.hasAudio && !p.clip.muted
}

/**
 * An overlay-track video's sound: trimmed and re-timed like a main clip, at the original-sound
 * level, delayed to where the overlay starts and padded with silence to the timeline's length,
 * so it mixes with the main track sample for sample.
 */
export function overlaySoundFilters(
  s: OverlaySound,
  originalVolume: number,
  timelineMs: number,
): string[] {
  return [
    `atrim=duration=${sec(s.sourceDurationMs)}`,
    'asetpts=PTS-STARTPTS',
    AUDIO_FORMAT,
    ...atempoChain(s.speed),
    `apad=whole_dur=${sec(s.lengthMs)}`,
    `atrim=duration=${sec(s.lengthMs)}`,
    ...(originalVolume === 1 ? [] : [`volume=${num(originalVolume)}`]),
    ...(s.startMs > 0 ? [`adelay=delays=${Math.round(s.startMs)}:all=1`] : []),
    `apad=whole_dur=${sec(timelineMs)}`,
  ]
}

/** Joins clip sounds with the same cuts as the video: concat, or acrossfade over a transition. */
export function joinAudio(
  graph: FilterGraph,
  labels: readonly string[],
  plan: readonly PlannedClip[],
): string {
  return joinRuns(graph, labels, plan, {
    concat: (n) => [`concat=n=${n}:v=0:a=1`],
    transition: (t) => [`acrossfade=d=${sec(t.durationMs)}:c1=tri:c2=tri`],
    prefix: 'aj',
  })
}

/** Where the music plays on the timeline and how much of the file that takes, or null (silent). */
export interface MusicWindow {
  readonly startMs: number
  readonly lengthMs: number
}

/**
 * The music's part of the timeline: from its start to its end (or the video's), cut at the
 * video's end and where the file runs out. Null when none of it falls inside the video.
 */
export function musicWindow(
  music: Pick<Music, 'inMs' | 'startMs' | 'endMs'>,
  media: Pick<MediaInfo, 'durationMs'>,
  timelineMs: number,
): MusicWindow | null {
  const endMs = Math.min(music.endMs ?? timelineMs, timelineMs)
  const lengthMs = Math.min(endMs - music.startMs, media.durationMs - music.inMs)
  return lengthMs > 0 ? { startMs: music.startMs, lengthMs } : null
}

/**
 * The music bed: from music.inMs for its window's length, with fades at its own start and end,
 * delayed to where it starts on the timeline, padded with silence to the timeline's length.
 */
export function musicFilters(music: Music, media: MediaInfo, timelineMs: number): string[] {
  const window = musicWindow(music, media, timelineMs)
  // Nothing of it plays: cut it to nothing and pad, a silent bed of the right length.
  if (!window) return ['atrim=duration=0', AUDIO_FORMAT, `apad=whole_dur=${sec(timelineMs)}`]
  const { lengthMs, startMs } = window
  const fadeIn = Math.min(music.fadeInMs, lengthMs)
  const fadeOut = Math.min(music.fadeOutMs, lengthMs)
  return [
    `atrim=duration=${sec(lengthMs)}`,
    'asetpts=PTS-STARTPTS',
    AUDIO_FORMAT,
    ...(music.volume === 1 ? [] : [`volume=${num(music.volume)}`]),
    ...(fadeIn > 0 ? [`afade=t=in:st=0:d=${sec(fadeIn)}`] : []),
    ...(fadeOut > 0 ? [`afade=t=out:st=${sec(lengthMs - fadeOut)}:d=${sec(fadeOut)}`] : []),
    ...(startMs > 0 ? [`adelay=delays=${Math.round(startMs)}:all=1`] : []),
    `apad=whole_dur=${sec(timelineMs)}`,
  ]
}

/**
 * Mixes the original sound and the music. amix by default divides every input by the number of
 * inputs (two inputs: each halved, DESIGN §4); normalize=0 sums them as they are, so the levels
 * are exactly the volumes the user set. The preview's Web Audio graph must sum the same way.
 */
export function mixFilters(inputs: number): string[] {
  return inputs > 1
    ? [`amix=inputs=${inputs}:duration=longest:dropout_transition=0:normalize=0`, AUDIO_FORMAT]
    : [AUDIO_FORMAT]
}
