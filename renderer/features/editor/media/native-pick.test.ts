import { describe, expect, it } from 'vitest'
import { pickRefusal } from './native-pick'

describe('pickRefusal', () => {
  it('words main refusals like the import, naming the file and the size', () => {
    const tooLarge = pickRefusal({
      fileName: 'huge.mov',
      code: 'too-large',
      sizeBytes: 3 * 1024 ** 3,
    })
    expect(tooLarge).toMatchObject({ fileName: 'huge.mov', code: 'too-large' })
    expect(tooLarge.message).toBe(
      '“huge.mov” is 3 GiB; files up to 2 GiB can be imported. Trim or compress it first.',
    )
    const empty = pickRefusal({ fileName: 'empty.mp4', code: 'empty', sizeBytes: 0 })
    expect(empty.message).toContain('“empty.mp4” is empty')
    expect(empty.key).not.toBe(tooLarge.key)
    expect(pickRefusal({ fileName: 'x', code: 'storage-full', sizeBytes: null }).message).toContain(
      'not enough free space',
    )
  })
})
