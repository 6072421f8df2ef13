import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ffprobe, nativeFfmpegFor, run } from '../../scripts/native-ffmpeg.mjs'
import { compileCoverFrame, compileFfmpeg, compileFfmpegSplit, compileMux } from './compile-ffmpeg'
import { escapeFilterValue } from './ffmpeg-escape'
import type { MediaInfoMap } from './media-info'
import { parseTimeline } from './model'

/**
 * Runs the compiler's output through native ffmpeg and checks the file with ffprobe. Debian's
 * ffmpeg is a test tool only (the app uses ffmpeg.wasm, which cannot run in Node); where it is
 * not installed these tests are skipped, and the unit tests still cover the argument list.
 */
const hasFfmpeg = nativeFfmpegFor('The native ffmpeg checks of compiled arguments')
const SYSTEM_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'
const ffmpeg = (args: readonly string[]) => run('ffmpeg', ['-v', 'error', ...args])
const probe = (file: string) => ffprobe(file, true)

describe.skipIf(!hasFfmpeg)('merged eq passes (native ffmpeg)', () => {
  it('give the very same pixels as the separate filters they replace', () => {
    const frames = (filters: string) =>
      spawnSync(
        'ffmpeg',
        ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:d=0.2', '-vf', filters].concat([
          '-pix_fmt',
          'yuv420p',
          '-f',
          'rawvideo',
          '-',
        ]),
        { maxBuffer: 64 << 20 },
      ).stdout
    for (const [separate, merged] of [
      [['eq=saturation=1.2', 'eq=contrast=1.1'], 'eq=saturation=1.2:contrast=1.1'],
      [['eq=brightness=-0.2', 'eq=saturation=1.7'], 'eq=brightness=-0.2:saturation=1.7'],
    ] as const) {
      const reference = frames(separate.join(','))
      expect(reference.length).toBe(5 * 320 * 240 * 1.5)
      expect(frames(merged).equals(reference)).toBe(true)
    }
    // The reason two luma terms stay apart: one eq applies them in its own order.
    expect(
      frames('eq=brightness=0.3:contrast=2').equals(frames('eq=brightness=0.3,eq=contrast=2')),
    ).toBe(false)
  })
})

