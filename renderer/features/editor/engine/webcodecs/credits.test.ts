import { describe, expect, it } from 'vitest'
import { Credits, Inbox } from './credits'

describe('Credits', () => {
  it('lets `limit` items out, then waits for an acknowledgement', async () => {
    const credits = new Credits(2)
    await credits.take()
    await credits.take()
    expect(credits.outstanding).toBe(2)
    let third = false
    const waiting = credits.take().then(() => (third = true))
    await Promise.resolve()
    expect(third).toBe(false)
    credits.give()
    await waiting
    expect(third).toBe(true)
    expect(credits.outstanding).toBe(2)
  })

  it('never holds more than its limit, whatever the acknowledgements', () => {
    const credits = new Credits(1)
    credits.give()
    credits.give()
    expect(credits.outstanding).toBe(0)
  })

  it('wakes a waiting sender with the failure when the receiver stops', async () => {
    const credits = new Credits(1)
    await credits.take()
    const waiting = credits.take()
    credits.fail(new Error('encoder stopped'))
    await expect(waiting).rejects.toThrow('encoder stopped')
  })

  it('refuses a limit below one', () => {
    expect(() => new Credits(0)).toThrow(/credits must be ≥ 1/)
  })
})

describe('Inbox', () => {
  it('hands items out in arrival order, to waiters first', async () => {
    const inbox = new Inbox<number>()
    const first = inbox.next()
    inbox.push(1)
    inbox.push(2)
    expect(await first).toBe(1)
    expect(await inbox.next()).toBe(2)
    expect(inbox.size).toBe(0)
  })
})
