/**
 * What main (which keeps the desktop's media files) and the renderer (which imports them) must
 * agree on: size limits, the file types the native dialog offers, and the app:// paths the
 * renderer reads stored files from. No I/O here.
 */

/**
 * Largest original the import accepts; the renderer's MAX_FILE_BYTES is this number (see
 * renderer/features/editor/media/limits.ts for why 2 GiB).
 */
export const MEDIA_MAX_FILE_BYTES = 2 * 1024 ** 3

/**
 * Largest piece of a file in one IPC message. Originals (up to 2 GiB) and renders cross IPC in
 * pieces: one message that size would be structured-cloned whole in the renderer, the browser
 * process and main at once, and Chromium's IPC caps one message well below 2 GiB. 8 MiB pieces keep
 * memory flat and still move a 2 GiB file in 256 round trips.
 */
export const IPC_CHUNK_BYTES = 8 * 1024 ** 2

/** Thumbnails are ~160 px wide WebP (a few KiB); anything near this is not a thumbnail. */
export const THUMBNAIL_MAX_BYTES = 2 * 1024 ** 2

/**
 * Largest render kept on the desktop. ffmpeg.wasm writes its output in a 32-bit heap, so a real
 * render stays well under this; it bounds what a compromised renderer could make main write.
 */
export const EXPORT_MAX_BYTES = 4 * 1024 ** 3

/**
 * Extensions the native open dialog offers, with the Content-Type the app:// handler serves a
 * stored original with. The import judges files by their content, not by these (a renamed file
 * still imports by drag-and-drop); this is what mediabunny and the image sniffer can read.
 */
export const MEDIA_TYPES = {
  video: {
    mp4: 'video/mp4',
    m4v: 'video/mp4',
    mov: 'video/quicktime',
    webm: 'video/webm',
    mkv: 'video/x-matroska',
    mts: 'video/mp2t',
    m2ts: 'video/mp2t',
  },
  audio: {
    mp3: 'audio/mpeg',
    m4a: 'audio/mp4',
    aac: 'audio/aac',
    wav: 'audio/wav',
    ogg: 'audio/ogg',
    opus: 'audio/ogg',
    flac: 'audio/flac',
  },
  image: {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    webp: 'image/webp',
  },
} as const satisfies Record<'video' | 'audio' | 'image', Record<string, string>>

const TYPE_BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.values(MEDIA_TYPES).flatMap((types) => Object.entries(types)),
)

/** Lower-case extensions without the dot, every kind together. */
export const MEDIA_EXTENSIONS: readonly string[] = [...TYPE_BY_EXTENSION.keys()]

/** The Content-Type for a stored file's extension; unknown ones are served as plain bytes. */
export function mediaContentType(extension: string): string {
  return TYPE_BY_EXTENSION.get(extension.toLowerCase()) ?? 'application/octet-stream'
}

/**
 * Where the renderer reads stored files on desktop (same origin as the page, so fetch, <video>
 * and mediabunny's range reads need no CORS). `@` never appears in the renderer build's paths,
 * so these cannot shadow or be shadowed by one of its files.
 */
export const MEDIA_URL_PREFIX = '/@media/'
export const mediaOriginalPath = (id: string): string => `${MEDIA_URL_PREFIX}originals/${id}`
export const mediaThumbnailPath = (id: string): string => `${MEDIA_URL_PREFIX}thumbnails/${id}`

/** The ref a desktop render is recorded under on its project (the web's is `opfs:exports/…`). */
export const desktopExportRef = (projectId: string): string => `app-data:exports/${projectId}.mp4`

/** Why main refused a file the user picked; the same codes the renderer's import refusals use. */
export const PICK_REFUSAL_CODES = [
  'empty',
  'too-large',
  'not-media',
  'storage-full',
  'storage-failed',
] as const
export type PickRefusalCode = (typeof PICK_REFUSAL_CODES)[number]
