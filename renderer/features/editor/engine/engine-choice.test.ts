import { describe, expect, it } from 'vitest'
import { parseTimeline } from '../../../../shared/timeline'
import { chooseEngine, type Capabilities, type ChoiceInput } from './engine-choice'
import { encoderSettings } from './webcodecs/run-export'

const timeline = parseTimeline({
  version: 1,
  clips: [
    { id: 'a', mediaId: 'phone', inMs: 0, outMs: 1000 },
    { id: 'b', mediaId: 'camera', inMs: 0, outMs: 1000 },
  ],
})
const file = (name: string) => ({ file: new Blob([name]), name })
const input = (extra: Partial<ChoiceInput> = {}): ChoiceInput => ({
  timeline,
  media: { phone: file('phone.mp4'), camera: file('camera.mov') },
  settings: encoderSettings(timeline, 2000, 'balanced'),
  ...extra,
})
const caps = (extra: Partial<Capabilities> = {}): Capabilities => ({
  webCodecs: true,
  encoderSupports: () => Promise.resolve(true),
  cannotDecode: () => Promise.resolve(null),
  ...extra,
})

describe('chooseEngine', () => {
  it('takes the WebCodecs engine when the browser can do the whole job', async () => {
    expect(await chooseEngine(input(), caps())).toEqual({ engine: 'webcodecs' })
  })

  it('falls back to ffmpeg.wasm for an x264 preset or CRF picked by name, saying so', async () => {
    expect(await chooseEngine(input({ preset: 'medium' }), caps())).toEqual({
      engine: 'ffmpeg',
      reason: 'you chose the x264 preset “medium”',
    })
    expect(await chooseEngine(input({ crf: 18 }), caps())).toMatchObject({
      engine: 'ffmpeg',
      reason: 'you chose x264 quality CRF 18',
    })
  })

  it('falls back when the encoder refuses the size and rate', async () => {
    const choice = await chooseEngine(
      input(),
      caps({ encoderSupports: () => Promise.resolve(false) }),
    )
    expect(choice).toEqual({
      engine: 'ffmpeg',
      reason: "this browser's H.264 encoder cannot encode 1080×1920 at 30 fps",
    })
  })

  it('names the first clip source the browser cannot decode', async () => {
    const choice = await chooseEngine(
      input(),
      caps({
        cannotDecode: async (blob) =>
          (await blob.text()) === 'camera.mov'
            ? 'uses a video codec this browser cannot decode (hevc)'
            : null,
      }),
    )
    expect(choice).toEqual({
      engine: 'ffmpeg',
      reason: '“camera.mov” uses a video codec this browser cannot decode (hevc)',
    })
  })

  it('checks the overlay tracks’ videos too', async () => {
    const withOverlay = parseTimeline({
      version: 2,
      clips: [{ id: 'a', mediaId: 'phone', inMs: 0, outMs: 1000 }],
      overlays: [{ id: 'o', mediaId: 'broll', startMs: 0, inMs: 0, outMs: 500 }],
    })
    const choice = await chooseEngine(
      input({
        timeline: withOverlay,
        media: { phone: file('phone.mp4'), broll: file('broll.mkv') },
      }),
      caps({
        cannotDecode: async (blob) =>
          (await blob.text()) === 'broll.mkv'
            ? 'uses a video codec this browser cannot decode'
            : null,
      }),
    )
    expect(choice).toEqual({
      engine: 'ffmpeg',
      reason: '“broll.mkv” uses a video codec this browser cannot decode',
    })
  })

  it('falls back without WebCodecs, and when ffmpeg.wasm is asked for', async () => {
    expect(await chooseEngine(input(), caps({ webCodecs: false }))).toMatchObject({
      engine: 'ffmpeg',
    })
    expect(await chooseEngine(input({ prefer: 'ffmpeg' }), caps())).toMatchObject({
      engine: 'ffmpeg',
      reason: 'the ffmpeg.wasm engine was asked for',
    })
  })
})
