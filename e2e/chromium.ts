import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { RENDERER_JS_FLAGS } from '../shared/renderer-flags'

/**
 * Debian's Chromium (or $CHROMIUM_PATH): Playwright's own browser download cannot work here.
 * The flags keep a headless run off the network (background services would try to phone home on
 * this machine's closed network) and allow running as root in CI.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`)
    return fromEnv
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim()
    } catch {
      // try the next name
    }
  }
  throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
}

/** As the desktop app runs its renderer (shared/renderer-flags.ts), headless, without a GPU. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--js-flags=${RENDERER_JS_FLAGS}`,
]

/** `extraArgs`: more flags for one caller (bench:editor unthrottles frames to time them). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...ARGS, ...extraArgs],
  })
}

/**
 * Chromium with a profile on disk at `userDataDir`, like the desktop app's. Playwright's usual
 * contexts are off the record, where the origin's private file system lives in the browser
 * process's memory: an export written there counts its whole MP4 as memory.
 */
export function launchChromiumOnDisk(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
  })
}
