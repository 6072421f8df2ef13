import { projectSchema, type ProjectDoc } from '../../../../shared/data/collections/projects'
import { uuidv7 } from '../../../../shared/data/ids'
import { createTimeline } from '../../../../shared/timeline/model'

/** A new, empty 9:16 project for one creator account, validated like the server will. */
export function newProjectDoc(input: {
  workspaceId: string
  accountId: string
  title: string
  now: number
}): ProjectDoc {
  return projectSchema.parse({
    id: uuidv7(),
    workspaceId: input.workspaceId,
    accountId: input.accountId,
    updatedAt: input.now,
    _deleted: false,
    title: input.title.trim() || 'Untitled project',
    timeline: createTimeline(),
    exportedAt: null,
    exportRef: null,
    trashedAt: null,
  })
}
