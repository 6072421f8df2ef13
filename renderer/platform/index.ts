import type { ReeldeskBridge } from '../../shared/ipc/contract'
import { BRIDGE_GLOBAL } from '../../shared/ipc/envelope'
import { createElectronPlatform } from './electron-platform'
import type { Platform } from './platform'
import { createWebPlatform } from './web-platform'

/** Chosen once at start: the desktop bridge when the preload exposed it, browser APIs otherwise. */
export function detectPlatform(globalObject: object = window): Platform {
  const bridge = (globalObject as Record<string, unknown>)[BRIDGE_GLOBAL] as
    ReeldeskBridge | undefined
  return bridge?.kind === 'electron' ? createElectronPlatform(bridge) : createWebPlatform()
}

export type { Platform } from './platform'
