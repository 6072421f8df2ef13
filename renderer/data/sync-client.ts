import {
  createTRPCUntypedClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client'
import type { AnyTRPCRouter } from '@trpc/server'
import {
  fetchOutputSchema,
  isRefusalReason,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullOutputSchema,
  pushOutputSchema,
  streamEventSchema,
  SYNC_PROCEDURES,
  type FetchInput,
  type FetchOutput,
  type PullInput,
  type RefusalReason,
  type PullOutput,
  type PushInput,
  type PushOutput,
  type StreamEvent,
  type StreamInput,
} from '../../shared/sync/protocol'

/** The replication calls, with responses validated against the shared protocol. */
export interface SyncClient {
  pull(input: PullInput): Promise<PullOutput>
  push(input: PushInput): Promise<PushOutput>
  /** Current server copies of documents the member may read (to discard a refused change). */
  fetch(input: FetchInput): Promise<FetchOutput>
  stream(input: StreamInput, handlers: StreamHandlers): { unsubscribe(): void }
}

export interface StreamHandlers {
  onData(event: StreamEvent): void
  onError(error: unknown): void
  /** The server ended the stream (it is shutting down): reopen it, elsewhere or later. */
  onComplete(): void
}

/** An `EventSource` constructor: the browser's, or the `eventsource` package's in Node. */
export type EventSourceConstructor = NonNullable<
  Parameters<typeof httpSubscriptionLink>[0]['EventSource']
>

export interface SyncClientOptions {
  /** Server origin, e.g. http://127.0.0.1:4400 (the API is at /trpc). */
  serverUrl: string
  /** The session token; read on every request so a new sign-in takes effect at once. */
  token: () => string | null
  EventSource?: EventSourceConstructor
}

/**
 * The one way the renderer talks tRPC to the sync server (untyped: the renderer may not import
 * the server's router type): HTTP calls carry `Authorization: Bearer`, the SSE stream carries the
 * token in connectionParams because EventSource cannot set headers.
 */
export function createTrpcClient(options: SyncClientOptions) {
  const url = `${options.serverUrl.replace(/\/$/, '')}/trpc`
  const subscriptionOptions: Parameters<typeof httpSubscriptionLink>[0] = {
    url,
    connectionParams: () => {
      const token = options.token()
      const protocol = String(PROTOCOL_VERSION)
      return token ? { token, protocol } : { protocol }
    },
  }
  if (options.EventSource) subscriptionOptions.EventSource = options.EventSource
  return createTRPCUntypedClient<AnyTRPCRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink(subscriptionOptions),
        false: httpLink({
          url,
          headers: () => {
            const token = options.token()
            const protocol = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }
            return token ? { Authorization: `Bearer ${token}`, ...protocol } : protocol
          },
        }),
      }),
    ],
  })
}

/** The replication calls, with responses validated at the boundary against the shared protocol
 * (catches a mismatched server version early). */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const client = createTrpcClient(options)
  return {
    async pull(input) {
      return pullOutputSchema.parse(await client.query(SYNC_PROCEDURES.pull, input))
    },
    async push(input) {
      return pushOutputSchema.parse(await client.mutation(SYNC_PROCEDURES.push, input))
    },
    async fetch(input) {
      return fetchOutputSchema.parse(await client.query(SYNC_PROCEDURES.fetch, input))
    },
    stream(input, handlers) {
      return client.subscription(SYNC_PROCEDURES.stream, input, {
        onData: (value: unknown) => {
          const parsed = streamEventSchema.safeParse(value)
          if (parsed.success) handlers.onData(parsed.data)
          else handlers.onError(new Error(`malformed stream event: ${parsed.error.message}`))
        },
        onError: (error: unknown) => handlers.onError(error),
        onComplete: () => handlers.onComplete(),
      })
    },
  }
}

function errorData(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof TRPCClientError)) return null
  const data: unknown = error.data
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null
}

/** The tRPC error code of a failed call ('UNAUTHORIZED', 'FORBIDDEN', …), if it has one. */
export function errorCode(error: unknown): string | null {
  const code = errorData(error)?.['code']
  return typeof code === 'string' ? code : null
}

/** The server's machine-readable reason for a refusal (shared/sync/protocol), if it gave one. */
export function errorReason(error: unknown): RefusalReason | null {
  const reason = errorData(error)?.['reason']
  return isRefusalReason(reason) ? reason : null
}
