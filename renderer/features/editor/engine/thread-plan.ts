/**
 * Thread limits for the multi-thread ffmpeg.wasm core. Its pthreads come from a pool of 32
 * workers made at load; a thread beyond that needs a new Worker, which cannot start while the
 * export worker is blocked inside ffmpeg — the run hangs (measured: 3 clips + logo + music at
 * ffmpeg's default thread counts never finish). ffmpeg 5.1 starts one reading thread per input
 * (when there are several), frame threads per decoder, x264's threads, and — the big one — a
 * slice-thread set per filter and per swscale context, so the filter graph runs single-threaded
 * here and the cores go to decoding and x264, where ffmpeg spends most of its time.
 */
export const PTHREAD_POOL_SIZE = 32
/** x264's lookahead thread and one spare. */
const RESERVED = 2
const MAX_DECODER_THREADS = 2

export interface ThreadPlan {
  /** Per input (frame threads); 1 means no extra thread. */
  readonly decoderThreads: number
  readonly encoderThreads: number
}

/** Thread counts that fit the pool, or null when even the minimum would not (use the ST core). */
export function planThreads(inputCount: number, cores: number): ThreadPlan | null {
  const readers = inputCount > 1 ? inputCount : 0
  const encoderThreads = Math.min(8, Math.max(2, Math.round(cores * 1.5)))
  const free = PTHREAD_POOL_SIZE - RESERVED - readers - encoderThreads
  if (free < 0) return null
  const perInput = Math.floor(free / Math.max(1, inputCount))
  const decoderThreads = perInput >= 2 ? Math.min(MAX_DECODER_THREADS, perInput) : 1
  return { decoderThreads, encoderThreads }
}

/**
 * Applies a plan to a compiled argument list: `-threads` before each `-i` (an input option),
 * `-filter_complex_threads 1` up front, and the encoder's `-threads` just before the output file
 * (the last argument).
 */
export function applyThreadPlan(args: readonly string[], plan: ThreadPlan): string[] {
  const out: string[] = ['-filter_complex_threads', '1']
  const last = args.length - 1
  for (let i = 0; i <= last; i++) {
    const arg = args[i] ?? ''
    if (i === last) out.push('-threads', String(plan.encoderThreads))
    if (arg === '-i' && i < last) {
      out.push('-threads', String(plan.decoderThreads), '-i', args[i + 1] ?? '')
      i++ // the file name, whatever it looks like
      continue
    }
    out.push(arg)
  }
  return out
}

export function countInputs(args: readonly string[]): number {
  let count = 0
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-i') {
      count++
      i++ // the next argument is the file name, even if it were literally "-i"
    }
  }
  return count
}
