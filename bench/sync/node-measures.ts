import { firstValueFrom, filter } from 'rxjs'
import { percentile, productDoc } from './docs'
import { benchDatabase, replicate } from './node-client'
import { benchUser, seedProducts } from './server'

/** Initial pull of `count` documents into a fresh client; docs per second, and the workspace. */
export async function measurePull(
  url: string,
  count: number,
): Promise<{ rate: number; workspaceId: string; token: string }> {
  const user = await benchUser(url)
  await seedProducts(url, user.token, user.workspaceId, count)
  const db = await benchDatabase()
  const started = performance.now()
  const replication = replicate(db, url, user.token, user.workspaceId)
  await replication.awaitInSync()
  const elapsed = performance.now() - started
  const pulled = await db.products.count().exec()
  await replication.cancel()
  await db.close()
  if (pulled !== count)
    throw new Error(`pull: expected ${count} documents, the client has ${pulled}`)
  return { rate: count / (elapsed / 1000), workspaceId: user.workspaceId, token: user.token }
}

/** Push of `count` documents created offline, from the moment the client goes online. */
export async function measurePush(url: string, count: number): Promise<number> {
  const user = await benchUser(url)
  const db = await benchDatabase()
  const docs = Array.from({ length: count }, (_, i) => productDoc(user.workspaceId, i))
  await db.products.bulkInsert(docs)
  const started = performance.now()
  const replication = replicate(db, url, user.token, user.workspaceId)
  await replication.awaitInSync()
  const elapsed = performance.now() - started
  await replication.cancel()
  await db.close()
  // Check on the server side with a second, fresh client.
  const check = await benchDatabase()
  const pulling = replicate(check, url, user.token, user.workspaceId)
  await pulling.awaitInSync()
  const onServer = await check.products.count().exec()
  await pulling.cancel()
  await check.close()
  if (onServer !== count)
    throw new Error(`push: expected ${count} documents on the server, found ${onServer}`)
  return count / (elapsed / 1000)
}

/** Writer → server → reader latency of single-document updates; p50 and p95 in ms. */
export async function measureLive(
  url: string,
  updates: number,
): Promise<{ p50: number; p95: number }> {
  const user = await benchUser(url)
  const writer = await benchDatabase()
  const reader = await benchDatabase()
  const a = replicate(writer, url, user.token, user.workspaceId)
  const b = replicate(reader, url, user.token, user.workspaceId)
  await Promise.all([a.awaitInSync(), b.awaitInSync()])
  const { _deleted, ...doc } = productDoc(user.workspaceId, 0)
  const latencies: number[] = []
  for (let i = 0; i <= updates; i++) {
    const price = 1000 + i
    const seen = firstValueFrom(
      reader.products.$.pipe(
        filter((e) => e.documentId === doc.id && e.documentData.priceMinor === price),
      ),
    )
    const started = performance.now()
    await writer.products.upsert({ ...doc, priceMinor: price, updatedAt: Date.now() })
    await seen
    // The first round includes opening the document on both sides: warm-up, not measured.
    if (i > 0) latencies.push(performance.now() - started)
  }
  await Promise.all([a.cancel(), b.cancel()])
  await Promise.all([writer.close(), reader.close()])
  latencies.sort((x, y) => x - y)
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) }
}
