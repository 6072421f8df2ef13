import { contextBridge, ipcRenderer } from 'electron'
import type { IpcMethod, IpcOutput, ReeldeskBridge } from '../shared/ipc/contract'
import { BRIDGE_GLOBAL, IPC_CHANNEL, unwrapIpcResult, type IpcResult } from '../shared/ipc/envelope'

// No logic here: one frozen object whose only door is the validated IPC channel. Main checks the
// sender and the payload; the result envelope is turned back into a value or an IpcError.
async function invoke<M extends IpcMethod>(method: M, input: unknown): Promise<IpcOutput<M>> {
  const result: IpcResult<IpcOutput<M>> = await ipcRenderer.invoke(IPC_CHANNEL, { method, input })
  return unwrapIpcResult(result)
}

const bridge: ReeldeskBridge = Object.freeze({ kind: 'electron', invoke })

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
