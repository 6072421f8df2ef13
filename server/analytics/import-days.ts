import { seriesOf } from '../../shared/analytics/metric-math'
import { importedReadings } from '../../shared/analytics/import/to-readings'
import type { ImportDay } from '../../shared/analytics/import/plan-import'
import { unpackAll } from '../../shared/analytics/metric-pack'
import type { MetricPackDoc } from '../../shared/data/registry'
import { fromJsonColumn } from '../db/values'
import type { Database } from '../db/connect'
import type { ChangeBus } from '../sync/change-bus'
import { withWorkspaceWrite } from '../sync/workspace-write'
import { writeReadings } from './metric-writes'

export interface ImportResult {
  /** Days that had no reading and now have one. */
  added: number
  /** Days the file holds that already had a reading (left as stored). */
  unchanged: number
}

/**
 * Imports an account's per-day numbers from a downloaded file, all or nothing in one workspace
 * write: the account's stored months are read inside the transaction, new days are chained into
 * cumulative readings (shared/analytics/import/to-readings.ts) and written into the month packs
 * that replicate like the sync's. Returns null when the account is not in the workspace.
 */
export async function importAccountDays(
  services: { database: Database; bus: ChangeBus },
  input: { workspaceId: string; accountId: string; days: readonly ImportDay[] },
  now: number,
): Promise<ImportResult | null> {
  return withWorkspaceWrite(services.database, services.bus, input.workspaceId, async (w) => {
    const account = (await w.read('accounts', [input.accountId])).get(input.accountId)
    if (!account || account['_deleted'] === true) return null
    const rows = await w.trx
      .selectFrom('documents')
      .select('data')
      .where('workspace_id', '=', input.workspaceId)
      .where('collection', '=', 'metrics')
      .where('account_id', '=', input.accountId)
      .where('deleted', '=', 0)
      .execute()
    const own = unpackAll(rows.map((r) => fromJsonColumn(r.data) as MetricPackDoc)).filter(
      (d) => d.postId === null,
    )
    const readings = importedReadings(input.days, seriesOf(own))
    await writeReadings(
      w,
      [
        {
          target: { workspaceId: input.workspaceId, accountId: input.accountId, postId: null },
          readings,
        },
      ],
      now,
    )
    return { added: readings.length, unchanged: input.days.length - readings.length }
  })
}
