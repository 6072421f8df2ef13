import {
  getPrimaryFieldOfPrimaryKey,
  type RxStorage,
  type RxStorageInstanceCreationParams,
  type RxStorageWriteError,
  type RxValidationError,
} from 'rxdb'
import { isCollectionName } from '../../shared/data/collection-contract'
import { collections } from '../../shared/data/registry'

/** RxDB's bookkeeping fields on a stored document; not part of the replicated document. */
const INTERNAL_FIELDS = ['_rev', '_meta', '_attachments'] as const

/** RxDB tags the writes its replication makes from the server's documents with this prefix. */
const DOWNSTREAM_CONTEXT = 'replication-downstream'

type Validator = (doc: Record<string, unknown>) => RxValidationError[]

function validatorFor(schema: { title?: unknown }): Validator | null {
  const name = typeof schema.title === 'string' ? schema.title : ''
  if (!isCollectionName(name)) return null
  const zodSchema = collections[name].schema
  return (docData) => {
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

/**
 * Validates every local write with the collection's zod schema — the very schema the server
 * applies — instead of ajv, which compiles validators with `new Function` and so cannot run under
 * the renderer's CSP (no 'unsafe-eval'). Two kinds of writes are not re-validated: RxDB's own
 * internal collections (replication metadata), and the documents the replication writes from the
 * server: the pull handler has already checked each of them against this same schema
 * (check-pulled.ts).
 */
export function wrappedValidateZodStorage<Internals, Options>(args: {
  storage: RxStorage<Internals, Options>
}): RxStorage<Internals, Options> {
  const { storage } = args
  return {
    ...storage,
    name: `validate-zod-${storage.name}`,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, Options>,
    ) {
      const instance = await storage.createStorageInstance(params)
      const validate = validatorFor(params.schema)
      if (!validate) return instance
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey)
      const write = instance.bulkWrite.bind(instance)
      instance.bulkWrite = async (rows, context) => {
        if (context.startsWith(DOWNSTREAM_CONTEXT)) return write(rows, context)
        const refused: RxStorageWriteError<RxDocType>[] = []
        const valid = rows.filter((row) => {
          const validationErrors = validate(row.document as Record<string, unknown>)
          if (validationErrors.length === 0) return true
          refused.push({
            status: 422,
            isError: true,
            documentId: String(row.document[primaryPath]),
            validationErrors,
            schema: instance.schema,
            writeRow: row,
            context,
          })
          return false
        })
        const result = valid.length > 0 ? await write(valid, context) : { error: [] }
        return { ...result, error: [...result.error, ...refused] }
      }
      return instance
    },
  }
}
