import { describe, expect, it } from 'vitest'
import { ExportError } from './export-error'
import {
  extensionOf,
  prepareAudio,
  prepareExport,
  type ExportJob,
  type ResourceUrls,
} from './prepare-job'

const resources: ResourceUrls = {
  fonts: new Map([['Inter-Bold.otf', '/assets/Inter-Bold-x.otf']]),
  luts: new Map([['warm.cube', '/assets/warm-x.cube']]),
}
const mt = { multiThread: true, cores: 2, webCodecs: false }
const withWebCodecs = { ...mt, webCodecs: true }
const video = { width: 1920, height: 1080, durationMs: 4000, hasAudio: true, rotation: 0 } as const

function job(overrides: Partial<ExportJob> = {}): ExportJob {
  return {
    timeline: {
      version: 1,
      clips: [
        {
          id: 'a',
          mediaId: 'v',
          inMs: 0,
          outMs: 1000,
          effects: [{ type: 'lut', file: 'warm.cube' }],
        },
        { id: 'b', mediaId: 'v', inMs: 1000, outMs: 2000 },
      ],
      texts: [{ id: 't', text: 'Hi', font: 'Inter-Bold.otf', startMs: 0, endMs: 500 }],
    },
    media: {
      v: { file: new File(['x'], 'My clip (1).MOV'), info: video },
      unused: { file: new Blob(['y']), info: video },
    },
    ...overrides,
  }
}

describe('prepareExport', () => {
  it('mounts each used media once under a plain name and remembers the user name', () => {
    const run = prepareExport(job(), resources, mt)
    expect(run.inputs.map((i) => i.name)).toEqual(['m0.mov'])
    expect(run.names.get('/reeldesk/in/m0.mov')).toBe('My clip (1).MOV')
    expect(run.args.filter((a) => a === '/reeldesk/in/m0.mov')).toHaveLength(2)
    expect(run.outputPath).toBe('/reeldesk/out/export.mp4')
    expect(run.args.at(-1)).toBe('/reeldesk/out/export.mp4')
    expect(run).toMatchObject({ durationMs: 2000, frames: 60, multiThread: true })
  })

  it('asks for machine-readable progress and limits threads on the MT core', () => {
    const run = prepareExport(job(), resources, mt)
    expect(run.args.slice(0, 5)).toEqual([
      '-filter_complex_threads',
      '1',
      '-nostats',
      '-progress',
      'pipe:1',
    ])
    expect(run.args.at(-3)).toBe('-threads')
    const st = prepareExport(job(), resources, { multiThread: false, cores: 2, webCodecs: false })
    expect(st.multiThread).toBe(false)
    expect(st.args).not.toContain('-filter_complex_threads')
  })

  it('with WebCodecs, renders raw frames and AAC, then muxes the browser-encoded H.264', () => {
    const run = prepareExport(job(), resources, withWebCodecs)
    const split = run.split
    expect(split).toMatchObject({
      framesPath: '/reeldesk/frames',
      audioPath: '/reeldesk/out/sound.m4a',
      videoPath: '/reeldesk/encoded/video.h264',
      width: 1080,
      height: 1920,
      fps: 30,
      codec: 'avc1.640028',
      bitrate: 8_087_040,
    })
    // Frames to the device (never truncated), the sound to its own file, no x264 anywhere.
    expect(run.args.join(' ')).toContain('-f rawvideo -pix_fmt yuv420p -r 30 -t 2')
    expect(run.args.join(' ')).toMatch(/-truncate 0 \/reeldesk\/frames -map \[aout\]/)
    expect(run.args.at(-1)).toBe('/reeldesk/out/sound.m4a')
    expect(run.args).not.toContain('libx264')
    expect(split?.muxArgs.join(' ')).toContain(
      '-framerate 30 -f h264 -i /reeldesk/encoded/video.h264 -i /reeldesk/out/sound.m4a',
    )
    expect(split?.muxArgs).toContain('h264_metadata=level=40')
    expect(split?.muxArgs.at(-1)).toBe('/reeldesk/out/export.mp4')
    // 60 fps needs level 4.2 and gets more bits.
    const fast = prepareExport(
      job({
        timeline: { version: 1, fps: 60, clips: [{ id: 'a', mediaId: 'v', inMs: 0, outMs: 500 }] },
      }),
      resources,
      withWebCodecs,
    )
    expect(fast.split).toMatchObject({ codec: 'avc1.64002a', fps: 60, bitrate: 12_130_560 })
  })

  it('keeps x264 when a preset or quality is asked for by name', () => {
    expect(prepareExport(job({ preset: 'medium' }), resources, withWebCodecs).split).toBeUndefined()
    expect(prepareExport(job({ crf: 18 }), resources, withWebCodecs).args).toContain('libx264')
  })

  it('fetches only the fonts and LUTs the timeline uses', () => {
    expect(prepareExport(job(), resources, mt).resources).toEqual([
      { path: '/reeldesk/fonts/Inter-Bold.otf', url: '/assets/Inter-Bold-x.otf' },
      { path: '/reeldesk/luts/warm.cube', url: '/assets/warm-x.cube' },
    ])
  })

  it('fails clearly on a font that is not shipped, a missing file or a bad timeline', () => {
    const noFont = job({
      timeline: {
        version: 1,
        clips: [{ id: 'a', mediaId: 'v', inMs: 0, outMs: 1000 }],
        texts: [{ id: 't', text: 'x', startMs: 0, endMs: 1, font: 'Missing-Regular.ttf' }],
      },
    })
    expect(() => prepareExport(noFont, resources, mt)).toThrow(
      /The font "Missing-Regular.ttf" is not available \(available: Inter-Bold.otf\)/,
    )
    expect(() => prepareExport(job({ media: {} }), resources, mt)).toThrow(
      'The file for media "v" was not provided.',
    )
    const bad = job({
      timeline: { version: 1, clips: [{ id: 'a', mediaId: 'v', inMs: 5, outMs: 1 }] },
    })
    try {
      prepareExport(bad, resources, mt)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExportError)
      expect(error).toMatchObject({ code: 'invalid-timeline' })
    }
  })
})

