import { describe, expect, it } from 'vitest'
import { ProgressReader, parseClock, progressFraction } from './progress'

/** A real `-progress pipe:1` block from ffmpeg.wasm 0.12 (ffmpeg 5.1). */
const BLOCK = `frame=45
fps=14.52
stream_0_0_q=27.0
bitrate=2841.3kbits/s
total_size=524336
out_time_us=1476281
out_time_ms=1476281
out_time=00:00:01.476281
dup_frames=0
drop_frames=0
speed=0.476x
progress=continue`

describe('ProgressReader', () => {
  it('returns the stats when a block ends, not before', () => {
    const reader = new ProgressReader()
    const lines = BLOCK.split('\n')
    const results = lines.map((line) => reader.push(line))
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true)
    expect(results.at(-1)).toEqual({ frame: 45, outTimeMs: 1476.281, end: false })
  })

  it('reports the end and keeps the last values across blocks', () => {
    const reader = new ProgressReader()
    BLOCK.split('\n').forEach((line) => reader.push(line))
    expect(reader.push('frame=90')).toBeNull()
    expect(reader.push('progress=end')).toEqual({ frame: 90, outTimeMs: 1476.281, end: true })
  })

  it('ignores N/A times, negative values and stray lines', () => {
    const reader = new ProgressReader()
    for (const line of [
      'out_time_us=N/A',
      'out_time=-577014:32:22.775808',
      'frame=-1',
      'garbage',
      '=x',
    ]) {
      expect(reader.push(line)).toBeNull()
    }
    expect(reader.push('progress=continue')).toEqual({ frame: null, outTimeMs: null, end: false })
  })

  it('falls back to out_time when the microsecond keys are missing', () => {
    const reader = new ProgressReader()
    reader.push('out_time=00:01:02.500000')
    expect(reader.push('progress=continue')?.outTimeMs).toBe(62_500)
  })
})

describe('parseClock', () => {
  it('reads hh:mm:ss.frac', () => {
    expect(parseClock('01:00:00.25')).toBe(3_600_250)
    expect(parseClock('00:00:07')).toBe(7000)
  })
  it('rejects negative and malformed clocks', () => {
    expect(parseClock('-00:00:01.0')).toBeNull()
    expect(parseClock('N/A')).toBeNull()
    expect(parseClock('1:2:3')).toBeNull()
  })
})

describe('progressFraction', () => {
  const total = { durationMs: 3000, frames: 90 }
  it('prefers frames, then output time', () => {
    expect(progressFraction({ frame: 45, outTimeMs: 900, end: false }, total)).toBe(0.5)
    expect(progressFraction({ frame: 0, outTimeMs: 900, end: false }, total)).toBeCloseTo(0.3)
    expect(progressFraction({ frame: null, outTimeMs: null, end: false }, total)).toBe(0)
  })
  it('stays below 1 until ffmpeg reports the end (the muxer still writes the index)', () => {
    expect(progressFraction({ frame: 90, outTimeMs: 3000, end: false }, total)).toBe(0.99)
    expect(progressFraction({ frame: 95, outTimeMs: 3100, end: false }, total)).toBe(0.99)
    expect(progressFraction({ frame: 90, outTimeMs: 3000, end: true }, total)).toBe(1)
  })
})
