import { createLogger } from '../../shared/logger'
import { bumpEpoch, readEpoch } from './replication-epoch'
import {
  startReplication,
  type ReeldeskReplication,
  type StartReplicationOptions,
} from './replication'
import type { StopReason } from './stop-reason'

const log = createLogger('replication')

export interface SupervisedReplication {
  /** The replication running now (a fresh start replaces it). */
  current(): ReeldeskReplication | null
  /** Why replication ended for good: anything but a fresh start, which is handled here. */
  stopped: Promise<Exclude<StopReason, { kind: 'reset' }>>
  cancel(): Promise<void>
}

export interface SuperviseOptions extends Omit<StartReplicationOptions, 'epoch'> {
  /** Called with each replication started; returns what to undo when it is replaced or ends. */
  onStart?: (replication: ReeldeskReplication) => () => void
}

/**
 * Keeps a workspace's replication running across fresh starts: when the server's data is older
 * than what this device has seen (CHECKPOINT_AHEAD: restored from a backup, or another database),
 * it moves to the next epoch and starts again, so every local document is offered to the server
 * (the ones it lost are written back, the others come back as conflicts and merge to no change)
 * and everything is pulled again (RxDB skips what is already equal).
 */
export function superviseReplication(options: SuperviseOptions): SupervisedReplication {
  let current: ReeldeskReplication | null = null
  let cancelled = false
  let undo: () => void = () => undefined
  const stopped = (async () => {
    for (;;) {
      const epoch = await readEpoch(options.db)
      if (cancelled) return new Promise<never>(() => undefined)
      const replication = startReplication({ ...options, epoch })
      current = replication
      undo = options.onStart?.(replication) ?? (() => undefined)
      const stop = await replication.stopped
      if (stop.kind !== 'reset') return stop
      log.warn('the server is behind this device: starting replication over', { epoch })
      undo()
      await replication.cancel()
      if (cancelled) return new Promise<never>(() => undefined)
      await bumpEpoch(options.db)
    }
  })()
  return {
    current: () => current,
    stopped,
    async cancel() {
      cancelled = true
      undo()
      await current?.cancel()
    },
  }
}
