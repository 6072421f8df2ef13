import { describe, expect, it } from 'vitest'
import { SAMPLE_IDS } from '../../../../shared/data/sample-docs'
import { buildMediaDoc, engineInfoFromDoc, fitFileName } from './media-doc'
import type { ProbeResult } from './probe-result'

const ctx = { id: SAMPLE_IDS.media, workspaceId: SAMPLE_IDS.workspace, accountId: null, now: 1 }

const portrait: ProbeResult = {
  kind: 'video',
  fileName: 'phone.mp4',
  mimeType: 'video/mp4',
  sizeBytes: 1234,
  durationMs: 2000.4,
  codedWidth: 1920,
  codedHeight: 1080,
  displayWidth: 1080,
  displayHeight: 1920,
  fps: 29.97,
  codecs: { video: 'avc', audio: 'aac' },
  rotation: 90,
  hasAudio: true,
}

describe('buildMediaDoc', () => {
  it('stores coded size plus rotation, rounded duration, no bytes or refs', () => {
    const doc = buildMediaDoc(portrait, ctx)
    expect(doc).toMatchObject({
      id: SAMPLE_IDS.media,
      kind: 'video',
      width: 1920,
      height: 1080,
      rotation: 90,
      durationMs: 2000,
      fps: 29.97,
      sha256: null,
      thumbnailRef: null,
      remoteRef: null,
      _deleted: false,
    })
  })

  it('gives images a null duration and audio a null picture', () => {
    const image = buildMediaDoc(
      { ...portrait, kind: 'image', durationMs: 0, fps: null, hasAudio: false, rotation: 0 },
      ctx,
    )
    expect(image.durationMs).toBeNull()
    const audio = buildMediaDoc(
      {
        ...portrait,
        kind: 'audio',
        codedWidth: null,
        codedHeight: null,
        displayWidth: null,
        displayHeight: null,
        fps: null,
        rotation: 0,
        codecs: { video: null, audio: 'aac' },
      },
      ctx,
    )
    expect(audio.width).toBeNull()
    expect(engineInfoFromDoc(audio)).toEqual({
      width: 1,
      height: 1,
      durationMs: 2000,
      hasAudio: true,
      rotation: 0,
    })
  })

  it('refuses what the schema refuses (bad id)', () => {
    expect(() => buildMediaDoc(portrait, { ...ctx, id: 'nope' })).toThrow()
  })

  it('feeds the export engine the coded size and rotation', () => {
    expect(engineInfoFromDoc(buildMediaDoc(portrait, ctx))).toEqual({
      width: 1920,
      height: 1080,
      durationMs: 2000,
      hasAudio: true,
      rotation: 90,
    })
  })
})

describe('fitFileName', () => {
  it('keeps short names and the extension of long ones', () => {
    expect(fitFileName('  a.mp4 ')).toBe('a.mp4')
    const long = `${'x'.repeat(300)}.mp4`
    const fitted = fitFileName(long)
    expect([...fitted]).toHaveLength(255)
    expect(fitted.endsWith('.mp4')).toBe(true)
  })
})
