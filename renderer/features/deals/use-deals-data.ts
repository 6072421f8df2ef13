import { useMemo } from 'react'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import type { DealDoc, MessageDoc, PostDoc } from '../../../shared/data/registry'

/** Strips RxDB's tombstone flag: the local collections' schemas do not list `_deleted`. */
export function forUpsert<T extends { _deleted: boolean }>(doc: T): Omit<T, '_deleted'> {
  const { _deleted, ...rest } = doc
  return rest
}

/** The workspace's deals (of one account, or all), their messages and the posts they can link. */
export function useDealsData(workspaceId: string, accountId: string | null) {
  const scope = useMemo(
    () => ({ selector: accountId ? { workspaceId, accountId } : { workspaceId } }),
    [workspaceId, accountId],
  )
  const deals = useLiveRxQuery<DealDoc>({ collection: 'deals', query: scope })
  const messages = useLiveRxQuery<MessageDoc>({ collection: 'messages', query: scope })
  const posts = useLiveRxQuery<PostDoc>({ collection: 'posts', query: scope })
  const dealCollection = useRxCollection<DealDoc>('deals')
  const messageCollection = useRxCollection<MessageDoc>('messages')
  const postCollection = useRxCollection<PostDoc>('posts')
  return {
    loading: deals.loading,
    deals: deals.results.map((d) => d.toJSON() as DealDoc),
    messages: messages.results.map((d) => d.toJSON() as MessageDoc),
    posts: posts.results.map((d) => d.toJSON() as PostDoc),
    async saveDeal(doc: DealDoc) {
      if (!dealCollection) throw new Error('The workspace database is not open yet.')
      await dealCollection.upsert(forUpsert(doc))
    },
    async saveMessage(doc: MessageDoc) {
      if (!messageCollection) throw new Error('The workspace database is not open yet.')
      await messageCollection.upsert(forUpsert(doc))
    },
    async savePost(doc: PostDoc) {
      if (!postCollection) throw new Error('The workspace database is not open yet.')
      await postCollection.upsert(forUpsert(doc))
    },
  }
}

export type DealsData = ReturnType<typeof useDealsData>
