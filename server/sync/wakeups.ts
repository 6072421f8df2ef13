import type { BusEvent, ChangeBus } from './change-bus'

export type WakeupReason = 'commit' | 'access' | 'timer'

/** Why to look again, and for commits which collections changed since the last wakeup. */
export interface Wakeup {
  reason: WakeupReason
  collections: ReadonlySet<string>
}

/**
 * Why an open stream should look at the database again: a commit in its workspace, an access
 * change (session ended, membership changed) or the periodic re-check. Wakeups coalesce, so a
 * burst of commits costs one query; the iterator ends when `signal` aborts.
 */
export async function* wakeups(
  bus: ChangeBus,
  workspaceId: string,
  recheckMs: number,
  signal: AbortSignal,
): AsyncGenerator<Wakeup> {
  const pending = new Set<WakeupReason>()
  let changed = new Set<string>()
  let notify: (() => void) | null = null
  const wake = (reason: WakeupReason) => {
    pending.add(reason)
    notify?.()
  }
  const unsubscribe = bus.subscribe((event: BusEvent) => {
    if (event.type === 'commit' && event.workspaceId === workspaceId) {
      for (const c of event.collections) changed.add(c)
      wake('commit')
    } else if (
      event.type === 'access' &&
      (event.workspaceId === null || event.workspaceId === workspaceId)
    )
      wake('access')
  })
  const timer = setInterval(() => wake('timer'), recheckMs)
  const onAbort = () => notify?.()
  signal.addEventListener('abort', onAbort)
  try {
    while (!signal.aborted) {
      if (pending.size === 0) {
        await new Promise<void>((resolve) => {
          notify = resolve
        })
        notify = null
        continue
      }
      // Access first: a revoked session must not receive one more batch.
      const reason: WakeupReason = pending.has('access')
        ? 'access'
        : pending.has('timer')
          ? 'timer'
          : 'commit'
      pending.delete(reason)
      const collections = changed
      changed = new Set()
      yield { reason, collections }
    }
  } finally {
    unsubscribe()
    clearInterval(timer)
    signal.removeEventListener('abort', onAbort)
  }
}
