import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  dayKey,
  fromZonedInput,
  moveByDays,
  toZonedInput,
  viewerZone,
  weekDays,
} from './zoned-time'

/**
 * The same answers whatever the machine's zone: UTC, and zones that change for DST on other days
 * than Berlin (Node reads TZ again when it changes).
 */
describe.each(['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney'])(
  'zoned time with the machine in %s',
  (machineZone) => {
    const saved = process.env['TZ']
    beforeAll(() => {
      process.env['TZ'] = machineZone
    })
    afterAll(() => {
      if (saved === undefined) delete process.env['TZ']
      else process.env['TZ'] = saved
    })
    it('the machine zone is in effect', () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(machineZone)
    })

    it.each([
      // Berlin is UTC+1 in winter and UTC+2 in summer (change on 2026-03-29 and 2026-10-25).
      ['2026-03-28T09:00', 'Europe/Berlin', '2026-03-28T08:00:00.000Z'],
      ['2026-03-30T09:00', 'Europe/Berlin', '2026-03-30T07:00:00.000Z'],
      ['2026-10-26T09:00', 'Europe/Berlin', '2026-10-26T08:00:00.000Z'],
      ['2026-07-01T09:00', 'America/New_York', '2026-07-01T13:00:00.000Z'],
      ['2026-07-01T09:00', 'UTC', '2026-07-01T09:00:00.000Z'],
    ])('%s in %s is %s', (input, zone, iso) => {
      const at = fromZonedInput(input, zone)
      expect(at === null ? null : new Date(at).toISOString()).toBe(iso)
      expect(toZonedInput(at!, zone)).toBe(input)
    })

    it('moving a 09:00 Berlin post across the spring change keeps 09:00 Berlin time', () => {
      const before = fromZonedInput('2026-03-28T09:00', 'Europe/Berlin')!
      const after = moveByDays(before, 'Europe/Berlin', 2)
      expect(toZonedInput(after, 'Europe/Berlin')).toBe('2026-03-30T09:00')
      // 47 hours, not 48: the night of the change is an hour short.
      expect(after - before).toBe(47 * 3_600_000)
      const back = moveByDays(after, 'Europe/Berlin', -2)
      expect(back).toBe(before)
    })

    it('moving across the autumn change keeps the wall-clock time too', () => {
      const before = fromZonedInput('2026-10-24T09:00', 'Europe/Berlin')!
      const after = moveByDays(before, 'Europe/Berlin', 2)
      expect(toZonedInput(after, 'Europe/Berlin')).toBe('2026-10-26T09:00')
      expect(after - before).toBe(49 * 3_600_000)
    })

    it('a week starts on Monday in the post’s zone, and its days are that zone’s days', () => {
      const at = fromZonedInput('2026-03-29T12:00', 'Europe/Berlin')!
      const days = weekDays(at, 'Europe/Berlin')
      expect(days.map((d) => dayKey(d, 'Europe/Berlin'))).toEqual([
        '2026-03-23',
        '2026-03-24',
        '2026-03-25',
        '2026-03-26',
        '2026-03-27',
        '2026-03-28',
        '2026-03-29',
      ])
      expect(days.map((d) => toZonedInput(d, 'Europe/Berlin').slice(11))).toEqual(
        Array(7).fill('00:00'),
      )
    })

    it.each([
      '',
      '2026-13-01T09:00',
      '2026-02-31T09:00',
      '2026-03-28T24:00',
      'tomorrow',
      '2026-03-28 09:00',
    ])('refuses %j', (value) => {
      expect(fromZonedInput(value, 'Europe/Berlin')).toBeNull()
    })
  },
)

describe('the viewer zone', () => {
  it('asks the machine at most once a minute, and again after the minute or a clock set back', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat')
    try {
      const t0 = 5_000_000_000_000
      const zone = viewerZone(t0)
      expect(zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
      spy.mockClear()
      expect(viewerZone(t0 + 1)).toBe(zone)
      expect(viewerZone(t0 + 59_000)).toBe(zone)
      expect(spy).not.toHaveBeenCalled()
      expect(viewerZone(t0 + 61_000)).toBe(zone)
      expect(spy).toHaveBeenCalledTimes(1)
      expect(viewerZone(t0 - 1_000)).toBe(zone)
      expect(spy).toHaveBeenCalledTimes(2)
    } finally {
      spy.mockRestore()
    }
  })
})
