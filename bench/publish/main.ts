// Publishing benchmark (npm run bench:publish): the resumable upload's throughput against one
// plain HTTP PUT of the same file on loopback, and the server's publish scheduler with many posts
// due within one minute across many sandbox accounts (lag p95, duplicates). Prints a table, then
// one JSON line.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { testClient } from '../../server/test-support/client'
import { startServerProcess } from '../../server/test-support/server-process'
import { UPLOAD_CHUNK_BYTES, UPLOAD_CHUNKS_IN_FLIGHT } from '../../shared/blobs/protocol'
import { installResilientFetch } from './resilient-fetch'
import { measureScheduler } from './scheduler'
import { makeFile, plainPut, resumableUpload } from './upload'

const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 500)
const POSTS = Number(process.env.BENCH_PUBLISH_POSTS ?? 1_000)
const ACCOUNTS = Number(process.env.BENCH_PUBLISH_ACCOUNTS ?? 50)
const RUNS = Number(process.env.BENCH_UPLOAD_RUNS ?? 3)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? 0

installResilientFetch()
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-publish-'))
const server = await startServerProcess({
  dataDir,
  databaseUrl: undefined,
  env: {
    REELDESK_JOB_POLL_MS: '50',
    REELDESK_JOB_CONCURRENCY: '8',
  },
})
try {
  // Upload: anchor and resumable alternate, RUNS times each; a fresh file per run.
  const up = await testClient(server.url).auth.signUp.mutate({
    email: `upload-bench-${Date.now().toString(36)}@example.com`,
    password: 'correct horse battery staple',
    displayName: 'Upload bench',
  })
  const plain: number[] = []
  const resumable: number[] = []
  let verified = true
  for (let run = 0; run < RUNS; run += 1) {
    const file = makeFile(UPLOAD_MB)
    plain.push(await plainPut(file, dataDir))
    const r = await resumableUpload(server.url, up.token, up.personalWorkspaceId, file)
    resumable.push(r.ms)
    verified &&= r.verified
  }
  const mbps = (ms: number) => (UPLOAD_MB / (ms / 1000)).toFixed(0)
  const ratio = median(plain) / median(resumable)

  // BENCH_PUBLISH_POSTS=0 or BENCH_UPLOAD_RUNS=0 skips that half (iterating on the other).
  const scheduler =
    POSTS > 0
      ? await measureScheduler(server, dataDir, {
          posts: POSTS,
          accounts: ACCOUNTS,
          spreadMs: 60_000,
        })
      : {
          posts: 0,
          accounts: 0,
          lagsMs: [],
          published: 0,
          failed: 0,
          duplicates: 0,
          maxInitsPerWindow: 0,
        }
  const lagP95 = Math.round(p95(scheduler.lagsMs))

  const rows = [
    [
      `plain PUT, ${UPLOAD_MB} MiB (median of ${RUNS})`,
      `${Math.round(median(plain))} ms (${mbps(median(plain))} MiB/s)`,
      'anchor',
    ],
    [
      `resumable upload, ${UPLOAD_MB} MiB, ${UPLOAD_CHUNK_BYTES / 1024 / 1024} MiB chunks, ${UPLOAD_CHUNKS_IN_FLIGHT} in flight, SHA-256 checked`,
      `${Math.round(median(resumable))} ms (${mbps(median(resumable))} MiB/s)`,
      '',
    ],
    ['upload ratio (plain ÷ resumable time)', ratio.toFixed(2), '≥ 0.8'],
    ['server verified every upload’s SHA-256', String(verified), 'true'],
    [
      `scheduler: ${scheduler.posts} posts, ${scheduler.accounts} sandbox accounts, due within 60 s`,
      `${scheduler.published} published, ${scheduler.failed} failed, ${scheduler.posts - scheduler.published - scheduler.failed} unfinished`,
      '',
    ],
    [
      'most uploads one account started in any 60 s',
      String(scheduler.maxInitsPerWindow),
      '≤ 6 (the platform’s init limit)',
    ],
    [
      'scheduler lag p95 (earliest allowed → a client sees it start)',
      `${lagP95} ms (median ${Math.round(median(scheduler.lagsMs))} ms)`,
      '≤ 1000 ms',
    ],
    ['duplicate platform uploads', String(scheduler.duplicates), '0'],
  ]
  const width = Math.max(...rows.map((r) => r[0]!.length))
  process.stdout.write(`${'measure'.padEnd(width)} | value | target\n`)
  for (const [m, v, t] of rows) process.stdout.write(`${m!.padEnd(width)} | ${v} | ${t}\n`)
  process.stdout.write(
    `${JSON.stringify({
      bench: 'publish',
      upload_ratio: Number(ratio.toFixed(3)),
      upload_mb: UPLOAD_MB,
      scheduler_lag_p95_ms: lagP95,
      duplicates: scheduler.duplicates,
      posts: scheduler.posts,
      published: scheduler.published,
    })}\n`,
  )
} finally {
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
