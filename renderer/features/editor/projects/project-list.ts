import { PROJECT_TRASH_DAYS, type ProjectDoc } from '../../../../shared/data/collections/projects'
import { codePointLength } from '../../../../shared/data/fields'

/**
 * The project list's rules, pure: what shows for a search, an account and the trash, in which
 * order; when trashed projects go for good; what a duplicate is.
 */
export type ProjectSort = 'edited' | 'title' | 'created'

export const SORT_LABELS: Record<ProjectSort, string> = {
  edited: 'Last edited',
  title: 'Name (A–Z)',
  created: 'Newest first',
}

const DAY_MS = 24 * 60 * 60_000

export interface ListOptions {
  readonly query: string
  /** Only this account's projects; null for every account the member can see. */
  readonly accountId: string | null
  readonly sort: ProjectSort
  /** The trash instead of the projects. */
  readonly trash: boolean
  readonly accountHandle?: (accountId: string) => string | undefined
}

/** One collator for every sort: `localeCompare` with options builds a new one per comparison. */
const titleCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
export function visibleProjects(docs: readonly ProjectDoc[], options: ListOptions): ProjectDoc[] {
  const words = options.query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean)
  const matches = (doc: ProjectDoc) => {
    if (words.length === 0) return true
    const text = `${doc.title} @${options.accountHandle?.(doc.accountId) ?? ''}`.toLocaleLowerCase()
    return words.every((w) => text.includes(w))
  }
  const list = docs.filter(
    (d) =>
      !d._deleted &&
      (d.trashedAt !== null) === options.trash &&
      (options.accountId === null || d.accountId === options.accountId) &&
      matches(d),
  )
  const byTitle = (a: ProjectDoc, b: ProjectDoc) => titleCollator.compare(a.title, b.title)
  switch (options.sort) {
    case 'title':
      return list.sort(byTitle)
    // UUIDv7 ids begin with their creation time, so they sort by it.
    case 'created':
      return list.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    case 'edited':
      return list.sort((a, b) => b.updatedAt - a.updatedAt)
  }
}

/** Whole days before a trashed project is deleted for good (0 on its last day). */
export function daysLeftInTrash(doc: Pick<ProjectDoc, 'trashedAt'>, now: number): number {
  if (doc.trashedAt === null) return PROJECT_TRASH_DAYS
  return Math.max(0, Math.ceil((doc.trashedAt + PROJECT_TRASH_DAYS * DAY_MS - now) / DAY_MS))
}

/** Trashed projects whose 30 days are over. */
export function expiredTrash(docs: readonly ProjectDoc[], now: number): ProjectDoc[] {
  return docs.filter(
    (d) => !d._deleted && d.trashedAt !== null && now - d.trashedAt >= PROJECT_TRASH_DAYS * DAY_MS,
  )
}

/** "Launch (copy)", "Launch (copy 2)": a title no other project has, within the 200-point limit. */
export function copyTitle(title: string, taken: readonly string[]): string {
  const stem = title.replace(/ \(copy(?: \d+)?\)$/, '')
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`
    const room = 200 - codePointLength(suffix)
    const base = codePointLength(stem) > room ? [...stem].slice(0, room).join('') : stem
    const candidate = `${base}${suffix}`
    if (!taken.includes(candidate)) return candidate
  }
}

/** A new project with the same timeline and account; its export is not copied. */
export function duplicateProject(
  doc: ProjectDoc,
  options: { id: string; now: number; takenTitles: readonly string[] },
): ProjectDoc {
  return {
    ...doc,
    id: options.id,
    title: copyTitle(doc.title, options.takenTitles),
    updatedAt: options.now,
    exportedAt: null,
    exportRef: null,
    trashedAt: null,
    _deleted: false,
  }
}
