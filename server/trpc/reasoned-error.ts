import { TRPCError } from '@trpc/server'
import type { RefusalReason } from '../../shared/sync/protocol'

/** Carries a machine-readable reason inside a TRPCError's cause; the error formatter exposes it. */
export class ReasonCause extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason)
    this.name = 'ReasonCause'
  }
}

type Code = ConstructorParameters<typeof TRPCError>[0]['code']

/** A refusal whose `data.reason` tells the client what to do by itself (shared/sync/protocol). */
export function reasonedError(code: Code, reason: RefusalReason, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new ReasonCause(reason) })
}

export function reasonOf(error: TRPCError): RefusalReason | undefined {
  return error.cause instanceof ReasonCause ? error.cause.reason : undefined
}
