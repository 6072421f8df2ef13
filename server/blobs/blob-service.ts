import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { can } from '../../shared/auth/permissions'
import {
  MAX_BLOB_BYTES,
  MAX_CHUNK_BYTES,
  type BlobScope,
  type BlobStored,
  type StartUpload,
  type StorageSettings,
  type StorageUsage,
  type UploadStarted,
  type UploadState,
} from '../../shared/blobs/protocol'
import { createLogger } from '../../shared/logger'
import type { Database } from '../db/connect'
import { writeTransaction } from '../db/transaction'
import { toNumber } from '../db/values'
import { recordAudit } from '../workspaces/audit'
import type { Member } from '../workspaces/members'
import { BlobError } from './blob-error'
import { ChunkTooBigError, type BlobStore } from './blob-store'
import { formatBytes } from '../../shared/format-bytes'

const log = createLogger('blobs')

/** Disk space kept free beyond an upload's size, so the database and logs can still write. */
const DISK_MARGIN_BYTES = 256 * 1024 * 1024

export interface BlobServiceOptions {
  database: Database
  store: BlobStore
  /** Storage each workspace may use (blobs stored plus uploads in progress). */
  quotaBytes: number
  now?: () => number
}

type UploadRow = {
  id: string
  workspace_id: string
  sha256: string
  size: number | string
  collection: string
  account_id: string
  created_by: string
  received: number | string
}

const scopeDoc = (accountId: string) => ({ accountId: accountId === '' ? null : accountId })

function isBlobCollection(value: string): value is BlobScope['collection'] {
  return value === 'media' || value === 'projects' || value === 'posts'
}

function mayWrite(member: Member, scope: BlobScope): boolean {
  return can(member, 'write', scope.collection, { accountId: scope.accountId })
}

function mayReadGrant(member: Member, grant: { collection: string; account_id: string }) {
  return (
    isBlobCollection(grant.collection) &&
    can(member, 'read', grant.collection, scopeDoc(grant.account_id))
  )
}

/** A chunk's answer when a chunk before it in the same upload's pipeline was not made durable. */
class EarlierChunkFailed extends Error {
  constructor() {
    super('a chunk before this one was not made durable')
    this.name = 'EarlierChunkFailed'
  }
}
const earlierFailed = (): never => {
  throw new EarlierChunkFailed()
}

/**
 * The blob store's rules: who may upload and read what, quotas, resumable uploads that are
 * verified before they become visible, and garbage collection of what nothing references.
 */
