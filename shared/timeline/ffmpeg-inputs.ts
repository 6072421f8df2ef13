import { sec } from './ffmpeg-escape'

/**
 * The -i list. Each clip gets its own input with -ss/-t before -i: ffmpeg then seeks to the
 * nearest keyframe and decodes only the trimmed part (accurate seeking keeps it frame-exact),
 * instead of decoding the whole file from the start through a trim filter.
 */
export class FfmpegInputs {
  readonly args: string[] = []
  private count = 0

  /** Adds an input and returns its index for [N:v] / [N:a]. */
  add(fileName: string, window?: { startMs: number; durationMs: number }): number {
    if (window) {
      // A little read-ahead past the end: the trim filters cut exactly, and a last frame lost
      // to demuxer rounding would otherwise become a repeated one.
      this.args.push('-ss', sec(window.startMs), '-t', sec(window.durationMs + READ_AHEAD_MS))
    }
    this.args.push('-i', fileName)
    return this.count++
  }
}

const READ_AHEAD_MS = 100
