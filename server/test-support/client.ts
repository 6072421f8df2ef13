import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client'
import { EventSource } from 'eventsource'
import type { AppRouter } from '../trpc/router'

/** A typed tRPC client for tests: HTTP with a Bearer token, SSE with the token in connectionParams. */
export function testClient(url: string, token?: string | (() => string | undefined)) {
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
            return t ? { token: t } : {}
          },
        }),
        false: httpLink({
          url: `${url}/trpc`,
          headers: () => {
            const t = current()
            return t ? { Authorization: `Bearer ${t}` } : {}
          },
        }),
      }),
    ],
  })
}

export type TestClient = ReturnType<typeof testClient>
