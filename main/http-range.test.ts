import { describe, expect, it } from 'vitest'
import { parseRange } from './http-range'

describe('parseRange', () => {
  const size = 1000

  it.each([
    ['no header', null, { kind: 'full' }],
    ['another unit (ignored)', 'items=0-5', { kind: 'full' }],
    ['several ranges (answered whole)', 'bytes=0-1,5-6', { kind: 'full' }],
    ['start and end', 'bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['open end', 'bytes=900-', { kind: 'partial', start: 900, end: 999 }],
    ['end past the size (clamped)', 'bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['suffix', 'bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['suffix longer than the file', 'bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['last byte', 'bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['spaces and upper-case unit', 'Bytes= 10 - 19', { kind: 'partial', start: 10, end: 19 }],
  ])('%s', (_label, header, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })

  it.each([
    ['start past the end', 'bytes=1000-'],
    ['start after end', 'bytes=50-10'],
    ['empty suffix', 'bytes=-0'],
    ['nothing given', 'bytes=-'],
    ['not numbers', 'bytes=abc-def'],
    ['negative start', 'bytes=--5'],
    ['huge numbers', 'bytes=99999999999999999999999-'],
  ])('refuses %s (416)', (_label, header) => {
    expect(parseRange(header, size)).toEqual({ kind: 'unsatisfiable' })
  })

  it('finds nothing satisfiable in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange(null, 0)).toEqual({ kind: 'full' })
  })
})
