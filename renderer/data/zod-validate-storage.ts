import type { RxJsonSchema, RxValidationError } from 'rxdb'
import { wrappedValidateStorageFactory } from 'rxdb'
import { isCollectionName } from '../../shared/data/collection-contract'
import { collections } from '../../shared/data/registry'

/** RxDB's bookkeeping fields on a stored document; not part of the replicated document. */
const INTERNAL_FIELDS = ['_rev', '_meta', '_attachments'] as const

/**
 * Validates every write with the collection's zod schema — the very schema the server applies —
 * instead of ajv. ajv (and RxDB's other JSON-schema validators) compile validators with
 * `new Function`, which the renderer's CSP forbids (no 'unsafe-eval'); zod interprets.
 * RxDB's own internal collections (replication metadata) are not ours and are not validated.
 */
function getValidator(schema: RxJsonSchema<unknown>) {
  const name = typeof schema.title === 'string' ? schema.title : ''
  if (!isCollectionName(name)) return (): RxValidationError[] => []
  const zodSchema = collections[name].schema
  return (docData: Record<string, unknown>): RxValidationError[] => {
    const doc: Record<string, unknown> = { ...docData }
    for (const field of INTERNAL_FIELDS) delete doc[field]
    const result = zodSchema.safeParse(doc)
    if (result.success) return []
    return result.error.issues.map((issue) => ({
      field: issue.path.join('.') || name,
      message: issue.message,
    }))
  }
}

export const wrappedValidateZodStorage = wrappedValidateStorageFactory(getValidator, 'zod')
