import type { RxCollection } from 'rxdb'
import { uuidv7 } from '../../../../shared/data/ids'
import type { ProjectDoc } from '../../../../shared/data/registry'
import { duplicateProject, expiredTrash } from './project-list'

/**
 * What the project list does to projects. Each is one local write that replicates; deleting for
 * good is a tombstone (never a hard delete), after the trash's 30 days or on request.
 */
export function projectActions(collection: RxCollection<ProjectDoc>, now: () => number = Date.now) {
  const patch = async (id: string, change: Partial<ProjectDoc>) => {
    const doc = await collection.findOne(id).exec()
    if (!doc)
      throw new Error('This project no longer exists (it may have been deleted on another device).')
    await doc.incrementalPatch({ ...change, updatedAt: now() })
  }
  return {
    rename: (id: string, title: string) => patch(id, { title: title.trim() || 'Untitled project' }),
    trash: (id: string) => patch(id, { trashedAt: now() }),
    restore: (id: string) => patch(id, { trashedAt: null }),
    async duplicate(doc: ProjectDoc, takenTitles: readonly string[]): Promise<ProjectDoc> {
      const copy = duplicateProject(doc, { id: uuidv7(), now: now(), takenTitles })
      await collection.insert(copy)
      return copy
    },
    async deleteForever(id: string): Promise<void> {
      await (await collection.findOne(id).exec())?.remove()
    },
    /** Deletes for good what has been in the trash for 30 days; returns how many. */
    async purgeExpired(docs: readonly ProjectDoc[]): Promise<number> {
      const expired = expiredTrash(docs, now())
      for (const doc of expired) await (await collection.findOne(doc.id).exec())?.remove()
      return expired.length
    },
  }
}
