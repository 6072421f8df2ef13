import { z } from 'zod'
import type { IpcResult } from './envelope'
import { exportContract, fileNameSchema, mediaContract } from './media-contract'

/**
 * The whole IPC surface between renderer and main: one channel, a method name and a payload.
 * Each method's input and output are zod schemas; main validates every input against them and
 * the renderer gets the inferred types, so the two sides cannot drift apart. The channel name
 * and the reply envelope live in ./envelope (no zod there, so the preload stays tiny).
 */
/** Keys the renderer may store secrets under (session tokens per server, per account). */
export const tokenKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9:_.-]{0,127}$/, 'token keys are lower-case letters, digits and :_.-')

export const ipcContract = {
  'app.info': {
    input: z.undefined(),
    output: z.strictObject({
      version: z.string(),
      platform: z.string(),
      electron: z.string(),
      /** The sync server this window talks to (npm start passes the one it started). */
      serverUrl: z.string(),
    }),
  },
  'shell.openExternal': {
    input: z.strictObject({ url: z.string().max(2048) }),
    output: z.void(),
  },
  'tokens.get': {
    input: z.strictObject({ key: tokenKeySchema }),
    output: z.string().nullable(),
  },
  'tokens.set': {
    input: z.strictObject({ key: tokenKeySchema, value: z.string().min(1).max(8192) }),
    output: z.void(),
  },
  'tokens.delete': {
    input: z.strictObject({ key: tokenKeySchema }),
    output: z.void(),
  },
  /** Desktop platform sign-in: a one-shot loopback listener for the OAuth redirect. */
  'oauth.begin': {
    input: z.undefined(),
    output: z.strictObject({ loginId: z.uuid(), redirectUri: z.string() }),
  },
  /** Opens the platform's (allowlisted, https) sign-in page and waits for the redirect. */
  'oauth.finish': {
    input: z.strictObject({ loginId: z.uuid(), authorizeUrl: z.string().max(4096) }),
    output: z.strictObject({ code: z.string(), state: z.string() }),
  },
  /**
   * A system notification (deal reminders). Plain text only: main shows it with Electron's
   * Notification, no HTML, no actions, no icon from the renderer. `shown` is false where the OS
   * offers none.
   */
  'notify.show': {
    input: z.strictObject({
      title: z.string().min(1).max(120),
      body: z.string().max(500),
    }),
    output: z.strictObject({ shown: z.boolean() }),
  },
  /**
   * The analytics report on the desktop: main prints the calling window (whose print stylesheet
   * shows only the report the page laid out) to PDF and offers a save dialog. The renderer sends
   * a proposed file name only; the bytes never cross IPC.
   */
  'report.savePdf': {
    input: z.strictObject({ suggestedName: fileNameSchema }),
    output: z.discriminatedUnion('saved', [
      z.strictObject({ saved: z.literal(true), fileName: z.string() }),
      z.strictObject({ saved: z.literal(false) }),
    ]),
  },
  ...mediaContract,
  ...exportContract,
} as const

export type IpcContract = typeof ipcContract
export type IpcMethod = keyof IpcContract
export type IpcInput<M extends IpcMethod> = z.input<IpcContract[M]['input']>
export type IpcOutput<M extends IpcMethod> = z.output<IpcContract[M]['output']>

/** The envelope the renderer sends on IPC_CHANNEL. */
export const ipcRequestSchema = z.strictObject({
  method: z.string().max(64),
  input: z.unknown(),
})

/**
 * The one object the preload exposes on `window.reeldesk`. It hands back main's envelope as is:
 * contextBridge copies only an Error's message across worlds, so an IpcError thrown in the
 * preload would reach the page without its class or code (and NO_SPACE would read as "failed").
 */
export interface ReeldeskBridge {
  readonly kind: 'electron'
  invoke<M extends IpcMethod>(method: M, input: IpcInput<M>): Promise<IpcResult<IpcOutput<M>>>
}

/** The renderer's side of the bridge: values, or a thrown IpcError with main's code. */
export interface IpcClient {
  invoke<M extends IpcMethod>(method: M, input: IpcInput<M>): Promise<IpcOutput<M>>
}
