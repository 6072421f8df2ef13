import type { IpcClient, ReeldeskBridge } from '../../shared/ipc/contract'
import { unwrapIpcResult } from '../../shared/ipc/envelope'

/** Unwraps the preload's envelopes here, so IpcError keeps its class and code (see ReeldeskBridge). */
export function createIpcClient(bridge: ReeldeskBridge): IpcClient {
  return { invoke: async (method, input) => unwrapIpcResult(await bridge.invoke(method, input)) }
}
