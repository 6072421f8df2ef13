/**
 * Shared by the test-only harness pages (engine/harness.ts, preview/harness.ts): the end-to-end
 * suites hand files in through the page's #files input and read results back as base64.
 */

/** mediaId → { file: name in #files, info } becomes mediaId → { file: the File, info }. */
export function mediaFromInput<Info>(
  spec: Readonly<Record<string, { file: string; info: Info }>>,
): Record<string, { file: File; info: Info }> {
  const input = document.querySelector<HTMLInputElement>('#files')
  const files = [...(input?.files ?? [])]
  const media: Record<string, { file: File; info: Info }> = {}
  for (const [mediaId, { file, info }] of Object.entries(spec)) {
    const found = files.find((f) => f.name === file)
    if (!found) throw new Error(`test harness: no file "${file}" in the input`)
    media[mediaId] = { file: found, info }
  }
  return media
}

/** A Blob as base64, in chunks (spreading a whole video into fromCharCode overflows the stack). */
export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}
