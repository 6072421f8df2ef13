import { describe, expect, it } from 'vitest'
import { StageClock } from './stage-clock'

describe('StageClock', () => {
  it('splits wall time into waiting on either side and the stage’s own work', async () => {
    let now = 1000
    const clock = new StageClock(() => now)
    now += 40 // own work
    await clock.waiting('in', async () => {
      now += 25
    })
    now += 10 // own work
    const value = await clock.waiting(
      'out',
      Promise.resolve().then(() => {
        now += 5
        return 7
      }),
    )
    expect(value).toBe(7)
    expect(clock.time()).toEqual({
      work: 50,
      waitIn: 25,
      waitOut: 5,
      span: { start: 1000, first: null, end: 1080 },
    })
  })

  it('counts a wait that fails, and passes the failure on', async () => {
    let now = 0
    const clock = new StageClock(() => now)
    await expect(
      clock.waiting('in', async () => {
        now += 12
        throw new Error('stopped')
      }),
    ).rejects.toThrow('stopped')
    expect(clock.time()).toMatchObject({ work: 0, waitIn: 12, waitOut: 0 })
  })

  it('places its start, first frame, marks and end on the export’s time line', () => {
    let now = 200
    // This worker's clock started 1,500 ms after the export's: offset +1,500.
    const clock = new StageClock(() => now, 1500)
    now = 260
    clock.handedFirst()
    now = 300
    clock.handedFirst() // only the first counts
    clock.mark('sound')
    now = 450
    expect(clock.time()).toMatchObject({
      span: { start: 1700, first: 1760, end: 1950 },
      marks: { sound: 1800 },
    })
  })
})
