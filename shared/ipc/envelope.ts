/** The IPC channel, the reply envelope and the bridge's global name: no dependencies. */
export const IPC_CHANNEL = 'reeldesk:invoke'
export const BRIDGE_GLOBAL = 'reeldesk'

/** NO_SPACE: the disk main writes to is full, so the renderer can say so (not "it failed"). */
export type IpcErrorCode =
  'FORBIDDEN_SENDER' | 'UNKNOWN_METHOD' | 'BAD_INPUT' | 'FAILED' | 'NO_SPACE'

export type IpcResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } }

export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'IpcError'
  }
}

/** Turns main's envelope back into a value or a thrown IpcError (in the page's own world). */
export function unwrapIpcResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  throw new IpcError(result.error.code, result.error.message)
}
