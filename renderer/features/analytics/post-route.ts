import { useSyncExternalStore } from 'react'

/**
 * The post detail page lives at `#/analytics/post/<id>`: a link to it survives reload, and the
 * browser's back button (or Esc) returns to the list it was opened from.
 */
const PREFIX = '#/analytics/post/'

export function postIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null
  const id = decodeURIComponent(hash.slice(PREFIX.length).split(/[/?]/)[0] ?? '')
  return id.length > 0 && id.length <= 64 ? id : null
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** Whether the detail page was opened from a list in this tab (then "back" is history's back). */
let openedFromList = false

export function usePostRoute(): string | null {
  return useSyncExternalStore(subscribe, () => postIdFromHash(window.location.hash))
}

export function openPost(postId: string): void {
  openedFromList = true
  window.location.hash = `/analytics/post/${encodeURIComponent(postId)}`
}

export function closePost(): void {
  if (openedFromList) {
    openedFromList = false
    window.history.back()
  } else window.location.hash = '/analytics'
}
