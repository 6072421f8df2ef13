import type { TestClient } from '../server/test-support/client'

type Collection = Parameters<TestClient['sync']['pull']['query']>[0]['collection']

/** Every document of a collection in the workspace, as the server holds it (all pages). */
export async function pullAll<T = Record<string, unknown>>(
  api: TestClient,
  workspaceId: string,
  collection: Collection,
): Promise<T[]> {
  const PAGE = 1000
  const out: T[] = []
  let checkpoint: { seq: number } | null = null
  for (;;) {
    const got: { documents: Record<string, unknown>[]; checkpoint: { seq: number } } =
      await api.sync.pull.query({ collection, workspaceId, checkpoint, limit: PAGE })
    out.push(...(got.documents as T[]))
    checkpoint = got.checkpoint
    if (got.documents.length < PAGE) return out
  }
}
