import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleDocs } from '../../shared/data/sample-docs'
import { createReeldeskDatabase, type ReeldeskDatabase } from './database'
import { wrappedValidateZodStorage } from './zod-validate-storage'

let db: ReeldeskDatabase | null = null
afterEach(async () => {
  await db?.close()
  db = null
})

async function open(name: string) {
  db = await createReeldeskDatabase({
    storage: wrappedValidateZodStorage({ storage: getRxStorageMemory() }),
    validate: false,
    name,
    only: ['accounts'],
  })
  return db
}

describe('zod-validated storage', () => {
  it('accepts a valid document and refuses an invalid local write with the field named', async () => {
    const database = await open('zodvalid1')
    const account = sampleDocs().accounts
    await database.accounts.insert(account)
    expect(await database.accounts.count().exec()).toBe(1)
    await expect(
      database.accounts.insert({
        ...account,
        id: '01960000-0000-7000-8000-0000000000ff',
        accountId: '01960000-0000-7000-8000-0000000000ff',
        handle: 'not a handle!',
      }),
    ).rejects.toMatchObject({
      parameters: { writeError: { status: 422, validationErrors: [{ field: 'handle' }] } },
    })
    expect(await database.accounts.count().exec()).toBe(1)
  })

  it('does not re-validate what the replication writes from the server', async () => {
    const database = await open('zodvalid2')
    const account = sampleDocs().accounts
    const instance = database.accounts.storageInstance
    const now = Date.now()
    const row = {
      document: {
        ...account,
        handle: 'not a handle!',
        _rev: '1-a',
        _meta: { lwt: now },
        _attachments: {},
      },
    }
    // Locally this write is refused …
    const local = await instance.bulkWrite([row], 'local-insert')
    expect(local.error[0]).toMatchObject({ status: 422 })
    // … while the replication's own writes pass straight through (the server validated them).
    const downstream = await instance.bulkWrite([row], 'replication-downstream-abc')
    expect(downstream.error).toEqual([])
  })
})
