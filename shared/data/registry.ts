import type { CollectionDefinition, CollectionName } from './collection-contract'
import { accounts, type AccountDoc } from './collections/accounts'
import { deals, type DealDoc } from './collections/deals'
import { ledger, type LedgerEntryDoc } from './collections/ledger'
import { media, type MediaDoc } from './collections/media'
import { messages, type MessageDoc } from './collections/messages'
import { metrics, type MetricDoc, type MetricPackDoc } from './collections/metrics'
import { posts, type PostDoc } from './collections/posts'
import { products, type ProductDoc } from './collections/products'
import { projects, type ProjectDoc } from './collections/projects'
import { workspaces, type WorkspaceDoc } from './collections/workspaces'

export type {
  AccountDoc,
  DealDoc,
  LedgerEntryDoc,
  MediaDoc,
  MessageDoc,
  MetricDoc,
  MetricPackDoc,
  PostDoc,
  ProductDoc,
  ProjectDoc,
  WorkspaceDoc,
}

/** The document type of each collection. */
export interface CollectionDocs {
  workspaces: WorkspaceDoc
  accounts: AccountDoc
  media: MediaDoc
  projects: ProjectDoc
  posts: PostDoc
  metrics: MetricPackDoc
  ledger: LedgerEntryDoc
  deals: DealDoc
  messages: MessageDoc
  products: ProductDoc
}

export type AnyDoc = CollectionDocs[CollectionName]

/** Every replicated collection, by name: the one list client and server build from. */
export const collections: { [K in CollectionName]: CollectionDefinition<CollectionDocs[K]> } = {
  workspaces,
  accounts,
  media,
  projects,
  posts,
  metrics,
  ledger,
  deals,
  messages,
  products,
}
