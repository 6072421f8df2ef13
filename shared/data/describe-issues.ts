import type { z } from 'zod'

/** "document <id>: <field>: <problem>" lines, so a refused push says exactly what to fix. */
export function describeIssues(docId: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 5).map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(document)'
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : ''
    return `document ${docId}: ${field}: ${issue.message}${keys}`
  })
  if (issues.length > 5) lines.push(`… and ${issues.length - 5} more problems`)
  return lines.join('; ')
}

export function docIdOf(doc: Record<string, unknown>): string {
  const id = doc['id']
  return typeof id === 'string' ? id.slice(0, 64) : '(missing id)'
}
