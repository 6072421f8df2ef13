/** Why an export or cover render did not produce a file; `message` is fit to show a user. */
export type ExportErrorCode =
  /** The caller aborted the signal; the worker was terminated. */
  | 'cancelled'
  /** The timeline does not validate or does not fit its media (from the compiler). */
  | 'invalid-timeline'
  /** A media file is missing from the job or ffmpeg cannot read it. */
  | 'invalid-input'
  /** A font or LUT the timeline names is not shipped with the app. */
  | 'missing-resource'
  /** The ffmpeg.wasm core could not be loaded (blocked, missing, out of memory). */
  | 'load-failed'
  /** ffmpeg ran and exited with a non-zero code. */
  | 'ffmpeg-failed'
  /** The worker died (wasm trap, out of memory) without reporting. */
  | 'worker-crashed'
  /** The browser's H.264 encoder (WebCodecs) refused the frames or stopped. */
  | 'encode-failed'

export class ExportError extends Error {
  readonly code: ExportErrorCode
  /** The end of ffmpeg's log, for a "details" disclosure or a bug report. */
  readonly detail: string | undefined

  constructor(code: ExportErrorCode, message: string, detail?: string) {
    super(message)
    this.name = 'ExportError'
    this.code = code
    this.detail = detail
  }
}

export interface FailureExplanation {
  readonly code: ExportErrorCode
  readonly message: string
}

/**
 * Turns a failed ffmpeg run into one sentence naming the user's file rather than the path in the
 * wasm file system. `names` maps those paths to what the user knows the files as.
 */
export function explainFfmpegFailure(
  exitCode: number,
  log: readonly string[],
  names: ReadonlyMap<string, string>,
): FailureExplanation {
  const display = (path: string) => names.get(path.trim()) ?? path.trim()
  for (const line of log) {
    const unreadable = /^(.+?): (Invalid data found when processing input|End of file)\s*$/.exec(
      line,
    )
    if (unreadable?.[1] && names.has(unreadable[1].trim())) {
      return {
        code: 'invalid-input',
        message: `"${display(unreadable[1])}" cannot be read: it is not a video, audio or image file, or it is damaged or incomplete.`,
      }
    }
    const missing = /^(.+?): No such file or directory\s*$/.exec(line)
    if (missing?.[1]) {
      return { code: 'invalid-input', message: `"${display(missing[1])}" is missing.` }
    }
  }
  const last = [...log].reverse().find((line) => meaningful(line))
  const reason = last ? `: ${replacePaths(last.trim(), names)}` : ''
  return {
    code: 'ffmpeg-failed',
    message: `The render failed (ffmpeg exit code ${exitCode})${reason}`,
  }
}

/** Lines that say nothing about the cause (the wasm core's own abort note, summaries). */
function meaningful(line: string): boolean {
  const text = line.trim()
  return (
    text !== '' &&
    !text.startsWith('Aborted(') &&
    !/^Conversion failed!?$/.test(text) &&
    !/^Exiting normally/.test(text)
  )
}

function replacePaths(text: string, names: ReadonlyMap<string, string>): string {
  let out = text
  for (const [path, name] of names) out = out.split(path).join(`"${name}"`)
  return out
}
