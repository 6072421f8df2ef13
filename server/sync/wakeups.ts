import type { BusEvent, ChangeBus } from './change-bus'

export type Wakeup = 'commit' | 'access' | 'timer'

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
  const pending = new Set<Wakeup>()
  let notify: (() => void) | null = null
  const wake = (reason: Wakeup) => {
    pending.add(reason)
    notify?.()
  }
  const unsubscribe = bus.subscribe((event: BusEvent) => {
    if (event.type === 'commit' && event.workspaceId === workspaceId) wake('commit')
    else if (event.type === 'access' && (event.workspaceId === null || event.workspaceId === workspaceId)) wake('access')
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
      const reason: Wakeup = pending.has('access') ? 'access' : pending.has('timer') ? 'timer' : 'commit'
      pending.delete(reason)
      yield reason
    }
  } finally {
    unsubscribe()
    clearInterval(timer)
    signal.removeEventListener('abort', onAbort)
  }
}
