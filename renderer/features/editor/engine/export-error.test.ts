import { describe, expect, it } from 'vitest'
import { explainFfmpegFailure } from './export-error'

const names = new Map([
  ['/reeldesk/in/m0.mp4', 'Beach day.mp4'],
  ['/reeldesk/in/m1.m4a', 'song.m4a'],
])

describe('explainFfmpegFailure', () => {
  it('names the user file that ffmpeg could not read', () => {
    const log = [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x5a1c30] moov atom not found',
      '/reeldesk/in/m0.mp4: Invalid data found when processing input',
      'Aborted()',
    ]
    expect(explainFfmpegFailure(1, log, names)).toEqual({
      code: 'invalid-input',
      message:
        '"Beach day.mp4" cannot be read: it is not a video, audio or image file, or it is damaged or incomplete.',
    })
  })

  it('reports a missing file by its name', () => {
    const log = ['/reeldesk/in/m1.m4a: No such file or directory']
    expect(explainFfmpegFailure(1, log, names)).toEqual({
      code: 'invalid-input',
      message: '"song.m4a" is missing.',
    })
  })

  it('otherwise quotes the last meaningful line, with paths replaced by names', () => {
    const log = [
      '[Parsed_lut3d_3 @ 0x1] /reeldesk/in/m0.mp4 frame too big',
      'Conversion failed!',
      'Aborted()',
    ]
    expect(explainFfmpegFailure(69, log, names)).toEqual({
      code: 'ffmpeg-failed',
      message:
        'The render failed (ffmpeg exit code 69): [Parsed_lut3d_3 @ 0x1] "Beach day.mp4" frame too big',
    })
    expect(explainFfmpegFailure(1, [], names).message).toBe(
      'The render failed (ffmpeg exit code 1)',
    )
  })
})
