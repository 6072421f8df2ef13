import { describe, expect, it } from 'vitest'
import {
  compileCoverFrame,
  compileFfmpeg,
  compileFfmpegAudio,
  compileFfmpegSplit,
  compileMux,
  type CompileOptions,
} from './compile-ffmpeg'
import type { MediaInfo, MediaInfoMap } from './media-info'
import { parseTimeline, type ClipInput, type TimelineInput } from './model'

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
  land: video('/in/land.mp4'),
  portrait: video('/in/portrait.mp4', { width: 1080, height: 1920 }),
  silent: video('/in/silent.mp4', { hasAudio: false }),
  phone: video('/in/phone.mov', { rotation: 90 }),
  song: video('/in/song.m4a', { width: 1, height: 1, durationMs: 30000 }),
  logo: video('/in/logo.png', { width: 400, height: 200, durationMs: 0, hasAudio: false }),
}

const options: CompileOptions = { fontDir: '/fonts', lutDir: '/luts' }

const clip = (id: string, extra: Partial<ClipInput> = {}): ClipInput => ({
  id,
  mediaId: 'portrait',
  inMs: 0,
  outMs: 2000,
  ...extra,
})

const timeline = (extra: Partial<TimelineInput> = {}) =>
  parseTimeline({ version: 1, clips: [clip('a')], ...extra })

const compile = (extra: Partial<TimelineInput> = {}, opts: Partial<CompileOptions> = {}) =>
  compileFfmpeg(timeline(extra), media, { ...options, ...opts })

function valueOf(args: readonly string[], flag: string): string | undefined {
  // Output options come last; -t and -ss also appear before inputs.
  const i = args.lastIndexOf(flag)
  return i < 0 ? undefined : args[i + 1]
}
const graphOf = (args: readonly string[]) => valueOf(args, '-filter_complex') ?? ''
/** The chain that produces [label]. */
const chainOf = (graph: string, label: string) =>
  graph.split(';').find((s) => s.endsWith(`[${label}]`)) ?? ''

describe('compileFfmpeg: output format', () => {
  it('writes H.264 high / yuv420p at the canvas rate, AAC 48 kHz stereo, faststart MP4', () => {
    const args = compile()
    expect(valueOf(args, '-c:v')).toBe('libx264')
    expect(valueOf(args, '-profile:v')).toBe('high')
    expect(valueOf(args, '-level:v')).toBe('4.0')
    expect(valueOf(args, '-pix_fmt')).toBe('yuv420p')
    expect(valueOf(args, '-r')).toBe('30')
    expect(valueOf(args, '-preset')).toBe('veryfast')
    expect(valueOf(args, '-crf')).toBe('20')
    expect(valueOf(args, '-c:a')).toBe('aac')
    expect(valueOf(args, '-ar')).toBe('48000')
    expect(valueOf(args, '-ac')).toBe('2')
    expect(valueOf(args, '-movflags')).toBe('+faststart')
    expect(valueOf(args, '-map_metadata')).toBe('-1')
    expect(args.filter((a) => a === '-map')).toHaveLength(2)
    expect(args.at(-1)).toBe('output.mp4')
  })

  it('limits the output to the timeline duration with -t', () => {
    const args = compile({
      clips: [
        clip('a', { transitionOut: { type: 'crossfade', durationMs: 500 } }),
        clip('b', { speed: 2 }),
      ],
    })
    expect(valueOf(args, '-t')).toBe('2.5')
  })

  it('uses level 4.2 for 1080×1920 at 60 fps and the exact canvas size', () => {
    const args = compile({ fps: 60 })
    expect(valueOf(args, '-level:v')).toBe('4.2')
    expect(valueOf(args, '-r')).toBe('60')
    expect(graphOf(args)).toContain('fps=60')
    expect(graphOf(compile({ canvas: '720x1280' }))).toContain('scale=720:1280')
  })

  it('takes preset, crf and output name from the options and checks them', () => {
    const args = compile({}, { preset: 'ultrafast', crf: 28, outputFileName: '/out/x.mp4' })
    expect(valueOf(args, '-preset')).toBe('ultrafast')
    expect(valueOf(args, '-crf')).toBe('28')
    expect(args.at(-1)).toBe('/out/x.mp4')
    expect(() => compile({}, { crf: 60 })).toThrow('crf must be an integer from 0 to 51 (got 60)')
    expect(() => compile({}, { preset: 'placebo' as never })).toThrow(
      'unknown x264 preset "placebo"',
    )
  })

  it('ends the picture in yuv420p as [vout]', () => {
    expect(graphOf(compile())).toMatch(/format=yuv420p\[vout\]/)
  })
})

