import type { ServerResponse } from 'node:http'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc'
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import { TRPCError } from '@trpc/server'
import { sendJson } from './static-files'

/**
 * Answers in tRPC's error shape for refusals made before tRPC runs (method, limits, draining),
 * so a client reads them like any other refusal: `error.message`, `error.data.code`.
 */
export function sendTrpcError(
  res: ServerResponse,
  code: TRPC_ERROR_CODE_KEY,
  message: string,
  headers: Record<string, string> = {},
): void {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code, message }))
  sendJson(
    res,
    httpStatus,
    { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus } } },
    headers,
  )
}
