import { describe, expect, it } from 'vitest'
import { PTHREAD_POOL_SIZE, applyThreadPlan, countInputs, planThreads } from './thread-plan'

describe('planThreads', () => {
  it('gives decoders frame threads while the pool has room', () => {
    expect(planThreads(1, 2)).toEqual({ decoderThreads: 2, encoderThreads: 3 })
    expect(planThreads(5, 4)).toEqual({ decoderThreads: 2, encoderThreads: 6 })
  })

  it('falls back to single-threaded decoders, then to no plan, as inputs grow', () => {
    expect(planThreads(12, 2)).toEqual({ decoderThreads: 1, encoderThreads: 3 })
    const most = PTHREAD_POOL_SIZE - 2 - 3
    expect(planThreads(most, 2)).not.toBeNull()
    expect(planThreads(most + 1, 2)).toBeNull()
  })

  it('never plans more threads than the pool holds', () => {
    for (let inputs = 1; inputs <= 40; inputs++) {
      for (const cores of [1, 2, 4, 8, 16]) {
        const plan = planThreads(inputs, cores)
        if (!plan) continue
        const readers = inputs > 1 ? inputs : 0
        const decoders = plan.decoderThreads > 1 ? inputs * plan.decoderThreads : 0
        expect(readers + decoders + plan.encoderThreads + 1).toBeLessThanOrEqual(PTHREAD_POOL_SIZE)
      }
    }
  })
})

describe('applyThreadPlan', () => {
  it('puts -threads before every input and before the output file', () => {
    const args = ['-y', '-ss', '1', '-i', 'a.mp4', '-i', '-i', '-map', '[v]', 'out.mp4']
    expect(countInputs(args)).toBe(2)
    expect(applyThreadPlan(args, { decoderThreads: 2, encoderThreads: 3 })).toEqual([
      '-filter_complex_threads',
      '1',
      '-y',
      '-ss',
      '1',
      '-threads',
      '2',
      '-i',
      'a.mp4',
      '-threads',
      '2',
      '-i',
      '-i',
      '-map',
      '[v]',
      '-threads',
      '3',
      'out.mp4',
    ])
  })
})
