import { useMemo } from 'react'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { rebaseEdit } from '../../../shared/data/rebase-edit'
import {
  collections,
  type DealDoc,
  type MessageDoc,
  type PostDoc,
  type ProjectDoc,
} from '../../../shared/data/registry'

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
  const projects = useLiveRxQuery<ProjectDoc>({ collection: 'projects', query: scope })
  const dealCollection = useRxCollection<DealDoc>('deals')
  const messageCollection = useRxCollection<MessageDoc>('messages')
  const postCollection = useRxCollection<PostDoc>('posts')
  return {
    loading: deals.loading,
    deals: deals.results.map((d) => d.toJSON() as DealDoc),
    messages: messages.results.map((d) => d.toJSON() as MessageDoc),
    posts: posts.results.map((d) => d.toJSON() as PostDoc),
    projects: projects.results
      .map((d) => d.toJSON() as ProjectDoc)
      .filter((p) => !p._deleted && p.trashedAt === null),
    /**
     * Saves a deal. Given the deal as the screen drew it (`base`), the edit is merged onto the
     * stored deal instead of replacing it (a change that arrived since is kept), and `check`
     * may refuse the result with a reason (thrown as the error's message).
     */
    async saveDeal(
      doc: DealDoc,
      base?: DealDoc,
      check?: (current: DealDoc, next: DealDoc) => string | null,
    ) {
      if (!dealCollection) throw new Error('The workspace database is not open yet.')
      const stored = base ? await dealCollection.findOne(doc.id).exec() : null
      if (!base || !stored) {
        await dealCollection.upsert(forUpsert(doc))
        return
      }
      await stored.incrementalModify((current) => {
        const next = rebaseEdit(base, doc, current, collections.deals.merge)
        const problem = check?.(current, next)
        if (problem) throw new Error(problem)
        // The tombstone flag stays the stored one: deleting is not an edit of this kind.
        return { ...next, _deleted: current._deleted }
      })
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
