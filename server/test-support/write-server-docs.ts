import type { CollectionName } from '../../shared/data/collection-contract'
import type { Database } from '../db/connect'
import type { ChangeBus } from '../sync/change-bus'
import { withWorkspaceWrite } from '../sync/workspace-write'

/**
 * Writes server-owned documents in their own transaction through the server's write path — what
 * the benchmarks seed with, and their "write only" anchor.
 */
export function writeServerDocs(
  database: Database,
  bus: ChangeBus,
  workspaceId: string,
  collection: CollectionName,
  docs: readonly Record<string, unknown>[],
): Promise<void> {
  return withWorkspaceWrite(database, bus, workspaceId, (w) => w.write(collection, docs))
}
