import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

type BuilderConfig = {
  asar?: boolean
  extends?: string
  electronFuses?: Record<string, boolean>
  linux?: { target?: string[] }
  mac?: { target?: string[] }
  win?: { target?: string[] }
}

const read = (file: string) => load(readFileSync(file, 'utf8')) as BuilderConfig
const release = read('electron-builder.yml')
const e2e = read('electron-builder.e2e.yml')

describe('electron-builder configuration', () => {
  it('packs every desktop target into an asar', () => {
    expect(release.asar).toBe(true)
    expect(release.linux?.target).toEqual(['AppImage', 'deb'])
    expect(release.mac?.target).toEqual(['dmg'])
    expect(release.win?.target).toEqual(['nsis'])
  })

  it('flips the security fuses at pack time', () => {
    expect(release.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    })
  })

  it('has an e2e variant that differs only by keeping inspect arguments on', () => {
    expect(e2e.extends).toBe('./electron-builder.yml')
    expect(e2e.electronFuses).toEqual({
      ...release.electronFuses,
      enableNodeCliInspectArguments: true,
    })
  })
})
