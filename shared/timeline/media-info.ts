import { z } from 'zod'

/**
 * What the compiler must know about each media file, as probed when it was imported.
 * width/height are the *stored* (coded) size, as ffprobe reports them; rotation is the display
 * rotation from the file's display matrix. ffmpeg (native and wasm) auto-rotates on decode, so
 * the compiler frames the picture at the rotated size.
 */
export const mediaInfoSchema = z.strictObject({
  /** Path of the file inside the ffmpeg file system (e.g. a WORKERFS mount). */
  fileName: z.string().min(1).max(1024),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** 0 for still images. */
  durationMs: z.number().finite().min(0),
  hasAudio: z.boolean(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
})

export type MediaInfo = z.infer<typeof mediaInfoSchema>
/** mediaId → media info. */
export type MediaInfoMap = Readonly<Record<string, MediaInfo>>
