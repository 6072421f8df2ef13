import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { createLogger } from '../../shared/logger'
import { ChangeBus, type BusEvent } from './change-bus'

const log = createLogger('pg-notify')
const CHANNEL = 'reeldesk_changes'

/**
 * Several server instances on one PostgreSQL database: each publishes its bus events locally at
 * once and through NOTIFY to the others (ids and seqs only — NOTIFY payloads stop at 8000 bytes,
 * and listeners re-query anyway). While the LISTEN connection is down, streams fall back to
 * their periodic re-check, and a reconnect tells every stream to look again.
 */
class NotifyingBus extends ChangeBus {
  readonly instanceId = randomUUID()

  constructor(private readonly pool: pg.Pool) {
    super()
  }

  override publish(event: BusEvent): void {
    super.publish(event)
    const payload = JSON.stringify({ from: this.instanceId, event })
    this.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]).catch((error: unknown) => {
      log.warn('notify failed', { error: String(error) })
    })
  }

  deliverRemote(event: BusEvent): void {
    super.publish(event)
  }
}

function parseRemote(text: string | undefined, self: string): BusEvent | null {
  try {
    const value: unknown = JSON.parse(text ?? '')
    if (typeof value !== 'object' || value === null) return null
    const { from, event } = value as { from?: unknown; event?: unknown }
    if (from === self || typeof event !== 'object' || event === null) return null
    const e = event as Record<string, unknown>
    if (
      e['type'] === 'commit' &&
      typeof e['workspaceId'] === 'string' &&
      typeof e['seq'] === 'number' &&
      Array.isArray(e['collections'])
    ) {
      return {
        type: 'commit',
        workspaceId: e['workspaceId'],
        seq: e['seq'],
        collections: e['collections'].map(String),
      }
    }
    if (
      e['type'] === 'access' &&
      (typeof e['workspaceId'] === 'string' || e['workspaceId'] === null)
    ) {
      return { type: 'access', workspaceId: e['workspaceId'] }
    }
    return null
  } catch {
    return null
  }
}

export async function startPgNotifyBridge(
  pool: pg.Pool,
): Promise<{ bus: ChangeBus; close(): Promise<void> }> {
  const bus = new NotifyingBus(pool)
  let client: pg.PoolClient | null = null
  let closed = false
  let retry: NodeJS.Timeout | null = null

  const connect = async (): Promise<void> => {
    try {
      const c = await pool.connect()
      client = c
      c.on('notification', (message) => {
        const event = parseRemote(message.payload, bus.instanceId)
        if (event) bus.deliverRemote(event)
      })
      c.on('error', (error) => {
        log.warn('listen connection lost', { error: String(error) })
        c.release(true)
        client = null
        if (!closed) retry = setTimeout(() => void connect(), 1_000)
      })
      await c.query(`LISTEN ${CHANNEL}`)
      // Anything may have happened while we were not listening.
      bus.deliverRemote({ type: 'access', workspaceId: null })
    } catch (error) {
      log.warn('listen failed; retrying', { error: String(error) })
      if (!closed) retry = setTimeout(() => void connect(), 1_000)
    }
  }
  await connect()

  return {
    bus,
    async close() {
      closed = true
      if (retry) clearTimeout(retry)
      const c = client
      client = null
      if (c) {
        await c.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined)
        c.release()
      }
    },
  }
}
