import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import { openSqlite, type Database } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { ChangeBus } from './change-bus'
import { withWorkspaceWrite } from './workspace-write'

describe('a long server write on SQLite', () => {
  let database: Database | null = null
  let dir = ''
  afterEach(async () => {
    await database?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  // SQLite statements run synchronously: without its breaks, a backfill held the event loop
  // until it committed, and the HTTP keep-alive timers that then fired first reset connections
  // clients were reusing (ECONNRESET in platform.integration.test.ts under load).
  it('gives the event loop turns while it runs, so timers and sockets are served', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-write-breathes-'))
    database = openSqlite(dir)
    await migrateToLatest(database.db, database.dialect)
    let turns = 0
    let stop = false
    const tick = () => {
      turns += 1
      if (!stop) setImmediate(tick)
    }
    setImmediate(tick)
    const workspaceId = uuidv7()
    let reads = 0
    const turnsAtStart = turns
    await withWorkspaceWrite(database, new ChangeBus(), workspaceId, async (w) => {
      const until = performance.now() + 300
      while (performance.now() < until) {
        await w.read('metrics', [uuidv7()])
        reads += 1
      }
    })
    stop = true
    expect(reads).toBeGreaterThan(10)
    // Every 25 ms at least: some 12 turns in 300 ms; without the breaks, none.
    expect(turns - turnsAtStart).toBeGreaterThanOrEqual(5)
  })
})
