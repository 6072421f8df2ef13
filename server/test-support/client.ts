import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client'
import { EventSource } from 'eventsource'
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import type { AppRouter } from '../trpc/router'

/**
 * A typed tRPC client for tests: HTTP with a Bearer token, SSE with the token in connectionParams,
 * declaring the current sync protocol like the app does (`protocol: null` to act as an old client).
 */
export function testClient(
  url: string,
  token?: string | (() => string | undefined),
  options: { protocol?: number | null } = {},
) {
  const protocol = options.protocol === undefined ? PROTOCOL_VERSION : options.protocol
  const current = () => (typeof token === 'function' ? token() : token)
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          connectionParams: () => {
            const t = current()
            const p = protocol === null ? {} : { protocol: String(protocol) }
            return t ? { token: t, ...p } : p
          },
        }),
        false: httpLink({
          url: `${url}/trpc`,
          headers: () => {
            const t = current()
            const p = protocol === null ? {} : { [PROTOCOL_HEADER]: String(protocol) }
            return t ? { Authorization: `Bearer ${t}`, ...p } : p
          },
        }),
      }),
    ],
  })
}

export type TestClient = ReturnType<typeof testClient>
