import type { z } from 'zod'
import { isAppUrl } from '../../shared/app-origin'
import {
  ipcContract,
  ipcRequestSchema,
  type IpcInput,
  type IpcMethod,
  type IpcOutput,
} from '../../shared/ipc/contract'
import type { IpcResult } from '../../shared/ipc/envelope'

export type IpcHandlers = {
  [M in IpcMethod]: (input: IpcInput<M>) => Promise<IpcOutput<M>> | IpcOutput<M>
}

function isIpcMethod(name: string): name is IpcMethod {
  return Object.hasOwn(ipcContract, name)
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ')
}

/**
 * The pure core of main's IPC handling, kept free of electron so it can be tested directly:
 * checks that the sending frame is the app's own page, that the method exists, that the payload
 * matches its schema, and wraps the handler's outcome in an envelope (errors cross IPC as data,
 * with a message the renderer can show, never a stack).
 */
export function createIpcDispatcher(handlers: IpcHandlers) {
  return async function dispatch(
    senderUrl: string | undefined,
    request: unknown,
  ): Promise<IpcResult> {
    if (!senderUrl || !isAppUrl(senderUrl)) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN_SENDER',
          message: 'IPC is only accepted from the Reeldesk window',
        },
      }
    }
    const envelope = ipcRequestSchema.safeParse(request)
    if (!envelope.success) {
      return { ok: false, error: { code: 'BAD_INPUT', message: describe(envelope.error) } }
    }
    const { method, input } = envelope.data
    if (!isIpcMethod(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `unknown IPC method "${method}"` },
      }
    }
    const parsed = ipcContract[method].input.safeParse(input)
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'BAD_INPUT', message: `${method}: ${describe(parsed.error)}` },
      }
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      return { ok: true, value }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return { ok: false, error: { code: 'FAILED', message: `${method}: ${message}` } }
    }
  }
}
