import type { CollectionName } from '../../shared/data/collection-contract'
import type { PurgeReport } from '../data/replication'

/** What users call the documents of each collection, one and many. */
const NOUNS: Record<CollectionName, [string, string]> = {
  workspaces: ['workspace', 'workspaces'],
  accounts: ['creator account', 'creator accounts'],
  media: ['media file', 'media files'],
  projects: ['project', 'projects'],
  posts: ['post', 'posts'],
  metrics: ['analytics record', 'analytics records'],
  ledger: ['earnings entry', 'earnings entries'],
  deals: ['brand deal', 'brand deals'],
  messages: ['deal message', 'deal messages'],
  products: ['product', 'products'],
}

export function nounFor(collection: CollectionName, count: number): string {
  const [one, many] = NOUNS[collection]
  return count === 1 ? one : many
}

/** "3 projects were removed from this device: your access to them changed." */
export function describePurge(report: PurgeReport): string {
  const verb = report.count === 1 ? 'was' : 'were'
  return `${report.count} ${nounFor(report.collection, report.count)} ${verb} removed from this device: your access to them changed.`
}