describe('prepareAudio', () => {
  it('streams the sound alone as ADTS to the sound device, on the single-thread core', () => {
    const run = prepareAudio(job())
    expect(run.outputPath).toBe('/reeldesk/sound')
    expect(run.args.slice(-3)).toEqual(['-f', 'adts', '/reeldesk/sound'])
    expect(run.multiThread).toBe(false)
    expect(run.args).not.toContain('-threads')
    expect(run.args).toContain('[aout]')
    expect(run.args).not.toContain('[vout]')
    expect(run.resources).toEqual([])
  })
})

describe('prepareExport with text pictures', () => {
  it('mounts each text as a PNG input and needs no font', () => {
    const withText = {
      ...job(),
      timeline: {
        ...(job().timeline as object),
        texts: [{ id: 't', text: 'Hi 👋', startMs: 0, endMs: 500 }],
      },
    }
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' })
    const run = prepareExport(withText, resources, mt, [{ textId: 't', png, x: 10, y: 20 }])
    expect(run.inputs.map((i) => i.name)).toContain('text0.png')
    const graph = run.args[run.args.indexOf('-filter_complex') + 1] ?? ''
    expect(graph).not.toContain('drawtext')
    expect(graph).toMatch(/overlay=x=10:y=20:eof_action=repeat/)
    expect(run.resources.some((r) => r.path.includes('/fonts/'))).toBe(false)
  })
})

describe('extensionOf', () => {
  it('keeps a short extension, lower-cased, and drops anything odd', () => {
    expect(extensionOf('a.MP4')).toBe('.mp4')
    expect(extensionOf('noext')).toBe('')
    expect(extensionOf('weird.e x t')).toBe('')
  })
})
