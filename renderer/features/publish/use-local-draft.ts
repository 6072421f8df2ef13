import { useEffect, useRef, useState } from 'react'
import type { PostDoc } from '../../../shared/data/registry'

const SAVE_AFTER_MS = 250

/**
 * The composer edits a local copy so typing never waits for the database; the copy is written
 * shortly after the last change (and at once when the post changes or the page closes). Once
 * written, the stored document (with what the server or another member changed) is shown again.
 */
export function useLocalDraft(
  stored: PostDoc | null,
  save: (doc: PostDoc) => Promise<void>,
): [PostDoc | null, (next: PostDoc) => void] {
  const [local, setLocal] = useState<PostDoc | null>(null)
  const pending = useRef<{ doc: PostDoc; timer: ReturnType<typeof setTimeout> } | null>(null)
  const saveRef = useRef(save)
  saveRef.current = save

  const flush = () => {
    const p = pending.current
    if (!p) return
    clearTimeout(p.timer)
    pending.current = null
    void saveRef.current(p.doc)
  }

  useEffect(() => {
    if (!pending.current) setLocal(null)
  }, [stored])

  const id = stored?.id ?? null
  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [id])

  const change = (next: PostDoc) => {
    setLocal(next)
    if (pending.current) clearTimeout(pending.current.timer)
    const timer = setTimeout(() => {
      pending.current = null
      void saveRef.current(next).then(() => {
        if (!pending.current) setLocal(null)
      })
    }, SAVE_AFTER_MS)
    pending.current = { doc: next, timer }
  }
  return [local && local.id === id ? local : stored, change]
}
