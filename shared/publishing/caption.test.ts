import { describe, expect, it } from 'vitest'
import { captionStats, hashtagsOf, suggest, tokenAt } from './caption'

describe('caption helpers', () => {
  it.each([
    ['', 0, [], []],
    ['Morning run #fitness #run @coach.k', 34, ['fitness', 'run'], ['coach.k']],
    ['emoji 🏃‍♀️ #go', 14, ['go'], []],
  ])('%j counts %i characters', (caption, characters, hashtags, mentions) => {
    expect(captionStats(caption)).toMatchObject({ characters, hashtags, mentions, max: 2200 })
  })

  it('keeps each hashtag once', () => {
    expect(hashtagsOf('#a #b #a')).toEqual(['a', 'b'])
  })

  it('finds the tag being typed', () => {
    expect(tokenAt('hello #fit', 10)).toEqual({ sign: '#', text: 'fit', start: 6 })
    expect(tokenAt('hello @co', 9)).toEqual({ sign: '@', text: 'co', start: 6 })
    expect(tokenAt('hello there', 11)).toBeNull()
  })

  it('suggests the most used matching tags, prefix matches first', () => {
    const history = ['fitness', 'fitness', 'fit', 'outfit', 'outfit', 'outfit', 'run']
    expect(suggest(history, 'fit')).toEqual(['fitness', 'outfit'])
    expect(suggest(history, '')).toEqual(['outfit', 'fitness', 'fit', 'run'])
  })
})
