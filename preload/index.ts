import { contextBridge, ipcRenderer } from 'electron'
import type { IpcInput, IpcMethod, IpcOutput, ReeldeskBridge } from '../shared/ipc/contract'
import { BRIDGE_GLOBAL, IPC_CHANNEL, type IpcResult } from '../shared/ipc/envelope'

// No logic here: one frozen object whose only door is the validated IPC channel. Main checks the
// sender and the payload; its reply envelope goes back untouched (see ReeldeskBridge for why the
// page, not the preload, turns it into a value or an IpcError).
function invoke<M extends IpcMethod>(
  method: M,
  input: IpcInput<M>,
): Promise<IpcResult<IpcOutput<M>>> {
  return ipcRenderer.invoke(IPC_CHANNEL, { method, input })
}

const bridge: ReeldeskBridge = Object.freeze({ kind: 'electron', invoke })

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
