import { describe, expect, it } from 'vitest'
import { compileFfmpeg, compileFfmpegAudio } from './compile-ffmpeg'
import type { MediaInfo, MediaInfoMap } from './media-info'
import { parseTimeline, type OverlayClipInput, type TimelineInput } from './model'
import { planTimeline } from './render-plan'
import { planSound } from './sound-plan'

const video = (fileName: string, extra: Partial<MediaInfo> = {}): MediaInfo => ({
  fileName,
  width: 1920,
  height: 1080,
  durationMs: 10000,
  hasAudio: true,
  rotation: 0,
  ...extra,
})
const media: MediaInfoMap = {
  main: video('/in/main.mp4'),
  broll: video('/in/broll.mp4'),
  silent: video('/in/silent.mp4', { hasAudio: false }),
  song: video('/in/song.m4a', { width: 1, height: 1, durationMs: 30000 }),
}
const overlay = (id: string, extra: Partial<OverlayClipInput> = {}): OverlayClipInput => ({
  id,
  mediaId: 'broll',
  startMs: 1000,
  inMs: 500,
  outMs: 2500,
  ...extra,
})
/** A 4 s edit: one main clip, and whatever overlays and sound settings a test adds. */
const timeline = (extra: Partial<TimelineInput> = {}) =>
  parseTimeline({
    version: 2,
    clips: [{ id: 'c', mediaId: 'main', inMs: 0, outMs: 4000 }],
    ...extra,
  })
const soundOf = (extra: Partial<TimelineInput> = {}) => {
  const t = timeline(extra)
  return planSound(t, media, planTimeline(t, media))
}
const graphOf = (args: readonly string[]) => args[args.indexOf('-filter_complex') + 1] ?? ''

describe('planSound', () => {
  it('hears an overlay video with sound at its place on the timeline', () => {
    const plan = soundOf({ overlays: [overlay('o')] })
    expect(plan.main).toBe(true)
    expect(plan.overlays).toHaveLength(1)
    expect(plan.overlays[0]).toMatchObject({
      startMs: 1000,
      lengthMs: 2000,
      sourceStartMs: 500,
      sourceDurationMs: 2000,
      speed: 1,
    })
  })

  it('re-times a sped-up overlay and cuts it at the end of the video', () => {
    // 2× from 3 s: 4 s of source would last 2 s, the video ends 1 s in.
    const plan = soundOf({
      overlays: [overlay('o', { startMs: 3000, inMs: 0, outMs: 4000, speed: 2 })],
    })
    expect(plan.overlays[0]).toMatchObject({ lengthMs: 1000, sourceDurationMs: 2000, speed: 2 })
  })

  it('leaves out muted overlays, silent files and overlays after the end', () => {
    const plan = soundOf({
      overlays: [
        overlay('muted', { muted: true }),
        overlay('silent', { mediaId: 'silent' }),
        overlay('late', { startMs: 4000 }),
        overlay('heard', { track: 2 }),
      ],
    })
    expect(plan.overlays.map((s) => s.overlay.id)).toEqual(['heard'])
  })

  it('follows the original-sound mute and level for every track', () => {
    expect(soundOf({ overlays: [overlay('o')], audio: { muteOriginal: true } })).toMatchObject({
      main: false,
      overlays: [],
    })
    expect(soundOf({ overlays: [overlay('o')], audio: { originalVolume: 0 } }).overlays).toEqual([])
    expect(
      soundOf({ overlays: [overlay('o')], audio: { originalVolume: 0.5 } }).originalVolume,
    ).toBe(0.5)
  })

  it('orders overlays by track, then start', () => {
    const plan = soundOf({
      overlays: [
        overlay('t2', { track: 2, startMs: 0 }),
        overlay('t1b', { track: 1, startMs: 2000 }),
        overlay('t1a', { track: 1, startMs: 100 }),
      ],
    })
    expect(plan.overlays.map((s) => s.overlay.id)).toEqual(['t1a', 't1b', 't2'])
  })
})

describe('the compiled sound with overlay videos', () => {
  const edit = timeline({
    overlays: [overlay('o', { speed: 2, inMs: 0, outMs: 2000 })],
    audio: { music: { mediaId: 'song', volume: 0.5 }, originalVolume: 0.8 },
  })

  it('mixes the overlay beside the main track and the music in the audio-only graph', () => {
    const args = compileFfmpegAudio(edit, media, { audioFileName: 'sound.m4a' })
    const graph = graphOf(args)
    // Inputs: the main clip, the overlay's sound (from its in-point, 1 s at 2× = 2 s), the music.
    expect(args.filter((a) => a === '-i')).toHaveLength(3)
    expect(args).toContain('/in/broll.mp4')
    expect(graph).toMatch(
      /\[1:a\]atrim=duration=2,asetpts=PTS-STARTPTS,aformat=[^,]+,atempo=2,apad=whole_dur=1,atrim=duration=1,volume=0\.8,adelay=delays=1000:all=1,apad=whole_dur=4\[v\d+\]/,
    )
    expect(graph).toMatch(/amix=inputs=3:duration=longest:dropout_transition=0:normalize=0/)
  })

  it('mixes it the same way in the ffmpeg.wasm export', () => {
    const graph = graphOf(compileFfmpeg(edit, media, { fontDir: '/f', lutDir: '/l' }))
    expect(graph).toContain(
      'atempo=2,apad=whole_dur=1,atrim=duration=1,volume=0.8,adelay=delays=1000',
    )
    expect(graph).toMatch(/amix=inputs=3/)
  })

  it('has no overlay sound when the overlay is muted', () => {
    const muted = timeline({ overlays: [overlay('o', { muted: true })] })
    const graph = graphOf(compileFfmpegAudio(muted, media, { audioFileName: 'sound.m4a' }))
    expect(graph).not.toContain('adelay')
    expect(graph).not.toContain('amix')
  })
})