describe.skipIf(!hasFfmpeg)(
  'compiled args with native ffmpeg (skipped: ffmpeg/ffprobe not installed)',
  () => {
    let dir = ''
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'reeldesk-timeline-'))
    })
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('renders an MP4 with the canvas size, rate, duration and stereo AAC, plus a cover JPEG', () => {
      // Tiny sources: a landscape clip with sound, a portrait one at 25 fps without, short music.
      const file = (name: string) => join(dir, name)
      ffmpeg([
        '-f',
        'lavfi',
        '-i',
        'testsrc2=s=320x240:r=30:d=2',
        '-f',
        'lavfi',
        '-i',
        'sine=f=440:d=2',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-c:a',
        'aac',
        '-shortest',
        file('a.mp4'),
      ])
      ffmpeg([
        '-f',
        'lavfi',
        '-i',
        'testsrc=s=240x320:r=25:d=2',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        file('b.mp4'),
      ])
      ffmpeg(['-f', 'lavfi', '-i', 'sine=f=220:d=1.5', '-ac', '1', file('music.m4a')])
      ffmpeg([
        '-f',
        'lavfi',
        '-i',
        'color=red@0.5:s=64x32,format=rgba',
        '-frames:v',
        '1',
        file('logo.png'),
      ])
      // Directories with characters the filtergraph escaping must survive.
      const fontDir = file("fonts, it's [x]")
      const lutDir = file('luts; 100%')
      mkdirSync(fontDir)
      mkdirSync(lutDir)
      const hasFont = existsSync(SYSTEM_FONT)
      if (hasFont) copyFileSync(SYSTEM_FONT, join(fontDir, 'Test-Bold.ttf'))
      writeFileSync(
        join(lutDir, 'identity.cube'),
        'LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n',
      )

      const media: MediaInfoMap = {
        a: {
          fileName: file('a.mp4'),
          width: 320,
          height: 240,
          durationMs: 2000,
          hasAudio: true,
          rotation: 0,
        },
        b: {
          fileName: file('b.mp4'),
          width: 240,
          height: 320,
          durationMs: 2000,
          hasAudio: false,
          rotation: 0,
        },
        music: {
          fileName: file('music.m4a'),
          width: 1,
          height: 1,
          durationMs: 1500,
          hasAudio: true,
          rotation: 0,
        },
        logo: {
          fileName: file('logo.png'),
          width: 64,
          height: 32,
          durationMs: 0,
          hasAudio: false,
          rotation: 0,
        },
      }
      // 1500 + 1000 (2000 ms at 2×) + 1000 (500 ms at 0.5×) − 300 − 200 overlap = 3000 ms.
      const timeline = parseTimeline({
        version: 1,
        canvas: '720x1280',
        fps: 30,
        clips: [
          {
            id: 'a',
            mediaId: 'a',
            inMs: 0,
            outMs: 1500,
            effects: [
              { type: 'lut', file: 'identity.cube' },
              { type: 'preset', name: 'vintage' },
            ],
            transitionOut: { type: 'crossfade', durationMs: 300 },
          },
          {
            id: 'b',
            mediaId: 'b',
            inMs: 0,
            outMs: 2000,
            speed: 2,
            fit: 'fit',
            effects: [{ type: 'blur', radius: 2 }],
            transitionOut: { type: 'slide', direction: 'left', durationMs: 200 },
          },
          {
            id: 'c',
            mediaId: 'a',
            inMs: 500,
            outMs: 1000,
            speed: 0.5,
            fit: 'crop',
            crop: { x: 0.25, y: 0, width: 0.5, height: 1 },
          },
        ],
        texts: hasFont
          ? [
              {
                id: 't',
                text: "It's 50% off: C:\\x, [a]; b",
                font: 'Test-Bold.ttf',
                size: 40,
                outlineWidth: 2,
                startMs: 0,
                endMs: 2000,
              },
            ]
          : [],
        images: [
          {
            id: 'logo',
            mediaId: 'logo',
            x: 0.8,
            y: 0.1,
            width: 0.2,
            opacity: 0.7,
            startMs: 500,
            endMs: 2500,
          },
        ],
        effects: [{ type: 'temperature', kelvin: 5500 }],
        audio: {
          music: { mediaId: 'music', volume: 0.5, fadeInMs: 200, fadeOutMs: 300 },
          originalVolume: 0.8,
        },
      })

      const output = file('out.mp4')
      // superfast (not ultrafast) so x264 really writes a High-profile stream.
      run(
        'ffmpeg',
        compileFfmpeg(timeline, media, {
          fontDir,
          lutDir,
          preset: 'superfast',
          outputFileName: output,
        }),
      )

      const info = probe(output)
      const videoStream = info.streams.find((s) => s.codec_type === 'video')
      const audioStream = info.streams.find((s) => s.codec_type === 'audio')
      expect(videoStream).toMatchObject({
        codec_name: 'h264',
        profile: 'High',
        width: 720,
        height: 1280,
        pix_fmt: 'yuv420p',
        r_frame_rate: '30/1',
      })
      expect(videoStream?.level).toBeGreaterThanOrEqual(40)
      expect(Number(videoStream?.nb_read_frames)).toBe(90)
      expect(Math.abs(Number(info.format.duration) - 3)).toBeLessThanOrEqual(1 / 30)
      expect(audioStream).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
      expect(Math.abs(Number(audioStream?.duration) - 3)).toBeLessThanOrEqual(1 / 30)
      // +faststart: the moov index comes before the media data.
      const bytes = readFileSync(output).toString('latin1')
      expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'))

      const cover = file('cover.jpg')
      run(
        'ffmpeg',
        compileCoverFrame(timeline, media, 1000, { fontDir, lutDir, outputFileName: cover }),
      )
      expect(probe(cover).streams[0]).toMatchObject({
        codec_name: 'mjpeg',
        width: 720,
        height: 1280,
      })
    }, 60_000)

    it('splits into raw frames + AAC for an outside encoder, and muxes its H.264 back (level raised)', () => {
      const file = (name: string) => join(dir, name)
      ffmpeg([
        ...['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30:d=2', '-f', 'lavfi'],
        ...['-i', 'sine=f=440:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'],
        ...['-shortest', file('split-src.mp4')],
      ])
      const media: MediaInfoMap = {
        src: {
          fileName: file('split-src.mp4'),
          width: 320,
          height: 180,
          durationMs: 2000,
          hasAudio: true,
          rotation: 0,
        },
      }
      const timeline = parseTimeline({
        version: 1,
        canvas: '720x1280',
        fps: 30,
        clips: [{ id: 'c', mediaId: 'src', inMs: 200, outMs: 1700 }],
      })
      const frames = file('frames.yuv')
      // An existing file, as the device node is: -truncate 0 must still write it from the start.
      writeFileSync(frames, Buffer.alloc(16))
      run(
        'ffmpeg',
        compileFfmpegSplit(timeline, media, {
          fontDir: '',
          lutDir: '',
          framesFileName: frames,
          audioFileName: file('sound.m4a'),
        }),
      )
      // Exactly 45 frames of 720×1280 I420 (1.5 s at 30 fps).
      expect(readFileSync(frames).length).toBe(45 * 720 * 1280 * 1.5)
      // Native x264 stands in for the browser's encoder: Annex B, no B-frames, a low level mark.
      ffmpeg([
        ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', '720x1280', '-r', '30', '-i', frames],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', '-level:v', '3.1'],
        ...['-f', 'h264', file('video.h264')],
      ])
      const output = file('muxed.mp4')
      run(
        'ffmpeg',
        compileMux({
          videoFileName: file('video.h264'),
          audioFileName: file('sound.m4a'),
          fps: 30,
          durationMs: 1500,
          level: '4.0',
          outputFileName: output,
        }),
      )
      const info = probe(output)
      const video = info.streams.find((s) => s.codec_type === 'video')
      const audio = info.streams.find((s) => s.codec_type === 'audio')
      expect(video).toMatchObject({ codec_name: 'h264', width: 720, height: 1280 })
      expect(video?.r_frame_rate).toBe('30/1')
      expect(video?.level).toBe(40)
      // Frame times are exact (frame 3 at 0.1 s, not 0.099999 s).
      const times = run('ffprobe', [
        ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time'],
        ...['-of', 'csv=p=0', output],
      ]).split('\n')
      expect(times[3]).toBe('0.100000')
      expect(Number(video?.nb_read_frames)).toBe(45)
      expect(Math.abs(Number(info.format.duration) - 1.5)).toBeLessThanOrEqual(1 / 30)
      expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
      const bytes = readFileSync(output).toString('latin1')
      expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'))
    })

    it('lays an overlay-track video over the main track only inside its window, and delays moved music', () => {
      const file = (name: string) => join(dir, name)
      const colour = (name: string, c: string) =>
        ffmpeg([
          ...['-f', 'lavfi', '-i', `color=c=${c}:s=320x240:r=30:d=2`],
          ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file(name)],
        ])
      colour('red.mp4', 'red')
      colour('green.mp4', 'green')
      ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:a', 'aac', file('tone.m4a')])
      const info = (name: string, hasAudio = false) => ({
        fileName: file(name),
        width: 320,
        height: 240,
        durationMs: 2000,
        hasAudio,
        rotation: 0 as const,
      })
      const media: MediaInfoMap = {
        red: info('red.mp4'),
        green: info('green.mp4'),
        tone: { ...info('tone.m4a', true), width: 1, height: 1 },
      }
      const timeline = parseTimeline({
        version: 2,
        canvas: '720x1280',
        clips: [{ id: 'main', mediaId: 'red', inMs: 0, outMs: 2000 }],
        overlays: [
          {
            id: 'pip',
            mediaId: 'green',
            startMs: 500,
            inMs: 0,
            outMs: 1000,
            x: 0.25,
            y: 0.25,
            width: 0.4,
          },
        ],
        audio: { music: { mediaId: 'tone', startMs: 1000 }, muteOriginal: true },
      })
      const output = file('pip.mp4')
      run(
        'ffmpeg',
        compileFfmpeg(timeline, media, { fontDir: '', lutDir: '', outputFileName: output }),
      )
      const pixel = (atSec: number, x: number, y: number) =>
        spawnSync(
          'ffmpeg',
          [
            ...['-v', 'error', '-ss', String(atSec), '-i', output, '-frames:v', '1'],
            ...['-vf', `crop=2:2:${x}:${y}`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', '-'],
          ],
          { maxBuffer: 1 << 20 },
        ).stdout
      const isGreen = (p: Buffer) => (p[1] ?? 0) > 100 && (p[0] ?? 255) < 60
      const isRed = (p: Buffer) => (p[0] ?? 0) > 200 && (p[1] ?? 255) < 60
      // The overlay's centre (180, 320); far from it the main clip shows throughout.
      expect(isRed(pixel(0.2, 180, 320))).toBe(true)
      expect(isGreen(pixel(1.0, 180, 320))).toBe(true)
      expect(isRed(pixel(1.0, 600, 1100))).toBe(true)
      expect(isRed(pixel(1.8, 180, 320))).toBe(true)
      expect(
        Number(probe(output).streams.find((s) => s.codec_type === 'video')?.nb_read_frames),
      ).toBe(60)
      // The music starts at 1 s: the first second is silent, the second is not.
      const volume = (from: number) =>
        run(
          'ffmpeg',
          [
            ...['-hide_banner', '-ss', String(from), '-t', '0.8', '-i', output],
            ...['-af', 'volumedetect', '-vn', '-f', 'null', '-'],
          ],
          { withStderr: true },
        ).match(/max_volume: (-?[\d.]+|-inf) dB/)?.[1]
      expect(Number(volume(0.1) ?? '-inf')).toBeLessThan(-60)
      expect(Number(volume(1.1))).toBeGreaterThan(-30)
      const cover = file('pip.jpg')
      run(
        'ffmpeg',
        compileCoverFrame(timeline, media, 1000, {
          fontDir: '',
          lutDir: '',
          outputFileName: cover,
        }),
      )
      expect(probe(cover).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 720 })
    }, 60_000)

    it("escapes filter values so ffmpeg reads them back exactly (: ' \\ % , ; [ ])", () => {
      const raw = "It's 50% off: C:\\x, [a]; b \\\\ end"
      const graph = `metadata=mode=add:key=k:value=${escapeFilterValue(raw)},metadata=mode=print`
      const log = run(
        'ffmpeg',
        [
          '-hide_banner',
          '-nostdin',
          '-f',
          'lavfi',
          '-i',
          'color=s=16x16:d=0.04',
          '-vf',
          graph,
          '-frames:v',
          '1',
          '-f',
          'null',
          '-',
        ],
        { withStderr: true },
      )
      const printed = log.split('\n').find((line) => line.includes(' k='))
      expect(printed?.slice(printed.indexOf(' k=') + 3)).toBe(raw)
    })
  },
)
