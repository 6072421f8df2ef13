import { useState } from 'react'
import { Button } from 'react-aria-components'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { RefusedChange } from '../data/refusal-store'
import { nounFor } from './describe-purge'
import { describeRefusal, labelOf } from './describe-refusal'
import { useSyncStore } from './sync-store'

function useDiscard() {
  const discard = useSyncStore((s) => s.discard)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (collection: CollectionName, ids: readonly string[]) => {
    setBusy(true)
    setError(null)
    try {
      await discard(collection, ids)
    } catch (e) {
      setError(
        e instanceof Error && /offline|fetch|network/i.test(e.message)
          ? 'The server cannot be reached: try again when you are back online.'
          : `Could not discard: ${e instanceof Error ? e.message : String(e)}`,
      )
    } finally {
      setBusy(false)
    }
  }
  return { run, error, busy }
}

/**
 * Local changes the server refused, each with its reason in plain words and a way to drop it.
 * Discarding takes the server's copy back (or removes the document from this device when it is no
 * longer yours to see); nothing is sent.
 */
export function RefusedChanges({ changes }: { changes: readonly RefusedChange[] }) {
  const { run, error, busy } = useDiscard()
  const byCollection = new Map<CollectionName, RefusedChange[]>()
  for (const c of changes)
    byCollection.set(c.collection, [...(byCollection.get(c.collection) ?? []), c])
  return (
    <div className="refused">
      <p className="refused__intro">
        {changes.length === 1 ? 'One change was' : `${changes.length} changes were`} not saved to
        the server. Everything else keeps syncing.
      </p>
      <ul className="refused__list">
        {changes.map((c) => (
          <li key={`${c.collection}/${c.id}`}>
            <div>
              <strong>{labelOf(c)}</strong>{' '}
              <span className="muted">({nounFor(c.collection, 1)})</span>
              <p className="refused__reason">{describeRefusal(c)}</p>
            </div>
            <Button
              className="button"
              isDisabled={busy}
              aria-label={`Discard my change to ${labelOf(c)}`}
              onPress={() => void run(c.collection, [c.id])}
            >
              Discard my change
            </Button>
          </li>
        ))}
      </ul>
      {changes.length > 1 ? (
        <Button
          className="button"
          isDisabled={busy}
          onPress={() =>
            void (async () => {
              for (const [collection, list] of byCollection)
                await run(
                  collection,
                  list.map((c) => c.id),
                )
            })()
          }
        >
          Discard all {changes.length}
        </Button>
      ) : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** Shown beside a document whose last local change the server refused (e.g. in a list row). */
export function RefusalNotice({ collection, id }: { collection: CollectionName; id: string }) {
  const change = useSyncStore((s) =>
    s.refused.find((r) => r.collection === collection && r.id === id),
  )
  const { run, error, busy } = useDiscard()
  if (!change) return null
  return (
    <div className="refusal-notice" role="note">
      <span>Not saved: {describeRefusal(change)}</span>
      <Button
        className="button button--small"
        isDisabled={busy}
        aria-label={`Discard my change to ${labelOf(change)}`}
        onPress={() => void run(collection, [id])}
      >
        Discard my change
      </Button>
      {error ? <span className="form-error">{error}</span> : null}
    </div>
  )
}