describe('compileFfmpeg: clips', () => {
  it('seeks each clip input to its in point and reads just past its out point', () => {
    const args = compile({ clips: [clip('a', { inMs: 1500, outMs: 4000 })] })
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 6)).toEqual([
      '-ss',
      '1.5',
      '-t',
      '2.6',
      '-i',
      '/in/portrait.mp4',
    ])
    const graph = graphOf(args)
    expect(chainOf(graph, 'v0')).toMatch(/^\[0:v\]trim=duration=2\.5,setpts=PTS-STARTPTS,fps=30,/)
    expect(chainOf(graph, 'v0')).toContain(
      'tpad=stop_mode=clone:stop_duration=2.5,trim=end_frame=75',
    )
  })

  it('applies speed with setpts and an atempo chain (0.25× = 0.5·0.5)', () => {
    const graph = graphOf(compile({ clips: [clip('a', { speed: 0.25 })] }))
    expect(graph).toContain('setpts=(PTS-STARTPTS)/0.25')
    expect(graph).toContain('atempo=0.5,atempo=0.5')
    expect(graph).toContain('trim=end_frame=240')
    expect(graphOf(compile({ clips: [clip('a', { speed: 4 })] }))).toContain('atempo=2,atempo=2')
  })

  it('frames with fill (crop what shows + scale), fit (scale + pad) and crop (crop + scale)', () => {
    const fill = chainOf(graphOf(compile({ clips: [clip('a', { mediaId: 'land' })] })), 'v0')
    // Only the visible 608×1080 of the 1920×1080 source is scaled, not all of it to 3414×1920.
    expect(fill).toContain('fps=30,crop=608:1080:656:0,scale=1080:1920,setsar=1')
    expect(fill).not.toMatch(/,pad=/)
    const fit = chainOf(
      graphOf(compile({ clips: [clip('a', { mediaId: 'land', fit: 'fit' })] })),
      'v0',
    )
    expect(fit).toContain('scale=1080:608,pad=1080:1920:0:656:color=black')
    const crop = chainOf(
      graphOf(
        compile({
          clips: [
            clip('a', {
              mediaId: 'land',
              fit: 'crop',
              crop: { x: 0.5, y: 0, width: 0.25, height: 1 },
            }),
          ],
        }),
      ),
      'v0',
    )
    // The user's crop (480×1080 at x 960) and the canvas's overhang make one source crop.
    expect(crop).toContain('fps=30,crop=480:854:960:112,scale=1080:1920,setsar=1')
    const same = chainOf(graphOf(compile()), 'v0')
    expect(same).toContain('scale=1080:1920,setsar=1')
  })

  it('frames rotated phone video at its displayed size', () => {
    const chain = chainOf(graphOf(compile({ clips: [clip('a', { mediaId: 'phone' })] })), 'v0')
    expect(chain).toContain('scale=1080:1920,setsar=1')
  })
})

