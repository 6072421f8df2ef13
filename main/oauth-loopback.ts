import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Desktop sign-in to a platform (RFC 8252, "OAuth 2.0 for Native Apps"): main listens once on a
 * loopback port, the system browser shows the platform's sign-in, and the platform redirects the
 * browser to us with a code and the state. Only the code and state go back to the renderer, which
 * hands them to the sync server (where the PKCE verifier and the tokens live).
 */
export interface LoopbackLogins {
  begin(): Promise<{ loginId: string; redirectUri: string }>
  finish(
    loginId: string,
    authorizeUrl: string,
    open: (url: string) => Promise<void>,
  ): Promise<{ code: string; state: string }>
  closeAll(): void
}

interface Pending {
  server: Server
  result: Promise<{ code: string; state: string }>
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'"

function page(title: string, text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><style>body{font:16px system-ui;margin:20vh auto;max-width:30em;text-align:center;color:#222}</style><h1>${title}</h1><p>${text}</p>`
}

export function createLoopbackLogins(options: { timeoutMs?: number } = {}): LoopbackLogins {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000
  const pending = new Map<string, Pending>()

  const close = (loginId: string) => {
    const entry = pending.get(loginId)
    pending.delete(loginId)
    entry?.server.closeAllConnections()
    entry?.server.close()
  }

  return {
    async begin() {
      const loginId = randomUUID()
      let settle: (value: { code: string; state: string }) => void = () => undefined
      let fail: (error: Error) => void = () => undefined
      const result = new Promise<{ code: string; state: string }>((resolve, reject) => {
        settle = resolve
        fail = reject
      })
      // Nobody may be waiting yet; the rejection is observed by `finish`.
      result.catch(() => undefined)
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1')
        if (url.pathname !== '/callback') {
          res.writeHead(404, { 'Content-Type': 'text/plain' })
          return res.end('Not found')
        }
        const code = url.searchParams.get('code')
        const state = url.searchParams.get('state')
        const error = url.searchParams.get('error')
        const headers = {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': PAGE_CSP,
          'Cache-Control': 'no-store',
        }
        if (code && state) {
          res.writeHead(200, headers)
          res.end(page('Signed in', 'You can close this tab and return to Reeldesk.'))
          settle({ code, state })
        } else {
          res.writeHead(400, headers)
          res.end(page('Sign-in not completed', 'Return to Reeldesk to try again.'))
          const description = url.searchParams.get('error_description')
          fail(
            new Error(
              `the platform did not sign you in: ${error ?? 'no code'}${description ? ` (${description})` : ''}`,
            ),
          )
        }
        setImmediate(() => close(loginId))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as AddressInfo
      const timer = setTimeout(() => {
        fail(new Error('the sign-in took longer than 10 minutes; start it again'))
        close(loginId)
      }, timeoutMs)
      timer.unref()
      void result.finally(() => clearTimeout(timer)).catch(() => undefined)
      pending.set(loginId, { server, result })
      return { loginId, redirectUri: `http://127.0.0.1:${port}/callback` }
    },

    async finish(loginId, authorizeUrl, open) {
      const entry = pending.get(loginId)
      if (!entry) throw new Error('this sign-in was not started or has ended')
      await open(authorizeUrl)
      return entry.result
    },

    closeAll() {
      for (const loginId of [...pending.keys()]) close(loginId)
    },
  }
}
