import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLogger } from '../shared/logger'
import { loadConfig } from './config'
import { openSqlite } from './db/connect'
import { createHttpApp } from './http/app'

const log = createLogger('server')
const here = path.dirname(fileURLToPath(import.meta.url))
const version = typeof __REELDESK_VERSION__ === 'string' ? __REELDESK_VERSION__ : 'dev'

async function main(): Promise<void> {
  const config = loadConfig(process.env, here)
  const database = openSqlite(config.dataDir)
  const server = createServer(createHttpApp({ database, rendererDir: config.rendererDir, version }))
  // Keep-alive sockets would hold shutdown open; SSE streams are ended explicitly on close.
  server.keepAliveTimeout = 5_000

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping', { signal })
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    // Stop accepting, let in-flight requests finish, then close the database (WAL checkpoint).
    server.close(() => {
      void database.close().then(() => {
        log.info('stopped')
        process.exit(0)
      })
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
  log.info('listening', { url: `http://${config.host}:${port}`, db: database.dialect, data: config.dataDir })
  // A parent process (npm start, tests) reads this line to learn the port when PORT=0.
  process.stdout.write(`REELDESK_SERVER_READY ${JSON.stringify({ port })}\n`)
}

main().catch((error: unknown) => {
  log.error('server failed to start', { error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
