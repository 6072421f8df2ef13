import type { BlobErrorCode } from '../../shared/blobs/protocol'

const STATUS: Record<BlobErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  OFFSET_MISMATCH: 409,
  FILE_TOO_BIG: 413,
  CHUNK_TOO_BIG: 413,
  QUOTA_EXCEEDED: 507,
  SERVER_FULL: 507,
  CHECKSUM_MISMATCH: 422,
  INCOMPLETE: 409,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
}

/** A refusal with the code clients act on and a message a person can read. */
export class BlobError extends Error {
  readonly status: number
  constructor(
    readonly code: BlobErrorCode,
    message: string,
    readonly received?: number,
  ) {
    super(message)
    this.name = 'BlobError'
    this.status = STATUS[code]
  }
}
