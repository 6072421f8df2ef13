import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeIssues } from './describe-issues'
import { media, mediaSchema, migrateMediaToV1 } from './collections/media'
import { migrateStoredDocument } from '../test-support/migration'
import { sampleDocs } from './sample-docs'

describe('media schema 0 → 1 (music licence)', () => {
  it('a stored version-0 item opens as "licence not known", everything else as it was', async () => {
    const { musicLicence: _l, ...synced } = sampleDocs().media
    // RxDB keeps `_deleted` to itself: what an app stores is the document without it.
    const { _deleted, ...old } = synced
    const stored = await migrateStoredDocument(media, 'musicLicence', old)
    expect(stored).toEqual({ ...old, musicLicence: 'unknown' })
    expect(mediaSchema.safeParse(migrateMediaToV1(synced)).success).toBe(true)
  })

  it('an app of version 0 cannot read a version-1 item: it is told to update', () => {
    // Version 0's zod schema (strict, without the licence), as an old app still runs it: its
    // pull check refuses the document and says "update needed" rather than storing it.
    const { musicLicence: _l, ...v0Shape } = mediaSchema.shape
    const result = z.strictObject(v0Shape).safeParse(sampleDocs().media)
    expect(result.success).toBe(false)
    expect(describeIssues('m', result.error?.issues ?? [])).toMatch(/musicLicence/)
  })

  it('refuses a licence that is not one of the three', () => {
    const bad = { ...sampleDocs().media, musicLicence: 'free' }
    expect(mediaSchema.safeParse(bad).success).toBe(false)
  })
})
