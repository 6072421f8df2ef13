import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm, stat, statfs, writeFile, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createUuidV7Generator, isUuidV7 } from '../shared/data/ids'
import {
  MEDIA_EXTENSIONS,
  MEDIA_MAX_FILE_BYTES,
  mediaContentType,
  type PickRefusalCode,
} from '../shared/ipc/media-files'
import { PartialFiles } from './partial-files'

/** A file main refused to keep, with the reason the renderer shows next to its name. */
export class MediaRefusal extends Error {
  constructor(
    readonly code: PickRefusalCode,
    readonly size: number | null,
    message: string,
  ) {
    super(message)
    this.name = 'MediaRefusal'
  }
}

export interface StoredMedia {
  readonly id: string
  /** The user's file name (for display), never a path. */
  readonly name: string
  readonly size: number
}

export interface LocatedFile {
  readonly path: string
  readonly contentType: string
}

/** Extensions a stored original may carry: the media ones, and `bin` for anything else. */
const STORED_EXTENSIONS = [...MEDIA_EXTENSIONS, 'bin']
const THUMBNAIL_TYPES = { webp: 'image/webp', png: 'image/png', jpg: 'image/jpeg' } as const
type ThumbnailExtension = keyof typeof THUMBNAIL_TYPES

/**
 * The extension a stored copy gets: the user's own when it is a media type we serve (so the
 * app:// handler can name the Content-Type), `bin` otherwise. Never taken verbatim, so a name
 * like `x.html` cannot make main serve HTML from the app's origin.
 */
export function storedExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const ext = dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase()
  return MEDIA_EXTENSIONS.includes(ext) ? ext : 'bin'
}

/** A name for display: no control characters (a Linux file name may hold newlines). */
export function displayName(fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return fileName.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'untitled'
}

/** Thumbnails are images the renderer encoded; anything else is refused by its first bytes. */
function thumbnailExtension(head: Uint8Array): ThumbnailExtension | null {
  const ascii = (from: number, text: string) =>
    [...text].every((ch, i) => head[from + i] === ch.charCodeAt(0))
  if (head[0] === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) return 'png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg'
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp'
  return null
}

function assertId(id: string): void {
  // The IPC contract and the protocol handler check this already; paths are built from ids,
  // so the store checks again rather than trust every caller.
  if (!isUuidV7(id)) throw new Error('media ids are lower-case UUIDv7')
}

function isNoSpace(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOSPC'
}

/**
 * The desktop's media folder (`<userData>/media`): originals as `<id>.<ext>`, thumbnails under
 * `thumbnails/`, unfinished uploads under `.partial/`. Originals come in two ways: copied by
 * main from a path the user chose in the native dialog (`copyIn`), or sent by the renderer in
 * pieces (a dropped file it already holds). The renderer never names a path, only an id.
 */
export class MediaFiles {
  private readonly partials: PartialFiles
  private readonly thumbnails: string
  /** id → stored file name, so the app:// handler does not probe extensions on every range. */
  private readonly known = new Map<string, string>()

  constructor(
    readonly dir: string,
    private readonly newId: () => string = createUuidV7Generator(),
  ) {
    this.partials = new PartialFiles(path.join(dir, '.partial'), MEDIA_MAX_FILE_BYTES)
    this.thumbnails = path.join(dir, 'thumbnails')
  }

  /**
   * Copies a file the user picked into the folder under a new id, streaming (a 2 GiB original
   * never sits in memory). Refuses, with a MediaRefusal, anything that is not a regular file
   * (a FIFO or device would never end), is empty, is over the limit (also if it grows while
   * copied), or does not fit on the disk.
   */
  async copyIn(sourcePath: string): Promise<StoredMedia> {
    const name = displayName(path.basename(sourcePath))
    let handle: FileHandle
    try {
      handle = await open(sourcePath, 'r')
    } catch (error) {
      throw new MediaRefusal('storage-failed', null, `could not be opened (${String(error)})`)
    }
    try {
      const info = await handle.stat()
      if (!info.isFile()) throw new MediaRefusal('not-media', null, 'is not a regular file')
      if (info.size === 0) throw new MediaRefusal('empty', 0, 'is empty')
      if (info.size > MEDIA_MAX_FILE_BYTES) {
        throw new MediaRefusal('too-large', info.size, `is over ${MEDIA_MAX_FILE_BYTES} bytes`)
      }
      const free = await this.available()
      if (free !== null && free < info.size) {
        throw new MediaRefusal('storage-full', info.size, 'does not fit on the disk')
      }
      const id = this.newId()
      const size = await this.copyToPartial(handle, id)
      const stored = `${id}.${storedExtension(name)}`
      await mkdir(this.dir, { recursive: true })
      await rename(this.partials.pathOf(id), path.join(this.dir, stored))
      this.known.set(id, stored)
      return { id, name, size }
    } finally {
      await handle.close()
    }
  }

