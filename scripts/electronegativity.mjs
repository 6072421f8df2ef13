// Electronegativity scan of main, preload and renderer (and the shared code they bundle); fails on
// any HIGH or MEDIUM finding, and on any file the scanner could not read (a file it cannot parse
// is a file it did not check). Findings that were reviewed and accepted are marked inline in the
// source with `eng-disable CHECK_ID` plus the reason, so every exception is visible where it applies.
// The scanner is called as a library: its CSV writer interleaves rows under load.
//   node scripts/electronegativity.mjs [--root DIR]   (DIR: scan another tree; tests use it)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
/** @type {(options: Record<string, unknown>) => Promise<{ issues: Finding[], errors: ScanError[] }>} */
const electronegativity = require('@doyensec/electronegativity')

/** @typedef {{ id: string, file: string, location: { line: number, column: number }, severity: { name: string }, confidence: { name: string } }} Finding */
/** @typedef {{ file: string, message: string, tolerable: boolean }} ScanError */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCANNED_DIRS = ['main', 'preload', 'renderer', 'shared']
// Code the scanner does not read at all (it knows js, jsx, ts, tsx, html, json): such a file
// would pass unchecked, so it fails the scan like a file that does not parse.
const UNSCANNABLE = /\.(mjs|cjs|mts|cts)$/

/**
 * Scans `root`'s app folders. `unread` lists files the scanner could not parse or does not read.
 * @param {string} root
 * @returns {Promise<{ findings: Finding[], blocking: Finding[], unread: ScanError[], electronVersion: string }>}
 */
export async function scan(root) {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-eneg-'))
  /** @type {ScanError[]} */
  const unread = []
  try {
    for (const dir of SCANNED_DIRS) {
      if (!existsSync(path.join(root, dir))) continue
      cpSync(path.join(root, dir), path.join(stage, dir), {
        recursive: true,
        // Tests are not shipped code; they deliberately contain hostile inputs.
        filter: (src) => {
          if (/\.test\.tsx?$/.test(src)) return false
          if (UNSCANNABLE.test(src)) {
            unread.push({
              file: path.relative(root, src),
              message: 'the scanner does not read this file type',
              tolerable: false,
            })
          }
          return true
        },
      })
    }
    cpSync(path.join(repo, 'package.json'), path.join(stage, 'package.json'))
    const electronVersion = JSON.parse(
      readFileSync(path.join(repo, 'node_modules/electron/package.json'), 'utf8'),
    ).version
    const result = await electronegativity({
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
    })
    for (const e of result.errors) {
      if (!e.tolerable)
        unread.push({ ...e, file: path.relative(stage, path.resolve(stage, e.file)) })
    }
    const findings = result.issues
    const blocking = findings.filter(
      (f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM',
    )
    return { findings, blocking, unread, electronVersion }
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

async function main() {
  const rootArg = process.argv.indexOf('--root')
  const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1] ?? '.') : repo
  const { findings, blocking, unread, electronVersion } = await scan(root)
  for (const f of findings) {
    console.log(
      `${f.severity.name.padEnd(13)} ${f.id.padEnd(36)} ${f.file}:${f.location.line}:${f.location.column} (${f.confidence.name})`,
    )
  }
  for (const e of unread) console.error(`NOT SCANNED  ${e.file}: ${e.message}`)
  console.log(
    `electronegativity: ${findings.length} findings, ${blocking.length} HIGH or MEDIUM, ${unread.length} files not scanned (Electron ${electronVersion})`,
  )
  if (blocking.length > 0 || unread.length > 0) process.exitCode = 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
