import { describe, expect, it } from 'vitest'
import {
  AUDIO_FORMAT,
  atempoChain,
  mixFilters,
  musicFilters,
  musicWindow,
  silenceFilters,
} from './ffmpeg-audio'

const song = {
  fileName: 's.m4a',
  width: 1,
  height: 1,
  durationMs: 10000,
  hasAudio: true,
  rotation: 0 as const,
}
const music = {
  mediaId: 's',
  inMs: 0,
  startMs: 0,
  endMs: null,
  volume: 1,
  fadeInMs: 0,
  fadeOutMs: 0,
}

describe('audio filters', () => {
  it.each([
    [1, ''],
    [0.25, 'atempo=0.5,atempo=0.5'],
    [0.3, 'atempo=0.5,atempo=0.6'],
    [0.5, 'atempo=0.5'],
    [1.5, 'atempo=1.5'],
    [2, 'atempo=2'],
    [3, 'atempo=2,atempo=1.5'],
    [4, 'atempo=2,atempo=2'],
  ])('speed %f uses atempo stages within 0.5–2: %s', (speed, chain) => {
    expect(atempoChain(speed).join(',')).toBe(chain)
  })

  it('makes stereo 48 kHz silence of an exact length', () => {
    expect(silenceFilters(1500)).toEqual([
      'anullsrc=r=48000:cl=stereo',
      'atrim=duration=1.5',
      AUDIO_FORMAT,
    ])
  })

  it('trims music to the timeline, applies volume and fades, pads to the end', () => {
    const f = musicFilters(
      { ...music, inMs: 2000, volume: 0.5, fadeInMs: 1000, fadeOutMs: 2000 },
      song,
      6000,
    )
    expect(f).toEqual([
      'atrim=duration=6',
      'asetpts=PTS-STARTPTS',
      AUDIO_FORMAT,
      'volume=0.5',
      'afade=t=in:st=0:d=1',
      'afade=t=out:st=4:d=2',
      'apad=whole_dur=6',
    ])
  })

  it('fades music out where the file ends when it is shorter than the video', () => {
    const f = musicFilters({ ...music, inMs: 7000, fadeOutMs: 1000 }, song, 6000)
    expect(f).toContain('atrim=duration=3')
    expect(f).toContain('afade=t=out:st=2:d=1')
    expect(f).toContain('apad=whole_dur=6')
  })

  it('starts the music later and stops it early when it is moved and stretched', () => {
    const f = musicFilters({ ...music, startMs: 1500, endMs: 4000, fadeOutMs: 500 }, song, 6000)
    expect(f).toEqual([
      'atrim=duration=2.5',
      'asetpts=PTS-STARTPTS',
      AUDIO_FORMAT,
      'afade=t=out:st=2:d=0.5',
      'adelay=delays=1500:all=1',
      'apad=whole_dur=6',
    ])
    expect(musicWindow({ ...music, startMs: 7000 }, song, 6000)).toBeNull()
    expect(musicWindow({ ...music, startMs: 1000, endMs: 9000 }, song, 6000)).toEqual({
      startMs: 1000,
      lengthMs: 5000,
    })
  })

  it('mixes without amix normalisation and sets the format after the mix', () => {
    expect(mixFilters(2)).toEqual([
      'amix=inputs=2:duration=longest:dropout_transition=0:normalize=0',
      'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo',
    ])
    expect(mixFilters(1)).toEqual([AUDIO_FORMAT])
  })
})
