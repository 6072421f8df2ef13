import { useEffect, useRef } from 'react'
import { useNavigation } from '../../app/navigation-store'
import { useSession } from '../../session/session-context'
import { useLinkNotice } from './link-notice'
import { parseOAuthReturn } from './platform-link'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Web mode: the platform sends the page back to /oauth-callback with a code and the state. This
 * hands them to the server once, cleans the address (the code is single-use and must not stay in
 * the history) and shows the outcome on the Accounts page.
 */
export function OAuthReturn() {
  const api = useSession((s) => s.api)
  const show = useLinkNotice((s) => s.show)
  const handled = useRef(false)
  useEffect(() => {
    if (handled.current) return
    const returned = parseOAuthReturn(window.location)
    if (!returned) return
    handled.current = true
    window.history.replaceState(null, '', '/#/accounts')
    useNavigation.getState().go('accounts')
    if (returned.kind === 'refused') {
      show({ tone: 'error', text: returned.reason })
      return
    }
    show({ tone: 'ok', text: 'Finishing the link…' })
    api
      .completeLink({ code: returned.code, state: returned.state })
      .then(() =>
        show({
          tone: 'ok',
          text: 'TikTok account linked: its videos and numbers are on their way.',
        }),
      )
      .catch((error: unknown) => show({ tone: 'error', text: messageOf(error) }))
  }, [api, show])
  return null
}
