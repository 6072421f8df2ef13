// Native ffmpeg/ffprobe for tests and benchmarks only (Debian's packages; never an app
// dependency — the app renders with ffmpeg.wasm). One copy of the spawn and probe helpers for
// the e2e fixtures, the compiler's native test and bench/export/main.ts.
import { spawnSync } from 'node:child_process'

/**
 * @typedef {object} ProbeStream
 * @property {string} codec_type
 * @property {string} codec_name
 * @property {string} [profile]
 * @property {number} [level]
 * @property {number} [width]
 * @property {number} [height]
 * @property {string} [pix_fmt]
 * @property {string} [r_frame_rate]
 * @property {string} [avg_frame_rate]
 * @property {string} [nb_read_frames]
 * @property {string} [sample_rate]
 * @property {number} [channels]
 * @property {string} [duration]
 * @property {{ rotation?: number }[]} [side_data_list]
 */

/** @typedef {{ streams: ProbeStream[], format: { duration?: string, format_name: string } }} Probe */

/**
 * Runs a tool and returns its stdout; throws with the tail of stderr when it fails.
 * @param {string} tool @param {readonly string[]} args
 * @param {{ timeoutMs?: number, withStderr?: boolean }} [options]
 */
export function run(tool, args, options = {}) {
  const result = spawnSync(tool, args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 << 20,
  })
  if (result.status !== 0) {
    throw new Error(
      `${tool} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`,
    )
  }
  return options.withStderr ? `${result.stdout}${result.stderr}` : result.stdout
}

/** Whether ffmpeg and ffprobe are installed (tests that need them say so when they skip). */
export function hasNativeFfmpeg() {
  return ['ffmpeg', 'ffprobe'].every((tool) => spawnSync(tool, ['-version']).status === 0)
}

/**
 * For a suite that needs native ffmpeg: true when it is installed. Otherwise the suite is not
 * run and says so in one line — except on CI (`CI` set), which installs ffmpeg (.ci/run), so a
 * missing one there is an error rather than a quiet skip.
 * @param {string} suite what is not run, in a few words
 */
export function nativeFfmpegFor(suite) {
  if (hasNativeFfmpeg()) return true
  const line = `${suite} not run: native ffmpeg/ffprobe are not installed (apt-get install ffmpeg).`
  if (process.env.CI) throw new Error(`${line} CI installs them, so nothing may skip there.`)
  process.stdout.write(`${line}\n`)
  return false
}

/**
 * ffprobe's streams and format as JSON; `countFrames` decodes the file to count real frames.
 * @param {string} file @param {boolean} [countFrames]
 * @returns {Probe}
 */
export function ffprobe(file, countFrames = false) {
  return JSON.parse(
    run('ffprobe', [
      ...['-v', 'error', ...(countFrames ? ['-count_frames'] : [])],
      ...['-show_streams', '-show_format', '-of', 'json', file],
    ]),
  )
}
