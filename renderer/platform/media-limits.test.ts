import { describe, expect, it } from 'vitest'
import { MEDIA_TYPES } from '../../shared/ipc/media-files'

describe('media types shared with main', () => {
  it('the native dialog offers every still-image format the import sniffs', () => {
    expect(Object.values(MEDIA_TYPES.image)).toEqual(
      expect.arrayContaining(['image/png', 'image/jpeg', 'image/webp']),
    )
  })
})
