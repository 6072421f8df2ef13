import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

/** Calls nativeFfmpegFor in a child whose PATH has no ffmpeg. */
function withoutFfmpeg(env: Record<string, string>) {
  const code = `import { nativeFfmpegFor } from './scripts/native-ffmpeg.mjs'
    try { process.stdout.write('returned ' + String(nativeFfmpegFor('The "x" suite')) + '\\n') }
    catch (e) { process.stdout.write('threw ' + e.message + '\\n') }`
  const { CI: _ci, ...rest } = process.env
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { ...rest, PATH: '/nonexistent', ...env },
  }).stdout
}

describe('suites that need native ffmpeg', () => {
  it('say in one line that they are not run when it is missing', () => {
    expect(withoutFfmpeg({})).toBe(
      'The "x" suite not run: native ffmpeg/ffprobe are not installed (apt-get install ffmpeg).\nreturned false\n',
    )
  })

  it('fail instead of skipping on CI, which installs ffmpeg', () => {
    expect(withoutFfmpeg({ CI: 'true' })).toMatch(
      /^threw The "x" suite not run: .* CI installs them, so nothing may skip there\.\n$/,
    )
  })
})
