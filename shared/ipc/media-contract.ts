import { z } from 'zod'
import { UUID_V7_PATTERN } from '../data/ids'
import {
  EXPORT_MAX_BYTES,
  IPC_CHUNK_BYTES,
  MEDIA_MAX_FILE_BYTES,
  PICK_REFUSAL_CODES,
  THUMBNAIL_MAX_BYTES,
} from './media-files'

/**
 * The desktop's media and export methods (spread into ./contract's ipcContract). The renderer
 * never names a path: it names a media id or a project id (UUIDv7, so always a safe file name)
 * and main decides where that lives under its data folder. Paths chosen in native dialogs stay
 * in main; only file names and sizes come back.
 */

/** Media and project ids are document ids: lower-case UUIDv7. */
export const fileIdSchema = z.string().regex(UUID_V7_PATTERN, 'must be a lowercase UUIDv7')

/**
 * A file name as the user sees it, never a path: no separators, no control characters, not a
 * dot segment. Main only uses it for an extension or, sanitised further, a dialog's default.
 */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(1024)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name), 'must be a file name, not a path')
  .refine((name) => name !== '.' && name !== '..', 'must be a file name, not a path')

/** One piece of a file: 1 byte to IPC_CHUNK_BYTES (see media-files.ts for why files go in pieces). */
const chunkBytes = z
  .instanceof(Uint8Array)
  .refine(
    (bytes) => bytes.byteLength >= 1 && bytes.byteLength <= IPC_CHUNK_BYTES,
    `must be 1 to ${IPC_CHUNK_BYTES} bytes`,
  )

/** Refuses a piece that would take the file past `max` bytes. */
const fitsWithin = (max: number) => (input: { offset: number; bytes: Uint8Array }) =>
  input.offset + input.bytes.byteLength <= max
const tooLong = (max: number) => ({
  message: `the file would exceed ${max} bytes`,
  path: ['bytes'],
})

const mediaChunk = z
  .strictObject({
    id: fileIdSchema,
    offset: z.int().min(0).max(MEDIA_MAX_FILE_BYTES),
    bytes: chunkBytes,
  })
  .refine(fitsWithin(MEDIA_MAX_FILE_BYTES), tooLong(MEDIA_MAX_FILE_BYTES))

const exportChunk = z
  .strictObject({
    projectId: fileIdSchema,
    offset: z.int().min(0).max(EXPORT_MAX_BYTES),
    bytes: chunkBytes,
  })
  .refine(fitsWithin(EXPORT_MAX_BYTES), tooLong(EXPORT_MAX_BYTES))

const pickedFile = z.strictObject({
  id: fileIdSchema,
  name: z.string(),
  size: z.int().min(1).max(MEDIA_MAX_FILE_BYTES),
})

const pickRefusal = z.strictObject({
  name: z.string(),
  code: z.enum(PICK_REFUSAL_CODES),
  /** Null when the file could not even be measured. */
  size: z.int().min(0).nullable(),
})

export const mediaContract = {
  /**
   * Native open dialog (parented to the calling window); each chosen file is copied by main into
   * the media folder under a new id. Files main refuses (empty, too large, not a regular file, no
   * space) come back by name with a reason; a cancelled dialog returns two empty lists.
   */
  'media.pick': {
    input: z.undefined(),
    output: z.strictObject({ files: z.array(pickedFile), refusals: z.array(pickRefusal) }),
  },
  /** The next piece of an original the renderer holds (a dropped file); offset 0 starts over. */
  'media.saveChunk': {
    input: mediaChunk,
    output: z.void(),
  },
  /** All pieces sent: main checks the size and keeps the file (replacing any earlier one). */
  'media.saveEnd': {
    input: z.strictObject({
      id: fileIdSchema,
      name: fileNameSchema,
      size: z.int().min(1).max(MEDIA_MAX_FILE_BYTES),
    }),
    output: z.void(),
  },
  'media.saveThumbnail': {
    input: z.strictObject({
      id: fileIdSchema,
      bytes: z
        .instanceof(Uint8Array)
        .refine(
          (bytes) => bytes.byteLength >= 1 && bytes.byteLength <= THUMBNAIL_MAX_BYTES,
          `must be 1 to ${THUMBNAIL_MAX_BYTES} bytes`,
        ),
    }),
    output: z.void(),
  },
  /** Removes the original, its thumbnail and any unfinished upload; missing files are fine. */
  'media.remove': {
    input: z.strictObject({ id: fileIdSchema }),
    output: z.void(),
  },
  /** Free bytes on the disk holding the media folder, or null when the OS does not say. */
  'media.available': {
    input: z.undefined(),
    output: z.int().min(0).nullable(),
  },
} as const

export const exportContract = {
  /** The next piece of a finished render, kept as `<userData>/exports/<projectId>.mp4`. */
  'export.keepChunk': {
    input: exportChunk,
    output: z.void(),
  },
  'export.keepEnd': {
    input: z.strictObject({
      projectId: fileIdSchema,
      size: z.int().min(1).max(EXPORT_MAX_BYTES),
    }),
    output: z.void(),
  },
  /**
   * Native save dialog (parented to the calling window, in the user's Videos folder, .mp4 filter)
   * for the kept render; main copies it there. Returns the chosen file's name, never its path.
   */
  'export.save': {
    input: z.strictObject({ projectId: fileIdSchema, suggestedName: fileNameSchema }),
    output: z.discriminatedUnion('saved', [
      z.strictObject({ saved: z.literal(true), fileName: z.string() }),
      z.strictObject({ saved: z.literal(false) }),
    ]),
  },
} as const
