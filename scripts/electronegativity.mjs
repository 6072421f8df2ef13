// Electronegativity scan of main, preload and renderer; fails on any HIGH or MEDIUM finding.
// Findings that were reviewed and accepted are marked inline in the source with
// `eng-disable CHECK_ID` plus the reason, so every exception is visible where it applies.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stage = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-eneg-'))
const report = path.join(stage, 'report.csv')

try {
  for (const dir of ['main', 'preload', 'renderer', 'shared']) {
    cpSync(path.join(root, dir), path.join(stage, 'src', dir), {
      recursive: true,
      // Tests are not shipped code; they deliberately contain hostile inputs.
      filter: (src) => !/\.test\.tsx?$/.test(src),
    })
  }
  cpSync(path.join(root, 'package.json'), path.join(stage, 'src', 'package.json'))
  const electronVersion = JSON.parse(
    readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
      '-i', path.join(stage, 'src'),
      '-r',
      '-v', 'false',
      '-e', electronVersion,
      '-o', report,
    ],
    // No colour codes in the report (FORCE_COLOR from npm test would leak into the CSV).
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
  )
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr)
    throw new Error(`electronegativity exited with ${run.status}`)
  }
  const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean)
  const findings = rows.map((row) => {
    // CSV with quoted fields; the CSP sample column contains quotes of its own.
    const cells = [...row.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) =>
      (m[1] ?? '').replace(/^"|"$/g, ''),
    )
    const [id = '?', severity = '?', confidence = '?', file = '?', location = '?'] = cells
    return { id, severity, confidence, file, location }
  })
  const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM')
  for (const f of findings) {
    console.log(`${f.severity.padEnd(13)} ${f.id.padEnd(36)} ${f.file}:${f.location} (${f.confidence})`)
  }
  console.log(
    `electronegativity: ${findings.length} findings, ${blocking.length} HIGH or MEDIUM (Electron ${electronVersion})`,
  )
  if (blocking.length > 0) process.exitCode = 1
} finally {
  if (!process.env.KEEP_ENEG) rmSync(stage, { recursive: true, force: true })
}