describe('compileFfmpeg: effects', () => {
  const withEffects = (effects: ClipInput['effects']) =>
    chainOf(graphOf(compile({ clips: [clip('a', { effects })] })), 'v0')

  it('maps each effect to its ffmpeg filter, in order', () => {
    const chain = withEffects([
      { type: 'brightness', value: 0.1 },
      { type: 'contrast', value: 1.2 },
      { type: 'saturation', value: 0.5 },
      { type: 'temperature', kelvin: 4000 },
      { type: 'lut', file: 'teal orange.cube' },
      { type: 'blackAndWhite' },
      { type: 'blur', radius: 4 },
      { type: 'vignette', angle: 0.6 },
    ])
    expect(chain).toContain(
      "eq=brightness=0.1,eq=contrast=1.2:saturation=0.5,colortemperature=temperature=4000,lut3d=file=\\'/luts/teal orange.cube\\',hue=s=0",
    )
    expect(chain).toContain('gblur=sigma=4,vignette=angle=0.6')
  })

  it('expands presets and skips no-op values', () => {
    expect(withEffects([{ type: 'preset', name: 'noir' }])).toContain('hue=s=0,eq=contrast=1.3')
    expect(
      withEffects([
        { type: 'brightness', value: 0 },
        { type: 'blur', radius: 0 },
      ]),
    ).not.toMatch(/eq=|gblur/)
  })

  it('grades small sources before upscaling and large ones after downscaling', () => {
    const small = video('/in/small.mp4', { width: 540, height: 960 })
    const big = video('/in/big.mp4', { width: 2160, height: 3840 })
    const t = timeline({
      clips: [clip('a', { mediaId: 'small', effects: [{ type: 'saturation', value: 2 }] })],
    })
    const before = chainOf(graphOf(compileFfmpeg(t, { ...media, small }, options)), 'v0')
    expect(before.indexOf('eq=saturation')).toBeLessThan(before.indexOf('scale='))
    const t2 = timeline({
      clips: [clip('a', { mediaId: 'big', effects: [{ type: 'saturation', value: 2 }] })],
    })
    const after = chainOf(graphOf(compileFfmpeg(t2, { ...media, big }, options)), 'v0')
    expect(after.indexOf('eq=saturation')).toBeGreaterThan(after.indexOf('scale='))
  })

  it('applies global effects to the joined picture, before overlays', () => {
    const graph = graphOf(
      compile({
        clips: [clip('a'), clip('b')],
        effects: [{ type: 'vignette', angle: 0.5 }],
        texts: [{ id: 't', text: 'x', startMs: 0, endMs: 1000 }],
      }),
    )
    expect(graph).toMatch(/\[vj\d+\]vignette=angle=0\.5\[g\d+\];\[g\d+\]drawtext=/)
  })
})

describe('compileFfmpeg: transitions', () => {
  it('concatenates clips without transitions', () => {
    const graph = graphOf(compile({ clips: [clip('a'), clip('b'), clip('c')] }))
    expect(graph).toContain('[v0][v1][v2]concat=n=3:v=1:a=0,fps=30')
    expect(graph).toContain('concat=n=3:v=0:a=1')
  })

  it('cross-fades with xfade=fade and acrossfade at the planned offset', () => {
    const graph = graphOf(
      compile({
        clips: [clip('a', { transitionOut: { type: 'crossfade', durationMs: 500 } }), clip('b')],
      }),
    )
    expect(graph).toContain(
      '[v0][v1]xfade=transition=fade:duration=0.5:offset=1.5,setpts=N/FRAME_RATE/TB',
    )
    expect(graph).toMatch(/\[a\d+\]\[a\d+\]acrossfade=d=0\.5:c1=tri:c2=tri/)
  })

  it.each([
    ['left', 'slideleft'],
    ['right', 'slideright'],
    ['up', 'slideup'],
    ['down', 'slidedown'],
  ] as const)('slide %s is xfade %s', (direction, name) => {
    const graph = graphOf(
      compile({
        clips: [
          clip('a', { transitionOut: { type: 'slide', direction, durationMs: 300 } }),
          clip('b'),
        ],
      }),
    )
    expect(graph).toContain(`xfade=transition=${name}:duration=0.3:offset=1.7`)
  })

  it('mixes runs: concat inside a run, xfade between runs, offsets on the frame grid', () => {
    const graph = graphOf(
      compile({
        clips: [
          clip('a'),
          clip('b', { transitionOut: { type: 'crossfade', durationMs: 400 } }),
          clip('c', { outMs: 1000 }),
          clip('d'),
        ],
      }),
    )
    expect(graph).toMatch(/\[v0\]\[v1\]concat=n=2:v=1:a=0,fps=30\[vj(\d+)\]/)
    expect(graph).toMatch(/\[v2\]\[v3\]concat=n=2:v=1:a=0,fps=30/)
    // b ends at 4000 ms, c starts 400 ms earlier: 3600 ms = frame 108.
    expect(graph).toContain('xfade=transition=fade:duration=0.4:offset=3.6')
  })
})

