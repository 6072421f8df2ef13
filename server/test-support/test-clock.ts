import { TEST_CLOCK_PATH, TEST_CLOCK_TOKEN_HEADER } from '../http/test-clock-route'

/** Environment for a server process on the manual test clock (NODE_ENV=test, never production). */
export function testClockEnv(token: string): Record<string, string> {
  return { NODE_ENV: 'test', REELDESK_TEST_CLOCK: '1', REELDESK_TEST_CLOCK_TOKEN: token }
}

/** Reads and moves a server's test clock through its guarded route. */
export function testClockClient(url: string, token: string) {
  const call = async (body?: { advanceMs: number } | { to: number }) => {
    const response = await fetch(`${url}${TEST_CLOCK_PATH}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        [TEST_CLOCK_TOKEN_HEADER]: token,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    if (response.status !== 200)
      throw new Error(`test clock answered ${response.status}: ${await response.text()}`)
    return ((await response.json()) as { now: number }).now
  }
  return {
    now: () => call(),
    advance: (ms: number) => call({ advanceMs: ms }),
    to: (time: number) => call({ to: time }),
  }
}
