import { z } from 'zod'
import { ROLES } from '../../auth/roles'
import { defineCollection } from '../define-collection'
import { baseFields, docId, text, timestamp, userId } from '../fields'
import { js, rxSchema } from '../json-schema'
import {
  emptyWorkspaceSettings,
  workspaceSettingsJsonSchema,
  workspaceSettingsSchema,
} from './workspace-settings'

/** Limits sized for a large agency, small enough that one document stays well under 1 MB. */
export const MAX_MEMBERS = 500
export const MAX_MEMBER_ACCOUNTS = 500

const memberSchema = z.strictObject({
  userId,
  role: z.enum(ROLES),
  /** Creator accounts a `creator` may see and edit; empty for other roles (they see all). */
  accountIds: z.array(docId).max(MAX_MEMBER_ACCOUNTS),
  /** Copied from the user profile so the UI can name members without a users collection. */
  displayName: text(120),
  joinedAt: timestamp,
})

/**
 * A workspace. Its `workspaceId` is its own `id`, so every document (this one included) is
 * scoped by the same field. Members are embedded and written only by the membership service.
 */
export const workspaceSchema = z
  .strictObject({
    ...baseFields,
    name: text(120, 1),
    members: z.array(memberSchema).max(MAX_MEMBERS),
    /** Earnings, eligibility, approval and analytics settings (./workspace-settings.ts). */
    settings: workspaceSettingsSchema,
  })
  .refine((doc) => doc.workspaceId === doc.id, {
    message: 'workspaceId must equal id',
    path: ['workspaceId'],
  })

export type WorkspaceDoc = z.infer<typeof workspaceSchema>
export type WorkspaceMember = z.infer<typeof memberSchema>

/** Schema 0 → 1: workspaces gain `settings`; a workspace stored before has every default. */
export function migrateWorkspaceV0toV1(old: Record<string, unknown>): Record<string, unknown> {
  return 'settings' in old ? old : { ...old, settings: emptyWorkspaceSettings() }
}

export const workspaces = defineCollection<WorkspaceDoc>({
  name: 'workspaces',
  schema: workspaceSchema,
  rxSchema: rxSchema({
    title: 'workspaces',
    version: 1,
    properties: {
      name: js.string(120, 1),
      members: js.array(
        js.object({
          userId: js.userId(),
          role: js.enum(ROLES),
          accountIds: js.array(js.id(), MAX_MEMBER_ACCOUNTS),
          displayName: js.string(120),
          joinedAt: js.timestamp(),
        }),
        MAX_MEMBERS,
      ),
      settings: workspaceSettingsJsonSchema,
    },
  }),
  // Version 1 added `settings`; the server runs the same step over its stored copies (migration
  // 0010_workspace_settings), so a client's migrated document and the server's master stay equal.
  migrationStrategies: { 1: migrateWorkspaceV0toV1 },
  serverOwnedFields: ['members'],
  accountScoped: false,
  // Creating a workspace also makes its creator the owner: a server procedure, not a push.
  clientCreatable: false,
})