describe('compileFfmpeg: text and images', () => {
  it('draws text with the font file, literal text, colours, outline, position and timing', () => {
    const graph = graphOf(
      compile({
        texts: [
          {
            id: 't',
            text: 'Hi',
            font: 'Inter-Bold.otf',
            size: 80,
            color: '#FFCC00',
            outlineColor: '#000000',
            outlineWidth: 4,
            x: 0.5,
            y: 0.25,
            startMs: 250,
            endMs: 1500,
          },
        ],
      }),
    )
    expect(graph).toContain(
      "drawtext=fontfile=\\'/fonts/Inter-Bold.otf\\':expansion=none:text=\\'Hi\\':fontsize=80:fontcolor=0xffcc00:borderw=4:bordercolor=0x000000:x=540-text_w/2:y=480-text_h/2:enable='between(t,0.25,1.5)'",
    )
  })

  it("escapes : ' \\ % , ; [ ] in text so the filtergraph stays intact", () => {
    const graph = graphOf(
      compile({
        texts: [{ id: 't', text: "It's 50% off: C:\\x, [a]; b", startMs: 0, endMs: 1000 }],
      }),
    )
    expect(graph).toContain("text=\\'It\\'\\\\\\'\\'s 50% off: C:\\\\x\\, \\[a\\]\\; b\\':fontsize")
  })

  it('draws all texts in one chain and drops ones starting after the end', () => {
    const graph = graphOf(
      compile({
        texts: [
          { id: 't1', text: 'one', startMs: 0, endMs: 1000 },
          { id: 't2', text: 'two', startMs: 1000, endMs: 9000 },
          { id: 't3', text: 'late', startMs: 2000, endMs: 3000 },
        ],
      }),
    )
    expect(graph.match(/drawtext=/g)).toHaveLength(2)
    expect(graph).toContain("enable='between(t,1,2)'")
    expect(graph).not.toContain('late')
  })

  it('overlays images scaled, with opacity and timing', () => {
    const args = compile({
      images: [
        {
          id: 'i',
          mediaId: 'logo',
          x: 0.5,
          y: 0.1,
          width: 0.5,
          opacity: 0.5,
          startMs: 500,
          endMs: 1500,
        },
      ],
    })
    expect(args).toContain('/in/logo.png')
    const graph = graphOf(args)
    expect(graph).toContain('[1:v]scale=540:270,format=rgba,colorchannelmixer=aa=0.5[i')
    expect(graph).toMatch(/overlay=x=270:y=57:eof_action=repeat:enable='between\(t,0\.5,1\.5\)'/)
  })

  it('puts text above images', () => {
    const graph = graphOf(
      compile({
        images: [{ id: 'i', mediaId: 'logo', startMs: 0, endMs: 1000 }],
        texts: [{ id: 't', text: 'top', startMs: 0, endMs: 1000 }],
      }),
    )
    expect(graph.indexOf('overlay=')).toBeLessThan(graph.indexOf('drawtext='))
  })
})

