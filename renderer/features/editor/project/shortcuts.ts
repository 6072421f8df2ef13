/**
 * The editor's keyboard shortcuts, as in most editors: Space play/pause, J/K/L shuttle, S split,
 * Delete remove (with ripple), ←/→ one frame (Shift: a second), Home/End, Escape deselect,
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo, Ctrl/Cmd+C/X/V copy, cut and paste,
 * Ctrl/Cmd+A select all, +/− zoom, M mute or unmute the preview's sound. Pure: the page maps a keydown to a command and runs it.
 */
export type EditorCommand =
  | 'togglePlay'
  | 'shuttleBack'
  | 'shuttleStop'
  | 'shuttleForward'
  | 'split'
  | 'deleteSelection'
  | 'previousFrame'
  | 'nextFrame'
  | 'undo'
  | 'redo'
  | 'previousSecond'
  | 'nextSecond'
  | 'toStart'
  | 'toEnd'
  | 'deselect'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'selectAll'
  | 'zoomIn'
  | 'zoomOut'
  | 'toggleMute'

export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
  /** The element with focus: typing in a field must never trigger editing commands. */
  target?: { tagName?: string; isContentEditable?: boolean } | null
}

function isTyping(target: KeyLike['target']): boolean {
  if (!target) return false
  const tag = (target.tagName ?? '').toUpperCase()
  return (
    target.isContentEditable === true || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT'
  )
}

/** `mac`: the primary modifier is Cmd there, Ctrl elsewhere. */
export function commandForKey(event: KeyLike, mac: boolean): EditorCommand | null {
  if (isTyping(event.target) || event.altKey) return null
  const primary = mac ? event.metaKey : event.ctrlKey
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  if (primary) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
    if (key === 'y' && !mac) return 'redo'
    if (event.shiftKey) return null
    if (key === 'c') return 'copy'
    if (key === 'x') return 'cut'
    if (key === 'v') return 'paste'
    if (key === 'a') return 'selectAll'
    return null
  }
  if (event.ctrlKey || event.metaKey) return null
  if (event.shiftKey && key === 'ArrowLeft') return 'previousSecond'
  if (event.shiftKey && key === 'ArrowRight') return 'nextSecond'
  switch (key) {
    case 'Home':
      return 'toStart'
    case 'End':
      return 'toEnd'
    case 'Escape':
      return 'deselect'
    case '+':
    case '=':
      return 'zoomIn'
    case '-':
      return 'zoomOut'
    case ' ':
      return 'togglePlay'
    case 'j':
      return 'shuttleBack'
    case 'k':
      return 'shuttleStop'
    case 'l':
      return 'shuttleForward'
    case 's':
      return 'split'
    case 'm':
      return 'toggleMute'
    case 'Delete':
    case 'Backspace':
      return 'deleteSelection'
    case 'ArrowLeft':
      return 'previousFrame'
    case 'ArrowRight':
      return 'nextFrame'
    default:
      return null
  }
}
