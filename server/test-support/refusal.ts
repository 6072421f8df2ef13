import { TRPCClientError } from '@trpc/client'
import { expect } from 'vitest'

/**
 * Awaits a call that must be refused and returns the tRPC error code and message. Also checks
 * that the refusal carries no stack trace: the test servers run in production mode.
 */
export async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string; stack?: string } | undefined
      expect(data?.stack).toBeUndefined()
      return { code: data?.code ?? 'UNKNOWN', message: error.message }
    }
    throw error
  }
  throw new Error('expected the call to be refused')
}