describe('compileFfmpeg: audio', () => {
  it('mixes original sound and music with amix normalize=0, then sets aformat', () => {
    const args = compile({
      audio: {
        music: { mediaId: 'song', inMs: 3000, volume: 0.6, fadeInMs: 500, fadeOutMs: 1000 },
        originalVolume: 1.5,
      },
    })
    expect(args.slice(args.lastIndexOf('-ss'), args.lastIndexOf('-ss') + 6)).toEqual([
      '-ss',
      '3',
      '-t',
      '2.1',
      '-i',
      '/in/song.m4a',
    ])
    const graph = graphOf(args)
    expect(graph).toMatch(/\[a\d+\]volume=1\.5\[ov\d+\]/)
    expect(graph).toContain(
      'volume=0.6,afade=t=in:st=0:d=0.5,afade=t=out:st=1:d=1,apad=whole_dur=2',
    )
    expect(graph).toMatch(
      /amix=inputs=2:duration=longest:dropout_transition=0:normalize=0,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo\[aout\]$/,
    )
  })

  it('converts every clip sound to fltp 48 kHz stereo and pads it to the clip length', () => {
    const chain = graphOf(compile())
      .split(';')
      .find((s) => s.startsWith('[0:a]'))
    expect(chain).toMatch(
      /^\[0:a\]atrim=duration=2,asetpts=PTS-STARTPTS,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad=whole_dur=2,atrim=duration=2\[a\d+\]$/,
    )
  })

  it('gives clips without sound (or muted) silence of their length', () => {
    const graph = graphOf(
      compile({
        clips: [
          clip('a'),
          clip('b', { mediaId: 'silent', outMs: 1500 }),
          clip('c', { muted: true }),
        ],
      }),
    )
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=1.5')
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=2')
    expect(graph).not.toContain('[1:a]')
    expect(graph).not.toContain('[2:a]')
  })

  it('always produces a stereo track, silent when nothing plays', () => {
    const graph = graphOf(compile({ clips: [clip('a', { mediaId: 'silent' })] }))
    expect(graph).toContain(
      'anullsrc=r=48000:cl=stereo,atrim=duration=2,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[aout]',
    )
    const muted = graphOf(compile({ audio: { muteOriginal: true } }))
    expect(muted).toContain('anullsrc')
    expect(muted).not.toContain('[0:a]')
  })

  it('uses music alone when the original is muted', () => {
    const graph = graphOf(compile({ audio: { music: { mediaId: 'song' }, muteOriginal: true } }))
    expect(graph).not.toContain('amix')
    expect(graph).toMatch(
      /\[m\d+\]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo\[aout\]$/,
    )
  })
})

describe('compileFfmpeg: errors', () => {
  it('explains missing or unusable media', () => {
    expect(() => compile({ clips: [clip('a', { mediaId: 'nope' })] })).toThrow(
      'clip "a" uses media "nope", which has no media info',
    )
    expect(() => compile({ clips: [clip('a', { outMs: 12000 })] })).toThrow(
      'clip "a" ends at 12000 ms but media "portrait" is only 10000 ms long',
    )
    expect(() => compile({ clips: [clip('a', { mediaId: 'logo' })] })).toThrow('is a still image')
    expect(() => compile({ audio: { music: { mediaId: 'song', inMs: 40000 } } })).toThrow(
      'music starts at 40000 ms but media "song" is only 30000 ms long',
    )
    expect(() => compile({ audio: { music: { mediaId: 'silent' } } })).toThrow('has no audio')
    expect(() => compile({ images: [{ id: 'i', mediaId: 'x', startMs: 0, endMs: 1 }] })).toThrow(
      'image overlay "i" uses media "x"',
    )
    expect(() => compile({ clips: [] })).toThrow('the timeline has no clips to render')
  })

  it('revalidates the timeline and leaves it untouched', () => {
    const t = timeline()
    const copy = JSON.parse(JSON.stringify(t)) as unknown
    compileFfmpeg(t, media, options)
    expect(t).toEqual(copy)
    expect(() => compileFfmpeg({ ...t, fps: 25 as never }, media, options)).toThrow(
      'fps must be 30 or 60',
    )
  })
})

