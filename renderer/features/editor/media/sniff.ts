/**
 * Still images are recognised by their first bytes, not by the file name or the browser's MIME
 * guess (both come from the extension, which users rename freely).
 */
export type ImageFormat = 'png' | 'jpeg' | 'webp'

export const SNIFF_BYTES = 12

export function sniffImage(head: Uint8Array): ImageFormat | null {
  const at = (i: number) => head[i] ?? -1
  const ascii = (from: number, text: string) =>
    [...text].every((ch, i) => at(from + i) === ch.charCodeAt(0))
  if (at(0) === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) return 'png'
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg'
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp'
  return null
}
