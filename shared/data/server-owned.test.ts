import { describe, expect, it } from 'vitest'
import { collections } from './registry'
import { sampleDocs } from './sample-docs'
import { serverOwnedViolations } from './server-owned'

describe('serverOwnedViolations', () => {
  it('accepts client-created documents whose server-owned fields hold the defaults', () => {
    const s = sampleDocs()
    expect(serverOwnedViolations(collections.posts, undefined, s.posts)).toEqual([])
    expect(serverOwnedViolations(collections.accounts, undefined, s.accounts)).toEqual([])
    expect(serverOwnedViolations(collections.ledger, undefined, s.ledger)).toEqual([])
    expect(serverOwnedViolations(collections.media, undefined, s.media)).toEqual([])
  })

  it('refuses a client-created document that presets a server-owned field', () => {
    const s = sampleDocs()
    const post = { ...s.posts, publish: { ...s.posts.publish, state: 'published' as const } }
    expect(serverOwnedViolations(collections.posts, undefined, post)).toEqual(['publish'])
    const account = { ...s.accounts, followerCount: 1_000_000, ageVerified: true }
    expect(serverOwnedViolations(collections.accounts, undefined, account)).toEqual([
      'followerCount',
      'ageVerified',
    ])
  })

  it('refuses changes to server-owned fields, ids and workspace', () => {
    const s = sampleDocs()
    const stored = s.posts
    const pushed = { ...stored, caption: 'ok', publish: { ...stored.publish, platformPostId: 'x' } }
    expect(serverOwnedViolations(collections.posts, stored, pushed)).toEqual(['publish'])
    expect(
      serverOwnedViolations(collections.posts, stored, { ...stored, caption: 'fine' }),
    ).toEqual([])
    expect(
      serverOwnedViolations(collections.posts, stored, { ...stored, workspaceId: s.accounts.id }),
    ).toEqual(['workspaceId'])
    const ws = s.workspaces
    expect(serverOwnedViolations(collections.workspaces, ws, { ...ws, name: 'Renamed' })).toEqual(
      [],
    )
    expect(serverOwnedViolations(collections.workspaces, ws, { ...ws, members: [] })).toEqual([
      'members',
    ])
  })

  it('refuses creating collections only the server creates', () => {
    const s = sampleDocs()
    expect(serverOwnedViolations(collections.workspaces, undefined, s.workspaces)).toEqual([
      'collection is not client-creatable',
    ])
    expect(serverOwnedViolations(collections.metrics, undefined, s.metrics)).toEqual([
      'document is server-owned',
    ])
  })

  it('refuses any push of a server-owned document, including deleting it or forging one', () => {
    const s = sampleDocs()
    const fromConnector = { ...s.ledger, source: 'connector' as const }
    expect(
      serverOwnedViolations(collections.ledger, fromConnector, {
        ...fromConnector,
        _deleted: true,
      }),
    ).toEqual(['document is server-owned'])
    expect(serverOwnedViolations(collections.ledger, undefined, fromConnector)).toEqual([
      'document is server-owned',
    ])
    expect(
      serverOwnedViolations(collections.ledger, s.ledger, { ...s.ledger, note: 'mine' }),
    ).toEqual([])
    const brandMessage = {
      ...s.messages,
      author: { kind: 'brand' as const, userId: null, name: 'Sunny Sips' },
    }
    expect(serverOwnedViolations(collections.messages, undefined, brandMessage)).toEqual([
      'document is server-owned',
    ])
    expect(
      serverOwnedViolations(collections.metrics, s.metrics, { ...s.metrics, posts: [] }),
    ).toEqual(['document is server-owned'])
  })
})
