import { appendFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Files that arrive over IPC in pieces (see shared/ipc/media-files.ts for why), written to a
 * `.partial` folder and moved into place only when complete, so a reader never sees half a file
 * and an abandoned upload is just a stray partial (cleared at the next start).
 *
 * Pieces must come in order: each offset must equal the bytes received so far (offset 0 starts
 * over). That keeps the file gap-free and stops a confused or hostile renderer from writing at
 * arbitrary offsets; `maxBytes` bounds the whole file. Keys are validated ids, safe as names.
 */
export class PartialFiles {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  append(key: string, offset: number, bytes: Uint8Array): Promise<void> {
    return this.serial(key, async () => {
      if (offset + bytes.byteLength > this.maxBytes) {
        throw new Error(`the file would exceed ${this.maxBytes} bytes`)
      }
      await mkdir(this.dir, { recursive: true })
      const file = this.pathOf(key)
      if (offset === 0) {
        await writeFile(file, bytes)
        return
      }
      const received = (await sizeOf(file)) ?? 0
      if (received !== offset) {
        throw new Error(
          `piece at byte ${offset} is out of order: ${received} bytes received so far`,
        )
      }
      await appendFile(file, bytes)
    })
  }

  /** Moves the finished file to `destination` once exactly `size` bytes have arrived. */
  complete(key: string, size: number, destination: string): Promise<void> {
    return this.serial(key, async () => {
      const received = await sizeOf(this.pathOf(key))
      if (received !== size) {
        throw new Error(`expected ${size} bytes but ${received ?? 0} arrived`)
      }
      await mkdir(path.dirname(destination), { recursive: true })
      await rename(this.pathOf(key), destination)
    })
  }

  discard(key: string): Promise<void> {
    return this.serial(key, () => rm(this.pathOf(key), { force: true }))
  }

  /** Drops uploads a previous run left unfinished. */
  async clear(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [])
    await Promise.all(names.map((name) => rm(path.join(this.dir, name), { force: true })))
  }

  pathOf(key: string): string {
    return path.join(this.dir, key)
  }

  /** One operation per key at a time: two pieces of one file never interleave. */
  private serial<T>(key: string, run: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(run)
    const settled = next.catch(() => undefined)
    this.queues.set(key, settled)
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key)
    })
    return next
  }
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size
  } catch {
    return null
  }
}
