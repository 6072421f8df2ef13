/**
 * Workspace roles (DESIGN §5). Declared apart from the permission matrix because the
 * `workspaces` document schema embeds them in its member list.
 */
export const ROLES = ['owner', 'manager', 'editor', 'analyst', 'creator'] as const

export type Role = (typeof ROLES)[number]

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
