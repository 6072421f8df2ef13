import type { ReeldeskDatabase } from './database'

const EPOCH_ID = 'replication-epoch'

/** The replication epoch this device uses with the server (replication.ts `epoch`). */
export async function readEpoch(db: ReeldeskDatabase): Promise<number> {
  const doc = await db.getLocal<{ epoch: number }>(EPOCH_ID)
  return doc?.toJSON().data.epoch ?? 0
}

/** Moves to the next epoch: fresh checkpoints both ways on the next start. */
export async function bumpEpoch(db: ReeldeskDatabase): Promise<number> {
  const next = (await readEpoch(db)) + 1
  await db.upsertLocal(EPOCH_ID, { epoch: next })
  return next
}
