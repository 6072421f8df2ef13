/**
 * Deal reminders (48 hours, 2 hours, overdue) are shown once per device: the keys of those
 * already shown are remembered on the device, and a reminder whose key is among them is not
 * shown again — not on reload, not in a second window, not when the deadline list re-renders.
 */
export const MAX_REMEMBERED = 500

export function newReminders<T extends { reminderKey: string | null }>(
  due: readonly T[],
  seen: readonly string[],
): { fresh: T[]; seen: string[] } {
  const known = new Set(seen)
  const fresh: T[] = []
  for (const item of due) {
    if (!item.reminderKey || known.has(item.reminderKey)) continue
    known.add(item.reminderKey)
    fresh.push(item)
  }
  // Oldest first out: the newest keys are the ones still due.
  return { fresh, seen: [...known].slice(-MAX_REMEMBERED) }
}

/** Reads the remembered keys from storage text (anything unreadable counts as none). */
export function parseSeen(raw: string | null): string[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]')
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}
