import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { run } from '../../scripts/native-ffmpeg.mjs'
import { AAC_STEREO } from '../../shared/timeline/compile-ffmpeg'

/**
 * `npm run bench:sound`: the export's AAC settings (AAC_STEREO: ffmpeg's 'fast' coder at
 * 192 kb/s) against ffmpeg's default coder (twoloop) at the same rate, both native, on the same
 * 30 s of music-like stereo (a chord, pink and brown noise with fixed seeds, beeps). Prints each
 * one's encode time (median of ROUNDS) and how far its decoded sound is from the original: SNR
 * over the whole band and in three bands (split with ffmpeg's biquad filters, the same filter on
 * both sides, so the difference is the coder's error in that band). SNR is not a listening test:
 * twoloop's noise substitution trades SNR for a noise-like likeness; the coder's author judged
 * 'fast' the better-sounding one at higher rates (FFmpeg commit fcb681ac). Time is the other
 * half: the sound of an export runs on ffmpeg.wasm beside the picture.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = 30
const RATE = 48_000

const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-sound-'))
const file = (name: string) => path.join(dir, name)

const tones = [
  'sine=f=220:d=S,volume=0.3[a]',
  'sine=f=277:d=S,volume=0.2[b]',
  'sine=f=330:d=S,volume=0.2[c]',
  'anoisesrc=c=pink:d=S:a=0.08:s=1[n]',
  'sine=f=2:d=S:beep_factor=8,volume=0.4[p]',
  'anoisesrc=c=brown:d=S:a=0.05:s=2,aformat=channel_layouts=mono[q]',
  '[a][b][c][n][p]amix=inputs=5:normalize=0,aformat=channel_layouts=mono[m]',
  '[m]asplit[l][r]',
  '[r][q]amix=inputs=2:normalize=0[r2]',
  '[l][r2]join=inputs=2:channel_layout=stereo,aresample=48000',
]
  .join(';')
  .replaceAll(':d=S', `:d=${SECONDS}`)
run('ffmpeg', ['-v', 'error', '-y', '-filter_complex', tones, '-c:a', 'pcm_f32le', file('ref.wav')])

/** The decoded sound, stereo float, through `filter` when given. */
function samples(input: string, filter?: string): Float32Array {
  const raw = file('decoded.f32')
  run('ffmpeg', [
    ...['-v', 'error', '-y', '-i', input],
    ...(filter ? ['-af', filter] : []),
    ...['-f', 'f32le', '-ac', '2', '-ar', String(RATE), raw],
  ])
  const bytes = readFileSync(raw)
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

/** 10·log10(signal / error), skipping the first and last 0.1 s (the coder's edges). */
function snr(reference: Float32Array, decoded: Float32Array): number {
  const edge = Math.round(RATE * 0.1) * 2
  let signal = 0
  let error = 0
  for (let i = edge; i < Math.min(reference.length, decoded.length) - edge; i++) {
    const r = reference[i] ?? 0
    const d = r - (decoded[i] ?? 0)
    signal += r * r
    error += d * d
  }
  return 10 * Math.log10(signal / error)
}

const BANDS = {
  all: undefined,
  'below 4 kHz': 'lowpass=f=4000,lowpass=f=4000',
  '4–10 kHz': 'highpass=f=4000,highpass=f=4000,lowpass=f=10000,lowpass=f=10000',
  'above 10 kHz': 'highpass=f=10000,highpass=f=10000',
} as const

const CODERS = {
  "the export's (fast)": [...AAC_STEREO],
  'twoloop (the default)': [...AAC_STEREO].map((arg) => (arg === 'fast' ? 'twoloop' : arg)),
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const results: Record<string, { ms: number; snr: Record<string, number> }> = {}
for (const [index, [name, args]] of Object.entries(CODERS).entries()) {
  const out = file(`coder-${index}.m4a`)
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now()
    const encoded = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', file('ref.wav'), ...args, out])
    if (encoded.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${String(encoded.stderr)}`)
    times.push(performance.now() - started)
  }
  const snrs: Record<string, number> = {}
  for (const [band, filter] of Object.entries(BANDS)) {
    snrs[band] = snr(samples(file('ref.wav'), filter), samples(out, filter))
  }
  results[name] = { ms: median(times), snr: snrs }
}
rmSync(dir, { recursive: true, force: true })

const [app, anchor] = Object.values(results)
if (!app || !anchor) throw new Error('missing results')
const dB = (v: number | undefined) => `${(v ?? NaN).toFixed(1)} dB`
console.log(`AAC 192 kb/s stereo 48 kHz, ${SECONDS} s of music-like sound, native ffmpeg`)
console.log(`| coder | encode (median of ${ROUNDS}) | ${Object.keys(BANDS).join(' | ')} |`)
console.log(
  `| --- | --- | ${Object.keys(BANDS)
    .map(() => '---')
    .join(' | ')} |`,
)
for (const [name, r] of Object.entries(results)) {
  console.log(
    `| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${Object.values(r.snr).map(dB).join(' | ')} |`,
  )
}
const round2 = (v: number) => Math.round(v * 100) / 100
console.log(
  JSON.stringify({
    bench: 'sound',
    app_ms: Math.round(app.ms),
    twoloop_ms: Math.round(anchor.ms),
    time_ratio: round2(app.ms / anchor.ms),
    snr_db: round2(app.snr.all ?? NaN),
    twoloop_snr_db: round2(anchor.snr.all ?? NaN),
    snr_gain_by_band_db: Object.fromEntries(
      Object.keys(BANDS).map((b) => [b, round2((app.snr[b] ?? NaN) - (anchor.snr[b] ?? NaN))]),
    ),
  }),
)
