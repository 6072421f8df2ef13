import { describe, expect, it } from 'vitest'
import {
  COLLECTION_NAMES,
  type CollectionDefinition,
  type CollectionName,
} from './collection-contract'
import { collections, type CollectionDocs } from './registry'
import { sampleDocs } from './sample-docs'

/** The typed per-collection merges: generic merge + server ownership + schema validation. */
describe('collection merges', () => {
  it('posts: offline caption edit and a server publish-state change both survive', () => {
    const base = sampleDocs().posts
    const local = {
      ...base,
      caption: 'Offline caption',
      hashtags: ['offline'],
      updatedAt: base.updatedAt + 10,
    }
    const remote = {
      ...base,
      privacy: 'public' as const,
      publish: { ...base.publish, state: 'queued' as const },
      updatedAt: base.updatedAt + 5,
    }
    expect(collections.posts.merge(base, local, remote)).toEqual({
      ...base,
      caption: 'Offline caption',
      hashtags: ['offline'],
      privacy: 'public',
      publish: { ...base.publish, state: 'queued' },
      updatedAt: base.updatedAt + 10,
    })
  })

  it('posts: a stale local publish state never overrides the server', () => {
    const base = sampleDocs().posts
    const local = {
      ...base,
      publish: { ...base.publish, state: 'failed' as const },
      updatedAt: base.updatedAt + 50,
    }
    const remote = {
      ...base,
      publish: { ...base.publish, state: 'published' as const },
      updatedAt: base.updatedAt + 1,
    }
    expect(collections.posts.merge(base, local, remote).publish.state).toBe('published')
  })

  it('posts: product tags added on both sides are all kept', () => {
    const base = sampleDocs().posts
    const tag = (id: string) => ({ id, productId: base.productTags[0]!.productId, atMs: 1 })
    const local = {
      ...base,
      productTags: [...base.productTags, tag('01890a5d-ac96-774b-bcce-b302099a8100')],
      updatedAt: base.updatedAt + 1,
    }
    const remote = {
      ...base,
      productTags: [...base.productTags, tag('01890a5d-ac96-774b-bcce-b302099a8101')],
      updatedAt: base.updatedAt + 2,
    }
    expect(collections.posts.merge(base, local, remote).productTags.map((t) => t.id)).toEqual([
      base.productTags[0]!.id,
      '01890a5d-ac96-774b-bcce-b302099a8101',
      '01890a5d-ac96-774b-bcce-b302099a8100',
    ])
  })

  it('falls back to the later side whole when the union would break a limit', () => {
    const base = { ...sampleDocs().posts, productTags: [] }
    const tags = (prefix: string) =>
      Array.from({ length: 15 }, (_, i) => ({
        id: `01890a5d-ac96-774b-bcce-${prefix}${String(i).padStart(10, '0')}`,
        productId: base.id,
        atMs: i,
      }))
    const local = { ...base, productTags: tags('aa'), updatedAt: base.updatedAt + 2 }
    const remote = {
      ...base,
      productTags: tags('bb'),
      publish: { ...base.publish, state: 'queued' as const },
      updatedAt: base.updatedAt + 1,
    }
    const merged = collections.posts.merge(base, local, remote)
    expect(merged.productTags).toEqual(local.productTags)
    expect(merged.publish.state).toBe('queued')
    expect(collections.posts.schema.safeParse(merged).success).toBe(true)
  })

  it('deals: deliverables merge by id', () => {
    const base = sampleDocs().deals
    const d0 = base.deliverables[0]!
    const local = { ...base, deliverables: [{ ...d0, done: true }], updatedAt: base.updatedAt + 1 }
    const added = { ...d0, id: '01890a5d-ac96-774b-bcce-b302099a8200', description: 'LIVE mention' }
    const remote = {
      ...base,
      state: 'contracted' as const,
      deliverables: [d0, added],
      updatedAt: base.updatedAt + 2,
    }
    const merged = collections.deals.merge(base, local, remote)
    expect(merged.state).toBe('contracted')
    expect(merged.deliverables).toEqual([{ ...d0, done: true }, added])
  })

  it('metrics and connector ledger entries: the server copy wins whole', () => {
    const s = sampleDocs()
    const metricLocal = { ...s.metrics, posts: [], updatedAt: s.metrics.updatedAt + 100 }
    const metricRemote = { ...s.metrics, account: null, updatedAt: s.metrics.updatedAt + 1 }
    expect(collections.metrics.merge(s.metrics, metricLocal, metricRemote)).toEqual(metricRemote)
    const entry = { ...s.ledger, source: 'connector' as const }
    const entryLocal = { ...entry, note: 'mine', updatedAt: entry.updatedAt + 100 }
    expect(collections.ledger.merge(entry, entryLocal, entry)).toEqual(entry)
  })

  it('workspaces: members come from the server, the name from the later edit', () => {
    const base = sampleDocs().workspaces
    const local = { ...base, name: 'Local name', members: [], updatedAt: base.updatedAt + 3 }
    const remote = { ...base, members: base.members.slice(0, 1), updatedAt: base.updatedAt + 1 }
    expect(collections.workspaces.merge(base, local, remote)).toEqual({
      ...base,
      name: 'Local name',
      members: base.members.slice(0, 1),
      updatedAt: base.updatedAt + 3,
    })
  })

  it('every collection: merge of identical sides is that side', () => {
    const s = sampleDocs()
    // A generic helper is how code handles "any collection" with full types.
    const identity = <K extends CollectionName>(name: K, doc: CollectionDocs[K]) => {
      const definition: CollectionDefinition<CollectionDocs[K]> = collections[name]
      expect(definition.merge(doc, doc, doc), name).toEqual(doc)
    }
    for (const name of COLLECTION_NAMES) identity(name, s[name])
  })
})
