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

/**
 * Who made the call, for handlers that need it: native dialogs are parented to the calling
 * window. The window type stays a parameter so this module does not import electron.
 */
export interface IpcCaller<W> {
  readonly window: W | null
}

export type IpcHandlers<W = unknown> = {
  [M in IpcMethod]: (
    input: IpcInput<M>,
    caller: IpcCaller<W>,
  ) => Promise<IpcOutput<M>> | IpcOutput<M>
}

function isIpcMethod(name: string): name is IpcMethod {
  return Object.hasOwn(ipcContract, name)
}

/** Node's errno for a full disk; the error object crosses no boundary, only the code does. */
function isNoSpace(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOSPC'
}

/**
 * What the renderer is told about a failure. Node's file-system errors name absolute paths (the
 * data folder, a file the user chose), and paths never go to the renderer: only their code does.
 */
function publicMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if ('syscall' in error && 'code' in error) {
    return `a file operation failed (${String(error.code)})`
  }
  return error.message
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
export function createIpcDispatcher<W>(handlers: IpcHandlers<W>) {
  return async function dispatch(
    senderUrl: string | undefined,
    request: unknown,
    caller: IpcCaller<W> = { window: null },
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
      const handler = handlers[method] as (input: unknown, caller: IpcCaller<W>) => unknown
      const value = await handler(parsed.data, caller)
      return { ok: true, value }
    } catch (error) {
      const code = isNoSpace(error) ? 'NO_SPACE' : 'FAILED'
      return { ok: false, error: { code, message: `${method}: ${publicMessage(error)}` } }
    }
  }
}
