import type { ReeldeskBridge } from '../../shared/ipc/contract'
import { BRIDGE_GLOBAL } from '../../shared/ipc/envelope'
import { createElectronPlatform } from './electron-platform'
import type { Platform } from './platform'
import { createWebPlatform } from './web-platform'

const detected = new WeakMap<object, Platform>()

/**
 * Chosen once per page: the desktop bridge when the preload exposed it, browser APIs otherwise.
 * Every caller gets the same instance (the desktop's media store remembers which picked files
 * main already stored, so the picker and the import must share it).
 */
export function detectPlatform(globalObject: object = window): Platform {
  const known = detected.get(globalObject)
  if (known) return known
  const bridge = (globalObject as Record<string, unknown>)[BRIDGE_GLOBAL] as
    ReeldeskBridge | undefined
  const platform =
    bridge?.kind === 'electron' ? createElectronPlatform(bridge) : createWebPlatform()
  detected.set(globalObject, platform)
  return platform
}

/** This page's platform, for feature code that is not handed one (the editor's panels). */
export function currentPlatform(): Platform {
  return detectPlatform()
}

export type { ExportSaveResult, MediaPickRefusal, PickedMedia, Platform } from './platform'