describe('compileFfmpegSplit and compileMux (picture encoded outside ffmpeg)', () => {
  const split = compileFfmpegSplit(timeline({ fps: 60 }), media, {
    ...options,
    framesFileName: '/dev/frames',
    audioFileName: 'sound.m4a',
  })

  it('renders the same graph, with raw I420 frames to one output and AAC to another', () => {
    expect(graphOf(split)).toBe(graphOf(compileFfmpeg(timeline({ fps: 60 }), media, options)))
    const frames = split.indexOf('/dev/frames')
    expect(split.slice(frames - 11, frames + 1)).toEqual([
      '[vout]',
      ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-r', '60', '-t', '2', '-truncate', '0'],
      '/dev/frames',
    ])
    expect(split.slice(frames + 1, frames + 3)).toEqual(['-map', '[aout]'])
    expect(split.at(-1)).toBe('sound.m4a')
    expect(split).toContain('aac')
    expect(split).not.toContain('libx264')
  })

  it('muxes with timestamps from the frame rate, exact ticks, the level and no metadata', () => {
    const mux = compileMux({
      videoFileName: 'v.h264',
      audioFileName: 'sound.m4a',
      fps: 60,
      durationMs: 2000,
      level: '4.2',
      outputFileName: 'out.mp4',
    })
    expect(mux.join(' ')).toContain('-framerate 60 -f h264 -i v.h264 -i sound.m4a')
    expect(valueOf(mux, '-c')).toBe('copy')
    expect(valueOf(mux, '-bsf:v')).toBe('h264_metadata=level=42')
    expect(valueOf(mux, '-video_track_timescale')).toBe('30720')
    expect(valueOf(mux, '-map_metadata')).toBe('-1')
    expect(valueOf(mux, '-movflags')).toBe('+faststart')
    expect(valueOf(mux, '-t')).toBe('2')
    expect(mux.at(-1)).toBe('out.mp4')
  })
})

describe('compileCoverFrame', () => {
  it('renders one JPEG frame of the finished picture at a timeline time', () => {
    const t = timeline({
      clips: [clip('a'), clip('b', { inMs: 1000, outMs: 5000, speed: 2 })],
      texts: [
        { id: 'on', text: 'shown', startMs: 2000, endMs: 4000 },
        { id: 'off', text: 'hidden', startMs: 0, endMs: 1000 },
      ],
      images: [{ id: 'i', mediaId: 'logo', startMs: 0, endMs: 9000 }],
      effects: [{ type: 'blackAndWhite' }],
    })
    const args = compileCoverFrame(t, media, 2500, { fontDir: '/fonts', lutDir: '/luts' })
    // 2500 ms is 500 ms into b, i.e. 1000 ms of its source at 2× after in = 1000.
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 2)).toEqual(['-ss', '2'])
    expect(args.filter((a) => a === '-i')).toHaveLength(2)
    const graph = graphOf(args)
    expect(graph).toContain('trim=end_frame=1')
    expect(graph).toContain('hue=s=0')
    expect(graph).toContain('shown')
    expect(graph).not.toContain('hidden')
    expect(graph).not.toContain('enable=')
    expect(graph).toMatch(/format=yuvj420p\[vout\]$/)
    expect(valueOf(args, '-frames:v')).toBe('1')
    expect(valueOf(args, '-f')).toBe('image2')
    expect(args).not.toContain('[aout]')
    expect(args.at(-1)).toBe('cover.jpg')
  })

  it('uses the clip more visible during a transition and the last frame at the end', () => {
    const t = timeline({
      clips: [
        clip('a', { mediaId: 'land', transitionOut: { type: 'crossfade', durationMs: 1000 } }),
        clip('b'),
      ],
    })
    const cover = (at: number) =>
      compileCoverFrame(t, media, at, { ...options, outputFileName: 'c.jpg' })
    expect(cover(1200)).toContain('/in/land.mp4')
    expect(cover(1800)).toContain('/in/portrait.mp4')
    expect(cover(3000)).toContain('/in/portrait.mp4')
    expect(() => cover(3001)).toThrow('cover time 3001 ms is outside the video (0–3000 ms)')
    expect(() => cover(-1)).toThrow('outside the video')
  })
})

