import { describe, expect, it } from 'vitest'
import { checkChunkPlan, chunkRange, contentRange, lastChunkSize, planChunks } from './chunks'
import { TIKTOK_UPLOAD_RULES as RULES } from './tiktok-facts'

const MB = 1_000_000

describe('FILE_UPLOAD chunk rules', () => {
  it.each([
    ['a small video whole', { videoSize: 4 * MB, chunkSize: 4 * MB, totalChunkCount: 1 }, null],
    ['a small video split', { videoSize: 4 * MB, chunkSize: 2 * MB, totalChunkCount: 2 }, 'whole'],
    ['chunks of exactly 5 MB', { videoSize: 15 * MB, chunkSize: 5 * MB, totalChunkCount: 3 }, null],
    [
      'a chunk under 5 MB',
      { videoSize: 15 * MB, chunkSize: 5 * MB - 1, totalChunkCount: 3 },
      'at least 5 MB',
    ],
    [
      'chunks of 5 MB minus a byte',
      { videoSize: 10 * MB, chunkSize: 5 * MB - 1, totalChunkCount: 2 },
      'at least 5 MB',
    ],
    [
      'chunks of exactly 64 MB',
      { videoSize: 128 * MB, chunkSize: 64 * MB, totalChunkCount: 2 },
      null,
    ],
    [
      'a chunk over 64 MB',
      { videoSize: 129 * MB, chunkSize: 64 * MB + 1, totalChunkCount: 2 },
      'at most 64 MB',
    ],
    [
      'a last chunk of 128 MB',
      { videoSize: 128 * MB, chunkSize: 64 * MB, totalChunkCount: 2 },
      null,
    ],
    [
      'a remainder added to the last chunk',
      { videoSize: 64 * MB * 3 - 1, chunkSize: 64 * MB, totalChunkCount: 2 },
      null,
    ],
    [
      'the wrong chunk count',
      { videoSize: 30 * MB, chunkSize: 10 * MB, totalChunkCount: 2 },
      'floor',
    ],
    ['1,000 chunks', { videoSize: 5_000 * MB, chunkSize: 5 * MB, totalChunkCount: 1000 }, null],
    ['1,001 chunks', { videoSize: 5_005 * MB, chunkSize: 5 * MB, totalChunkCount: 1001 }, '1–1000'],
    ['an empty video', { videoSize: 0, chunkSize: 1, totalChunkCount: 0 }, 'empty'],
  ])('%s', (_name, plan, problem) => {
    const result = checkChunkPlan(plan)
    if (problem === null) expect(result).toBeNull()
    else expect(result).toContain(problem)
  })

  it('keeps the last chunk within 128 MB whenever chunks are within 64 MB', () => {
    // floor(size / chunk) = 2 → the second (last) chunk holds 64 MB + the remainder.
    const plan = { videoSize: 64 * MB * 3 - 1, chunkSize: 64 * MB, totalChunkCount: 2 }
    expect(lastChunkSize(plan)).toBe(128 * MB - 1)
    expect(lastChunkSize(plan)).toBeLessThanOrEqual(RULES.maxFinalChunkBytes)
  })

  it('cuts byte ranges in order, the last one taking the remainder', () => {
    const plan = { videoSize: 25 * MB + 7, chunkSize: 10 * MB, totalChunkCount: 2 }
    expect(chunkRange(plan, 0)).toEqual({ start: 0, end: 10 * MB })
    expect(chunkRange(plan, 1)).toEqual({ start: 10 * MB, end: 25 * MB + 7 })
    expect(contentRange(plan, 1)).toBe(`bytes ${10 * MB}-${25 * MB + 6}/${25 * MB + 7}`)
    expect(() => chunkRange(plan, 2)).toThrow(/outside/)
  })

  it.each([
    [1, 1, 1],
    [5 * 1024 * 1024 - 1, 1, 5 * 1024 * 1024 - 1],
    [5 * 1024 * 1024, 1, 5 * 1024 * 1024],
    [10 * MB, 1, 10 * MB],
    [20 * MB - 1, 1, 10 * MB],
    [20 * MB, 2, 10 * MB],
    [20 * MB + 1, 2, 10 * MB],
    [10_000 * MB, 1000, 10 * MB],
    [10_000 * MB + 1, 999, 10 * MB + 1],
  ])('plans %i bytes as %i chunk(s) of %i bytes', (size, count, chunk) => {
    const result = planChunks(size)
    expect(result).toEqual({
      ok: true,
      plan: { videoSize: size, chunkSize: chunk, totalChunkCount: count },
    })
    if (result.ok) expect(checkChunkPlan(result.plan)).toBeNull()
  })

  it('says why a video cannot be uploaded', () => {
    expect(planChunks(0)).toEqual({ ok: false, reason: 'the video is empty' })
    const huge = planChunks(1_000 * 64 * MB + 64 * MB + 1)
    expect(huge.ok).toBe(false)
  })
})
