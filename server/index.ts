import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLogger } from '../shared/logger'
import { createSignInLimiter } from './auth/rate-limit'
import { createBlobService } from './blobs/blob-service'
import { createFsBlobStore } from './blobs/blob-store'
import { scheduleGarbageCollection } from './blobs/schedule'
import { loadConfig } from './config'
import { openDatabase } from './db/connect'
import { migrateToLatest } from './db/migrate'
import { drainWrites, pauseBeforeCommits } from './db/transaction'
import { createHttpApp } from './http/app'
import { ManualClock, systemClock, type Clock } from './jobs/clock'
import { createPlatformServices } from './platforms/create-services'
import { startReplyScanner } from './deals/brand-replies'
import { startPublishScheduler } from './publishing/scheduler'
import { ChangeBus } from './sync/change-bus'
import { startPgNotifyBridge } from './sync/pg-notify'
import type { AppServices } from './trpc/context'

const log = createLogger('server')
const here = path.dirname(fileURLToPath(import.meta.url))
const version = typeof __REELDESK_VERSION__ === 'string' ? __REELDESK_VERSION__ : 'dev'

async function main(): Promise<void> {
  const config = loadConfig(process.env, here)
  const database = openDatabase(config)
  if (config.testCommitDelayMs !== null) {
    log.warn('test hook on: every commit waits', { ms: config.testCommitDelayMs })
    pauseBeforeCommits(config.testCommitDelayMs, (line) => process.stdout.write(`${line}\n`))
  }
  await migrateToLatest(database.db, database.dialect)
  // Tests only (config refuses it in production): a clock that moves when the test says so.
  const testClock = config.testClock ? new ManualClock(Date.now()) : null
  if (testClock) log.warn('test hook on: the server clock moves only through /test/clock')
  const clock: Clock = testClock ?? systemClock
  const shutdown = new AbortController()
  const bridge = database.pgPool ? await startPgNotifyBridge(database.pgPool) : null
  const bus = bridge?.bus ?? new ChangeBus()
  const blobStore = createFsBlobStore(path.join(config.dataDir, 'blobs'))
  const platform = createPlatformServices({
    database,
    bus,
    clock,
    dataDir: config.dataDir,
    config: config.platform,
    blobStore,
  })
  const services: AppServices = {
    database,
    bus,
    limiter: createSignInLimiter(),
    trustProxy: config.trustProxy,
    production: config.production,
    streamRecheckMs: config.streamRecheckMs,
    shutdown: shutdown.signal,
    platform,
    publicOrigins: config.platform.publicOrigins,
  }
  const blobs = createBlobService({
    database,
    store: blobStore,
    quotaBytes: config.workspaceQuotaBytes,
  })
  const stopGarbage = scheduleGarbageCollection(database, blobs.store)
  const server = createServer(
    createHttpApp({
      services,
      rendererDir: config.rendererDir,
      version,
      blobs,
      ...(testClock && config.testClock
        ? { testClock: { clock: testClock, token: config.testClock.token } }
        : {}),
    }),
  )
  // Keep-alive sockets would hold shutdown open; SSE streams are ended explicitly on close.
  server.keepAliveTimeout = 5_000

  let stopping = false
  let stopScheduler = () => {}
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping', { signal })
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    // End streams and refuse new requests; requests already running (pushes mid-transaction)
    // finish and answer. Then wait for any write still committing, and close the database.
    shutdown.abort()
    // Running jobs finish (or notice the stop); nothing new is claimed.
    stopScheduler()
    const jobsStopped = platform.runner.stop()
    stopGarbage()
    const idle = setInterval(() => server.closeIdleConnections(), 100)
    server.close(() => {
      clearInterval(idle)
      void (async () => {
        await jobsStopped
        await drainWrites()
        await bridge?.close()
        await database.close()
        log.info('stopped')
        process.exit(0)
      })()
    })
    server.closeIdleConnections()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, resolve)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  log.info('listening', {
    url: `http://${config.host}:${port}`,
    db: database.dialect,
    data: config.dataDir,
    tiktok: config.platform.tiktok ? 'on' : 'off (sandbox only)',
  })
  if (config.platform.jobs.enabled) {
    platform.runner.start()
    const stopPublish = startPublishScheduler({
      database,
      bus,
      runner: platform.runner,
      now: () => clock.now(),
    })
    const stopReplies = startReplyScanner({
      database,
      bus,
      wake: () => platform.runner.wake(),
      now: () => platform.clock.now(),
    })
    stopScheduler = () => {
      stopPublish()
      stopReplies()
    }
  }
  // A parent process (npm start, tests) reads this line to learn the port when PORT=0.
  process.stdout.write(`REELDESK_SERVER_READY ${JSON.stringify({ port })}\n`)
}

main().catch((error: unknown) => {
  log.error('server failed to start', {
    error: error instanceof Error ? error.message : String(error),
  })
  process.exit(1)
})
