import { useEffect, useRef, useState } from 'react'
import type { PostDoc } from '../../../shared/data/registry'
import { DraftKeeper } from './draft-keeper'

/**
 * The composer edits a local copy so typing never waits for the database; the copy is written
 * shortly after the last change (and at once when the post changes or the page closes). Once
 * the stored document shows the write, it is shown again, with what the server or another member
 * changed (draft-keeper.ts).
 */
export function useLocalDraft(
  stored: PostDoc | null,
  save: (doc: PostDoc) => Promise<void>,
): [PostDoc | null, (next: PostDoc) => void] {
  const [local, setLocal] = useState<PostDoc | null>(null)
  const keeper = useRef<DraftKeeper<PostDoc> | null>(null)
  keeper.current ??= new DraftKeeper<PostDoc>(setLocal, save)
  const draft = keeper.current
  draft.setSave(save)

  useEffect(() => draft.storedChanged(stored), [draft, stored])

  const id = stored?.id ?? null
  useEffect(() => {
    const flush = () => draft.flush()
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [draft, id])

  return [local && local.id === id ? local : stored, (next) => draft.change(next)]
}
