import { describe, expect, it } from 'vitest'
import { sampleDocs } from '../../../../shared/data/sample-docs'
import type { MediaDoc } from '../../../../shared/data/registry'
import {
  availabilityOf,
  originalDownloads,
  planMediaTransfers,
  ORIGINAL,
  THUMBNAIL,
} from './media-transfers'

const hash = (c: string) => c.repeat(64)
const doc = (id: string, extra: Partial<MediaDoc> = {}): MediaDoc => ({
  ...sampleDocs().media,
  id,
  sha256: null,
  remoteRef: null,
  thumbnailRef: null,
  ...extra,
})
const writable = { keepOriginalsLocal: false, mayWrite: () => true }

describe('planMediaTransfers', () => {
  it('uploads originals and thumbnails this device holds that the server lacks', () => {
    const plan = planMediaTransfers(
      [
        doc('a'),
        doc('b', { remoteRef: `sha256:${hash('b')}`, thumbnailRef: `sha256:${hash('c')}` }),
      ],
      { original: { a: true, b: true }, thumbnail: { a: true, b: true } },
      writable,
    )
    expect(plan.uploads.map((u) => [u.endpoint.type, u.endpoint.ref])).toEqual([
      [THUMBNAIL, 'a'],
      [ORIGINAL, 'a'],
    ])
    expect(plan.uploads[1]).toMatchObject({
      scope: { collection: 'media' },
      label: 'beach-sunset.mp4',
    })
    expect(plan.downloads).toEqual([])
  })

  it('keeps originals on the device when the workspace says so, but still shares thumbnails', () => {
    const plan = planMediaTransfers(
      [doc('a')],
      { original: { a: true }, thumbnail: { a: true } },
      { ...writable, keepOriginalsLocal: true },
    )
    expect(plan.uploads.map((u) => u.endpoint.type)).toEqual([THUMBNAIL])
  })

  it('uploads nothing for a member who may not write the media (analysts, other accounts)', () => {
    const plan = planMediaTransfers(
      [doc('a')],
      { original: { a: true }, thumbnail: { a: true } },
      { keepOriginalsLocal: false, mayWrite: () => false },
    )
    expect(plan.uploads).toEqual([])
  })

  it('fetches thumbnails the server has and this device lacks; originals only on demand', () => {
    const stored = doc('a', {
      remoteRef: `sha256:${hash('a')}`,
      thumbnailRef: `sha256:${hash('e')}`,
    })
    const local = { original: { a: false }, thumbnail: { a: false } }
    const plan = planMediaTransfers([stored], local, writable)
    expect(plan.downloads).toMatchObject([
      { endpoint: { type: THUMBNAIL, ref: 'a' }, sha256: hash('e') },
    ])
    expect(originalDownloads([stored], local)).toMatchObject([
      { endpoint: { type: ORIGINAL, ref: 'a' }, sha256: hash('a'), size: stored.sizeBytes },
    ])
    expect(originalDownloads([stored], { original: { a: true }, thumbnail: {} })).toEqual([])
  })

  it('says where each item stands', () => {
    const local = { original: { a: true, b: false, c: false }, thumbnail: {} }
    expect(availabilityOf(doc('a'), local)).toBe('local')
    expect(availabilityOf(doc('b', { remoteRef: `sha256:${hash('b')}` }), local)).toBe('remote')
    expect(availabilityOf(doc('c'), local)).toBe('missing')
    expect(availabilityOf(doc('d'), local)).toBe('unknown')
  })
})
