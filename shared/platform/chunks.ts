import {
  PREFERRED_CHUNK_BYTES,
  SAFE_MIN_CHUNK_BYTES,
  TIKTOK_UPLOAD_RULES as RULES,
} from './tiktok-facts'

/**
 * How a video is cut into FILE_UPLOAD chunks (content-posting-api-media-transfer-guide):
 * `totalChunkCount = floor(size / chunkSize)`, every chunk `chunkSize` bytes except the last,
 * which takes the remainder too (so it may reach 128 MB). A video under the minimum chunk size
 * goes whole. Pure, so the composer can show the plan and the server can follow it.
 */
export interface ChunkPlan {
  videoSize: number
  chunkSize: number
  totalChunkCount: number
}

export type ChunkPlanResult = { ok: true; plan: ChunkPlan } | { ok: false; reason: string }

/** Checks a plan against the documented rules; the reason names the rule that failed. */
export function checkChunkPlan(plan: ChunkPlan): string | null {
  const { videoSize, chunkSize, totalChunkCount } = plan
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0) return 'the video is empty'
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) return 'the chunk size must be positive'
  if (totalChunkCount !== Math.floor(videoSize / chunkSize))
    return 'total_chunk_count must be floor(video_size / chunk_size)'
  if (totalChunkCount < RULES.minChunks || totalChunkCount > RULES.maxChunks)
    return `a video is sent in ${RULES.minChunks}–${RULES.maxChunks} chunks`
  if (videoSize < RULES.minChunkBytes) {
    return chunkSize === videoSize ? null : 'a video under 5 MB is sent whole, as one chunk'
  }
  if (chunkSize < RULES.minChunkBytes) return 'chunks must be at least 5 MB'
  if (chunkSize > RULES.maxChunkBytes) return 'chunks must be at most 64 MB'
  if (lastChunkSize(plan) > RULES.maxFinalChunkBytes) return 'the last chunk must be at most 128 MB'
  return null
}

export function lastChunkSize(plan: ChunkPlan): number {
  return plan.videoSize - plan.chunkSize * (plan.totalChunkCount - 1)
}

/** Byte range [start, end) of chunk `index` (0-based). */
export function chunkRange(plan: ChunkPlan, index: number): { start: number; end: number } {
  if (!Number.isInteger(index) || index < 0 || index >= plan.totalChunkCount)
    throw new Error(`chunk ${index} is outside 0–${plan.totalChunkCount - 1}`)
  const start = index * plan.chunkSize
  const end = index === plan.totalChunkCount - 1 ? plan.videoSize : start + plan.chunkSize
  return { start, end }
}

/** The `Content-Range` header of chunk `index`: `bytes first-last/total` (inclusive). */
export function contentRange(plan: ChunkPlan, index: number): string {
  const { start, end } = chunkRange(plan, index)
  return `bytes ${start}-${end - 1}/${plan.videoSize}`
}

/**
 * The plan Reeldesk uploads with: whole under 5 MiB (valid under either reading of "5 MB"),
 * otherwise 10 MB chunks — or larger when 1,000 chunks of 10 MB are not enough.
 */
export function planChunks(videoSize: number): ChunkPlanResult {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0)
    return { ok: false, reason: 'the video is empty' }
  if (videoSize < SAFE_MIN_CHUNK_BYTES) {
    const plan = { videoSize, chunkSize: videoSize, totalChunkCount: 1 }
    return { ok: true, plan }
  }
  const needed = Math.ceil(videoSize / RULES.maxChunks)
  // A video smaller than two chunks goes as one (the last chunk takes the remainder).
  const chunkSize = Math.min(videoSize, Math.max(PREFERRED_CHUNK_BYTES, needed))
  const plan = {
    videoSize,
    chunkSize,
    totalChunkCount: Math.max(1, Math.floor(videoSize / chunkSize)),
  }
  const problem = checkChunkPlan(plan)
  if (problem) return { ok: false, reason: `this video is too large to upload (${problem})` }
  return { ok: true, plan }
}