describe('compileFfmpeg: text as the compositor’s pictures', () => {
  it('overlays each text picture at its place and time instead of drawtext', () => {
    const args = compile(
      {
        texts: [
          { id: 't1', text: '5am club ☀️', startMs: 250, endMs: 1500 },
          { id: 't2', text: 'plain', startMs: 0, endMs: 1000 },
        ],
      },
      { textImages: { t1: { fileName: '/in/text0.png', x: 100, y: 200 } } },
    )
    const graph = graphOf(args)
    expect(args).toContain('/in/text0.png')
    expect(graph).toContain("overlay=x=100:y=200:eof_action=repeat:enable='between(t,0.25,1.5)'")
    // A text without a picture is still drawn by drawtext; the pictured one is not.
    expect(graph.match(/drawtext=/g)).toHaveLength(1)
    expect(graph).not.toContain('5am club')
  })
})

describe('compileFfmpegAudio', () => {
  it('is the edit’s sound graph alone, AAC 48 kHz stereo, of the edit’s length', () => {
    const args = compileFfmpegAudio(
      timeline({
        clips: [clip('a', { mediaId: 'land', speed: 2 }), clip('b', { mediaId: 'silent' })],
        audio: { music: { mediaId: 'song', volume: 0.5 }, originalVolume: 0.8 },
      }),
      media,
      { audioFileName: 'sound.m4a' },
    )
    const graph = graphOf(args)
    expect(graph).toContain('atempo=2')
    expect(graph).toContain('normalize=0')
    expect(graph).not.toMatch(/\[\d+:v\]/)
    expect(args).not.toContain('[vout]')
    expect(valueOf(args, '-map')).toBe('[aout]')
    expect(valueOf(args, '-c:a')).toBe('aac')
    expect(valueOf(args, '-ar')).toBe('48000')
    expect(valueOf(args, '-t')).toBe('3')
    expect(args.at(-1)).toBe('sound.m4a')
    // Only the clip with sound and the music are read; the silent clip is generated silence.
    expect(args.filter((a) => a === '-i')).toHaveLength(2)
  })

  it('writes bare ADTS frames when asked, for a reader that takes them as they come', () => {
    const edit = timeline({ clips: [clip('a', { mediaId: 'land' })] })
    const adts = compileFfmpegAudio(edit, media, { audioFileName: '/dev/x', format: 'adts' })
    expect(adts.slice(-3)).toEqual(['-f', 'adts', '/dev/x'])
    const m4a = compileFfmpegAudio(edit, media, { audioFileName: 'sound.m4a' })
    expect(m4a).not.toContain('adts')
    expect(adts.filter((a) => a !== '-f' && a !== 'adts').slice(0, -1)).toEqual(m4a.slice(0, -1))
  })

  it('makes silence when nothing sounds', () => {
    const args = compileFfmpegAudio(
      timeline({ clips: [clip('a', { mediaId: 'silent' })] }),
      media,
      {
        audioFileName: 'sound.m4a',
      },
    )
    expect(args.filter((a) => a === '-i')).toHaveLength(0)
    expect(graphOf(args)).toContain('anullsrc')
  })
})
