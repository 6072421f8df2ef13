import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeIssues } from './describe-issues'
import { emptyWorkspaceSettings } from './collections/workspace-settings'
import { migrateWorkspaceV0toV1, workspaces, workspaceSchema } from './collections/workspaces'
import { migrateStoredDocument } from '../test-support/migration'
import { sampleDocs } from './sample-docs'

describe('workspaces schema 0 → 1', () => {
  it('adds default `settings` and leaves every other field as it was', () => {
    const { settings, ...old } = sampleDocs().workspaces
    expect(migrateWorkspaceV0toV1(old)).toEqual({ ...old, settings: emptyWorkspaceSettings() })
    // A document that already has settings (migrated before) is left alone.
    const done = { ...old, settings }
    expect(migrateWorkspaceV0toV1(done)).toBe(done)
    expect(workspaceSchema.safeParse(migrateWorkspaceV0toV1(old)).success).toBe(true)
  })

  it('migrates a stored version-0 document when the app opens version 1', async () => {
    const { settings: _settings, _deleted, ...old } = sampleDocs().workspaces
    const stored = await migrateStoredDocument(workspaces, 'settings', old)
    expect(stored).toEqual(migrateWorkspaceV0toV1(old))
  })

  it('an app of version 0 cannot read a version-1 workspace: it is told to update', () => {
    // Version 0's zod schema (strict, without `settings`), as an old app still runs it: its
    // pull check (renderer/data/check-pulled.ts) refuses the document and stops syncing with
    // "update needed" instead of storing what it cannot read.
    const { settings: _s, ...v0Shape } = workspaceSchema.shape
    const versionZero = z.strictObject(v0Shape)
    const result = versionZero.safeParse(sampleDocs().workspaces)
    expect(result.success).toBe(false)
    expect(describeIssues('w', result.error?.issues ?? [])).toMatch(/settings/)
  })
})