  private async copyToPartial(handle: FileHandle, id: string): Promise<number> {
    let copied = 0
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        copied += chunk.length
        if (copied > MEDIA_MAX_FILE_BYTES) {
          done(new MediaRefusal('too-large', copied, 'grew past the limit while being copied'))
        } else done(null, chunk)
      },
    })
    const partial = this.partials.pathOf(id)
    await mkdir(this.partials.dir, { recursive: true })
    try {
      await pipeline(
        handle.createReadStream({ start: 0, autoClose: false }),
        cap,
        createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
      )
    } catch (error) {
      await rm(partial, { force: true })
      if (error instanceof MediaRefusal) throw error
      if (isNoSpace(error)) throw new MediaRefusal('storage-full', null, 'does not fit on the disk')
      throw new MediaRefusal('storage-failed', null, `could not be copied (${String(error)})`)
    }
    if (copied === 0) {
      await rm(partial, { force: true })
      throw new MediaRefusal('empty', 0, 'is empty')
    }
    return copied
  }

  /** The next piece of an original the renderer holds; see PartialFiles for the ordering rule. */
  async writeChunk(id: string, offset: number, bytes: Uint8Array): Promise<void> {
    assertId(id)
    await this.partials.append(id, offset, bytes)
  }

  /** Keeps the uploaded original once all `size` bytes arrived, replacing an earlier copy. */
  async finishUpload(id: string, name: string, size: number): Promise<void> {
    assertId(id)
    const previous = await this.locateOriginal(id)
    const stored = `${id}.${storedExtension(name)}`
    const destination = path.join(this.dir, stored)
    await this.partials.complete(id, size, destination)
    if (previous && previous.path !== destination) await rm(previous.path, { force: true })
    this.known.set(id, stored)
  }

  async saveThumbnail(id: string, bytes: Uint8Array): Promise<void> {
    assertId(id)
    const ext = thumbnailExtension(bytes)
    if (!ext) throw new Error('a thumbnail must be a PNG, JPEG or WebP image')
    await mkdir(this.thumbnails, { recursive: true })
    const destination = path.join(this.thumbnails, `${id}.${ext}`)
    const temporary = `${destination}.tmp`
    await writeFile(temporary, bytes, { mode: 0o600 })
    await rename(temporary, destination)
    await Promise.all(
      Object.keys(THUMBNAIL_TYPES)
        .filter((other) => other !== ext)
        .map((other) => rm(path.join(this.thumbnails, `${id}.${other}`), { force: true })),
    )
  }

  /** Removes the original, the thumbnail and any unfinished upload; missing files are fine. */
  async remove(id: string): Promise<void> {
    assertId(id)
    this.known.delete(id)
    await Promise.all([
      ...STORED_EXTENSIONS.map((ext) => rm(path.join(this.dir, `${id}.${ext}`), { force: true })),
      ...Object.keys(THUMBNAIL_TYPES).map((ext) =>
        rm(path.join(this.thumbnails, `${id}.${ext}`), { force: true }),
      ),
      this.partials.discard(id),
    ])
  }

  /** The stored original of `id`, or null. */
  async locateOriginal(id: string): Promise<LocatedFile | null> {
    if (!isUuidV7(id)) return null
    const cached = this.known.get(id)
    const candidates = cached ? [cached] : STORED_EXTENSIONS.map((ext) => `${id}.${ext}`)
    for (const name of candidates) {
      const file = path.join(this.dir, name)
      if (await isFile(file)) {
        this.known.set(id, name)
        return { path: file, contentType: mediaContentType(path.extname(name).slice(1)) }
      }
    }
    this.known.delete(id)
    return null
  }

  async locateThumbnail(id: string): Promise<LocatedFile | null> {
    if (!isUuidV7(id)) return null
    for (const [ext, contentType] of Object.entries(THUMBNAIL_TYPES)) {
      const file = path.join(this.thumbnails, `${id}.${ext}`)
      if (await isFile(file)) return { path: file, contentType }
    }
    return null
  }

  /** Free bytes for this user on the media folder's disk, or null when the OS does not say. */
  async available(): Promise<number | null> {
    try {
      await mkdir(this.dir, { recursive: true })
      const fs = await statfs(this.dir)
      return Math.min(Number.MAX_SAFE_INTEGER, fs.bavail * fs.bsize)
    } catch {
      return null
    }
  }

  /** Drops uploads a previous run left unfinished (call at start). */
  clearPartials(): Promise<void> {
    return this.partials.clear()
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}
