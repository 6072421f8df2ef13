import { describe, expect, it } from 'vitest'
import type { MusicLicence } from '../data/collections/media'
import { setMusic, updateMusic } from '../timeline/edit'
import { createTimeline } from '../timeline/model'
import { runChecks } from './checks'
import { musicLicenceOf } from './music-licence'

const SONG = '01890a5d-ac96-774b-bcce-b30209900001'
const licences = new Map<string, MusicLicence>([[SONG, 'personal']])
const lookup = (id: string) => licences.get(id)

describe('musicLicenceOf', () => {
  it('is the music track’s stated licence while the music is heard', () => {
    const withMusic = setMusic(createTimeline(), { mediaId: SONG })
    expect(musicLicenceOf(withMusic, lookup)).toBe('personal')
    expect(musicLicenceOf(updateMusic(withMusic, { volume: 0 }), lookup)).toBeNull()
  })

  it('is "unknown" for music whose item is not known here', () => {
    const other = setMusic(createTimeline(), { mediaId: '01890a5d-ac96-774b-bcce-b30209900002' })
    expect(musicLicenceOf(other, lookup)).toBe('unknown')
  })

  it('is null without music, and for a timeline it cannot read', () => {
    expect(musicLicenceOf(createTimeline(), lookup)).toBeNull()
    expect(musicLicenceOf({ version: 99, clips: 'no' }, lookup)).toBeNull()
    expect(musicLicenceOf(null, lookup)).toBeNull()
  })

  it('feeds the check that stops a branded post with personal-use music', () => {
    const music = musicLicenceOf(setMusic(createTimeline(), { mediaId: SONG }), lookup)
    const results = runChecks({
      post: {
        video: null,
        caption: '',
        privacy: 'public',
        disclosure: { commercial: true, yourBrand: false, brandedContent: true },
        productTags: [],
        mode: 'direct',
        accountId: SONG,
      },
      creator: null,
      appAudited: true,
      linkedToDeal: false,
      music,
      recent: { directPostsLastDay: 0, inboxDraftsLastDay: 0, shoppableLastWeek: 0 },
      lockedCaption: null,
    })
    expect(results.find((r) => r.id === 'sound_not_commercial')).toMatchObject({
      severity: 'error',
      field: 'sound',
    })
  })
})