export function createBlobService(options: BlobServiceOptions) {
  const { database, store, quotaBytes } = options
  const { db } = database
  const now = options.now ?? Date.now
  /** One request at a time per upload (two PUTs at once would interleave their bytes). */
  const locks = new Map<string, Promise<unknown>>()
  /**
   * Chunks written but not yet acknowledged, per upload: `end` is where the next chunk may
   * start, `durable` settles once every byte up to `end` is fsynced and its offset committed.
   * A client may send the next chunk while the server syncs the one before (its bytes are
   * written meanwhile, under the lock); each is acknowledged only once it and every chunk
   * before it are durable, in order. Memory only: after a crash the committed offset is the
   * truth and the bytes past it are cut.
   */
  const pipes = new Map<string, { end: number; durable: Promise<void> }>()
  /** Waits until no chunk of the upload is between written and acknowledged. */
  const settled = async (uploadId: string) => {
    for (let pipe = pipes.get(uploadId); pipe; pipe = pipes.get(uploadId))
      await pipe.durable.catch(() => undefined)
  }

  const withLock = async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve()
    const run = previous.then(work, work)
    const settled = run.catch(() => undefined)
    locks.set(key, settled)
    try {
      return await run
    } finally {
      if (locks.get(key) === settled) locks.delete(key)
    }
  }

  const readable = async (member: Member, hash: string): Promise<boolean> => {
    const grants = await db
      .selectFrom('blob_grants')
      .select(['collection', 'account_id'])
      .where('workspace_id', '=', member.workspaceId)
      .where('sha256', '=', hash)
      .execute()
    return grants.some((g) => mayReadGrant(member, g))
  }

  const addGrant = (
    trx: typeof db,
    workspaceId: string,
    hash: string,
    scope: { collection: string; account_id: string },
  ) =>
    trx
      .insertInto('blob_grants')
      .values({ workspace_id: workspaceId, sha256: hash, ...scope })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'sha256', 'collection', 'account_id']).doNothing(),
      )
      .execute()

  const totals = async (workspaceId: string) => {
    const stored = await db
      .selectFrom('workspace_blobs')
      .select((eb) => [
        eb.fn.sum<number | string>('size').as('bytes'),
        eb.fn.countAll<number | string>().as('count'),
      ])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    const reserved = await db
      .selectFrom('blob_uploads')
      .select((eb) => eb.fn.sum<number | string>('size').as('bytes'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return {
      used: toNumber(stored?.bytes ?? 0),
      count: toNumber(stored?.count ?? 0),
      reserved: toNumber(reserved?.bytes ?? 0),
    }
  }

  const keepsOriginalsLocal = async (workspaceId: string) => {
    const row = await db
      .selectFrom('workspace_storage')
      .select('keep_originals_local')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row ? Number(row.keep_originals_local) === 1 : false
  }

  const ownUpload = async (member: Member, uploadId: string): Promise<UploadRow> => {
    const row = await db
      .selectFrom('blob_uploads')
      .selectAll()
      .where('id', '=', uploadId)
      .where('workspace_id', '=', member.workspaceId)
      .executeTakeFirst()
    // Someone else's upload is as good as absent: ids are not a way to probe.
    if (!row || row.created_by !== member.userId) {
      throw new BlobError('NOT_FOUND', 'This upload no longer exists: start it again.')
    }
    if (!isBlobCollection(row.collection)) throw new BlobError('INTERNAL', 'unknown upload scope')
    const scope = { collection: row.collection, ...scopeDoc(row.account_id) }
    if (!mayWrite(member, scope)) {
      throw new BlobError('FORBIDDEN', `Your role (${member.role}) can no longer upload this file.`)
    }
    return row
  }

  const stateOf = (row: UploadRow): UploadState => ({
    uploadId: row.id,
    sha256: row.sha256,
    size: toNumber(row.size),
    received: toNumber(row.received),
  })

  return {
    store,

    async usage(member: Member): Promise<StorageUsage> {
      const { used, count, reserved } = await totals(member.workspaceId)
      return {
        usedBytes: used,
        reservedBytes: reserved,
        quotaBytes,
        blobCount: count,
        keepOriginalsLocal: await keepsOriginalsLocal(member.workspaceId),
        mayChangeSettings: can(member, 'write', 'workspaces'),
      }
    },

    async setSettings(member: Member, settings: StorageSettings): Promise<StorageUsage> {
      if (!can(member, 'write', 'workspaces')) {
        throw new BlobError(
          'FORBIDDEN',
          `Only an owner or manager can change where originals are kept (your role: ${member.role}).`,
        )
      }
      await writeTransaction(database, async (trx) => {
        await trx
          .insertInto('workspace_storage')
          .values({
            workspace_id: member.workspaceId,
            keep_originals_local: settings.keepOriginalsLocal ? 1 : 0,
            updated_at: now(),
          })
          .onConflict((oc) =>
            oc.column('workspace_id').doUpdateSet({
              keep_originals_local: settings.keepOriginalsLocal ? 1 : 0,
              updated_at: now(),
            }),
          )
          .execute()
        await recordAudit(trx, {
          workspaceId: member.workspaceId,
          actorUserId: member.userId,
          action: 'storage.settings_changed',
          details: { keepOriginalsLocal: settings.keepOriginalsLocal },
        })
      })
      return this.usage(member)
    },

    async startUpload(member: Member, input: StartUpload): Promise<UploadStarted> {
      const { scope } = input
      if (input.size > MAX_BLOB_BYTES) {
        throw new BlobError(
          'FILE_TOO_BIG',
          `This file is ${formatBytes(input.size)}; the server keeps files of up to ${formatBytes(MAX_BLOB_BYTES)}.`,
        )
      }
      if (!mayWrite(member, scope)) {
        throw new BlobError(
          'FORBIDDEN',
          member.role === 'creator'
            ? 'You can only upload files for the creator accounts assigned to you.'
            : `Your role (${member.role}) cannot upload files to this workspace.`,
        )
      }
      const grant = { collection: scope.collection, account_id: scope.accountId ?? '' }
      // Known here and readable by this member: link it to the new scope, send nothing. (A
      // member who cannot read it must send the bytes: a hash alone never grants access.)
      const held = await db
        .selectFrom('workspace_blobs')
        .select('size')
        .where('workspace_id', '=', member.workspaceId)
        .where('sha256', '=', input.sha256)
        .executeTakeFirst()
      if (
        held &&
        toNumber(held.size) === input.size &&
        (await readable(member, input.sha256)) &&
        (await store.objectSize(input.sha256)) === input.size
      ) {
        await writeTransaction(database, (trx) =>
          addGrant(trx, member.workspaceId, input.sha256, grant),
        )
        return { status: 'stored', sha256: input.sha256, size: input.size }
      }
      const resumable = await db
        .selectFrom('blob_uploads')
        .selectAll()
        .where('workspace_id', '=', member.workspaceId)
        .where('created_by', '=', member.userId)
        .where('sha256', '=', input.sha256)
        .where('size', '=', input.size)
        .executeTakeFirst()
      if (resumable) return { status: 'uploading', upload: stateOf(resumable) }

      const { used, reserved } = await totals(member.workspaceId)
      if (used + reserved + input.size > quotaBytes) {
        throw new BlobError(
          'QUOTA_EXCEEDED',
          `This workspace's storage is full: ${formatBytes(used + reserved)} of ${formatBytes(quotaBytes)} used, and this file needs ${formatBytes(input.size)}. Remove media or projects you no longer need, or keep originals on this device only.`,
        )
      }
      const free = await store.freeBytes()
      if (free !== null && free < input.size + DISK_MARGIN_BYTES) {
        throw new BlobError(
          'SERVER_FULL',
          `The sync server's disk is full (${formatBytes(free)} free): ask whoever runs it to free space.`,
        )
      }
      const id = randomUUID()
      const at = now()
      await store.prepareUpload(id, 0)
      await writeTransaction(database, (trx) =>
        trx
          .insertInto('blob_uploads')
          .values({
            id,
            workspace_id: member.workspaceId,
            sha256: input.sha256,
            size: input.size,
            ...grant,
            created_by: member.userId,
            received: 0,
            created_at: at,
            updated_at: at,
          })
          .execute(),
      )
      return {
        status: 'uploading',
        upload: { uploadId: id, sha256: input.sha256, size: input.size, received: 0 },
      }
    },

    async uploadState(member: Member, uploadId: string): Promise<UploadState> {
      return stateOf(await ownUpload(member, uploadId))
    },

    appendChunk(
      member: Member,
      uploadId: string,
      offset: number,
      body: Readable,
    ): Promise<UploadState> {
      const accepted = withLock(uploadId, async () => {
        let row = await ownUpload(member, uploadId)
        let received = toNumber(row.received)
        const size = toNumber(row.size)
        let pipe = pipes.get(uploadId)
        if (pipe && offset !== pipe.end) {
          // Not the next chunk of the pipeline (one before it failed, or the client lost
          // track): answer with what is durable once the chunks in flight have settled.
          await settled(uploadId)
          row = await ownUpload(member, uploadId)
          received = toNumber(row.received)
          pipe = undefined
        }
        const expected = pipe ? pipe.end : received
        if (offset !== expected) {
          throw new BlobError(
            'OFFSET_MISMATCH',
            `The server has ${received} bytes of this file: continue from there.`,
            received,
          )
        }
        const limit = Math.min(MAX_CHUNK_BYTES, size - offset)
        // Bytes beyond the durable offset (or the chunk before in the pipeline) are a crashed
        // write's leftovers: cut them first.
        let written: number
        try {
          written = await store.appendUpload(uploadId, offset, body, limit)
        } catch (error) {
          if (error instanceof ChunkTooBigError) {
            throw new BlobError(
              'CHUNK_TOO_BIG',
              limit < MAX_CHUNK_BYTES
                ? `This chunk goes past the end of the file (${size} bytes).`
                : `A chunk may carry at most ${MAX_CHUNK_BYTES} bytes.`,
              received,
            )
          }
          throw error
        }
        const end = offset + written
        const before = pipe?.durable ?? Promise.resolve()
        // In order: the chunk before is durable and committed, then this one (its sync also
        // covers bytes written after it, which is harmless: they are not acknowledged yet).
        const durable = before.catch(earlierFailed).then(async () => {
          await store.syncUpload(uploadId)
          await writeTransaction(database, (trx) =>
            trx
              .updateTable('blob_uploads')
              .set({ received: end, updated_at: now() })
              .where('id', '=', uploadId)
              .execute(),
          )
        })
        const entry = { end, durable }
        pipes.set(uploadId, entry)
        const done = () => {
          if (pipes.get(uploadId) === entry) pipes.delete(uploadId)
        }
        durable.then(done, done)
        return { durable, state: { ...stateOf(row), received: end } }
      })
      // The lock is free for the next chunk's bytes while this one syncs; the answer waits.
      return accepted.then(async ({ durable, state }) => {
        try {
          await durable
        } catch (error) {
          // Its own sync or commit failed: an error, as before pipelining. A chunk before it
          // failed: this one is not kept either; the client continues from what is durable.
          if (!(error instanceof EarlierChunkFailed)) throw error
          const row = await ownUpload(member, uploadId)
          throw new BlobError(
            'OFFSET_MISMATCH',
            `The server has ${toNumber(row.received)} bytes of this file: continue from there.`,
            toNumber(row.received),
          )
        }
        return state
      })
    },

    complete(member: Member, uploadId: string): Promise<BlobStored> {
      return withLock(uploadId, async () => {
        await settled(uploadId)
        const row = await ownUpload(member, uploadId)
        const size = toNumber(row.size)
        const received = toNumber(row.received)
        if (received < size) {
          throw new BlobError(
            'INCOMPLETE',
            `Only ${received} of ${size} bytes have arrived: send the rest first.`,
            received,
          )
        }
        const digest = await store.hashUpload(uploadId, size)
        if (digest !== row.sha256) {
          log.warn('upload checksum mismatch', { uploadId, workspaceId: row.workspace_id })
          await writeTransaction(database, (trx) =>
            trx.deleteFrom('blob_uploads').where('id', '=', uploadId).execute(),
          )
          await store.removeUpload(uploadId)
          throw new BlobError(
            'CHECKSUM_MISMATCH',
            'The file arrived damaged (its SHA-256 does not match): it has to be uploaded again.',
          )
        }
        await writeTransaction(database, async (trx) => {
          const object = await trx
            .selectFrom('blob_objects')
            .select('sha256')
            .where('sha256', '=', row.sha256)
            .executeTakeFirst()
          // A file left without its row (a crash, or one the orphan sweep is about to remove)
          // is never reused: the verified upload replaces it.
          if (!object || (await store.objectSize(row.sha256)) !== size) {
            await store.promoteUpload(uploadId, row.sha256)
            await trx
              .insertInto('blob_objects')
              .values({ sha256: row.sha256, size, created_at: now() })
              .onConflict((oc) => oc.column('sha256').doNothing())
              .execute()
          }
          await trx
            .insertInto('workspace_blobs')
            .values({
              workspace_id: row.workspace_id,
              sha256: row.sha256,
              size,
              created_by: row.created_by,
              created_at: now(),
            })
            .onConflict((oc) => oc.columns(['workspace_id', 'sha256']).doNothing())
            .execute()
          await addGrant(trx, row.workspace_id, row.sha256, {
            collection: row.collection,
            account_id: row.account_id,
          })
          await trx.deleteFrom('blob_uploads').where('id', '=', uploadId).execute()
        })
        await store.removeUpload(uploadId)
        log.info('blob stored', { workspaceId: row.workspace_id, size })
        return { status: 'stored', sha256: row.sha256, size }
      })
    },

    cancel(member: Member, uploadId: string): Promise<void> {
      return withLock(uploadId, async () => {
        await ownUpload(member, uploadId)
        await settled(uploadId)
        await writeTransaction(database, (trx) =>
          trx.deleteFrom('blob_uploads').where('id', '=', uploadId).execute(),
        )
        await store.removeUpload(uploadId)
      })
    },

    /** The object's size when this member may read it; NOT_FOUND otherwise (no probing). */
    async openObject(member: Member, hash: string): Promise<{ size: number }> {
      const size = (await readable(member, hash)) ? await store.objectSize(hash) : null
      if (size === null) throw new BlobError('NOT_FOUND', 'This file is not stored on the server.')
      return { size }
    },
  }
}

export type BlobService = ReturnType<typeof createBlobService>
