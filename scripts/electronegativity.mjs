// Electronegativity scan of main, preload and renderer (and the shared code they bundle); fails on
// any HIGH or MEDIUM finding. Findings that were reviewed and accepted are marked inline in the
// source with `eng-disable CHECK_ID` plus the reason, so every exception is visible where it applies.
// The scanner is called as a library: its CSV writer interleaves rows under load.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
/** @type {(options: Record<string, unknown>) => Promise<{ issues: Finding[], errors: unknown[] }>} */
const electronegativity = require('@doyensec/electronegativity')

/** @typedef {{ id: string, file: string, location: { line: number, column: number }, severity: { name: string }, confidence: { name: string } }} Finding */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stage = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-eneg-'))

try {
  for (const dir of ['main', 'preload', 'renderer', 'shared']) {
    cpSync(path.join(root, dir), path.join(stage, dir), {
      recursive: true,
      // Tests are not shipped code; they deliberately contain hostile inputs.
      filter: (src) => !/\.test\.tsx?$/.test(src),
    })
  }
  cpSync(path.join(root, 'package.json'), path.join(stage, 'package.json'))
  const electronVersion = JSON.parse(
    readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version
  const result = await electronegativity({
    input: stage,
    isRelative: true,
    electronVersionOverride: electronVersion,
  })
  const findings = result.issues
  const blocking = findings.filter(
    (f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM',
  )
  for (const f of findings) {
    console.log(
      `${f.severity.name.padEnd(13)} ${f.id.padEnd(36)} ${f.file}:${f.location.line}:${f.location.column} (${f.confidence.name})`,
    )
  }
  console.log(
    `electronegativity: ${findings.length} findings, ${blocking.length} HIGH or MEDIUM (Electron ${electronVersion})`,
  )
  if (blocking.length > 0) process.exitCode = 1
} finally {
  rmSync(stage, { recursive: true, force: true })
}
