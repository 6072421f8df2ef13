import { describe, expect, it } from 'vitest'
import { escapeFilterValue, num, quoteExpression, sec } from './ffmpeg-escape'

describe('filtergraph escaping', () => {
  it('leaves plain text quoted and readable', () => {
    expect(escapeFilterValue('Hello world')).toBe(`\\'Hello world\\'`)
  })

  it.each([
    [':', `\\'a:b\\'`, 'a:b'],
    ["'", `\\'it\\'\\\\\\'\\'s\\'`, "it's"],
    ['\\', `\\'C\\\\dir\\'`, 'C\\dir'],
    ['%', `\\'50% off\\'`, '50% off'],
    [', ; [ ]', `\\'x\\,y\\;\\[z\\]\\'`, 'x,y;[z]'],
  ])('escapes %s', (_name, escaped, raw) => {
    expect(escapeFilterValue(raw)).toBe(escaped)
  })

  it('quotes expressions with commas and refuses ones it cannot quote', () => {
    expect(quoteExpression('between(t,1,2)')).toBe(`'between(t,1,2)'`)
    expect(() => quoteExpression("a'b")).toThrow('cannot be quoted')
    expect(() => quoteExpression('a:b')).toThrow('cannot be quoted')
  })

  it('formats numbers plainly', () => {
    expect(num(2)).toBe('2')
    expect(num(0.5)).toBe('0.5')
    expect(num(1 / 3)).toBe('0.333333')
    expect(num(1e-9)).toBe('0')
    expect(num(-0)).toBe('0')
    expect(() => num(1e21)).toThrow('not a finite number in range')
    expect(sec(1500)).toBe('1.5')
    expect(sec(33.3333333)).toBe('0.033333')
    expect(() => num(Number.NaN)).toThrow('not a finite number')
  })
})
