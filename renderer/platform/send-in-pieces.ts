import { IPC_CHUNK_BYTES } from '../../shared/ipc/media-files'

/**
 * Sends a Blob to main in IPC-sized pieces, in order (main refuses pieces out of order), reading
 * the next piece while the current one is in flight. Only one or two pieces are ever in memory,
 * so a 2 GiB dropped file costs 16 MiB, not 2 GiB (see shared/ipc/media-files.ts).
 */
export async function sendInPieces(
  blob: Blob,
  send: (offset: number, bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
  pieceBytes: number = IPC_CHUNK_BYTES,
): Promise<void> {
  const read = async (offset: number) =>
    new Uint8Array(await blob.slice(offset, offset + pieceBytes).arrayBuffer())
  let next = blob.size > 0 ? read(0) : null
  for (let offset = 0; next; offset += pieceBytes) {
    const bytes = await next
    next = offset + pieceBytes < blob.size ? read(offset + pieceBytes) : null
    // If `send` fails, the read ahead is abandoned: its failure must not go unhandled.
    next?.catch(() => undefined)
    await send(offset, bytes)
  }
}
