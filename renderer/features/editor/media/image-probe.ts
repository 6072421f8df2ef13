import { checkDimensions } from './checks'
import { MediaImportError } from './import-error'
import { THUMBNAIL_WIDTH } from './limits'
import type { ProbeResult } from './probe-result'
import type { ImageFormat } from './sniff'
import { canvasToThumbnail } from './thumbnail'

const MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
}

async function decode(file: Blob, fileName: string, options?: ImageBitmapOptions) {
  try {
    return await createImageBitmap(file, options)
  } catch (error) {
    // The signature said image, the decoder disagrees: a cut-off or damaged file.
    throw new MediaImportError('corrupt', fileName, {}, { cause: error })
  }
}

/**
 * Stills are probed by decoding them. createImageBitmap applies EXIF orientation, so the size is
 * the upright size and rotation stays 0 (a still has no display matrix for the compiler to use).
 */
export async function probeImage(
  file: Blob,
  fileName: string,
  format: ImageFormat,
): Promise<{ probe: ProbeResult; thumbnail: Blob }> {
  const bitmap = await decode(file, fileName)
  const { width, height } = bitmap
  bitmap.close()
  checkDimensions(fileName, width, height)
  const thumbWidth = Math.min(THUMBNAIL_WIDTH, width)
  const thumbHeight = Math.max(1, Math.round((height * thumbWidth) / width))
  const small = await decode(file, fileName, {
    resizeWidth: thumbWidth,
    resizeHeight: thumbHeight,
    resizeQuality: 'medium',
  })
  const canvas = new OffscreenCanvas(thumbWidth, thumbHeight)
  canvas.getContext('2d')?.drawImage(small, 0, 0)
  small.close()
  const probe: ProbeResult = {
    kind: 'image',
    fileName,
    mimeType: MIME[format],
    sizeBytes: file.size,
    durationMs: 0,
    codedWidth: width,
    codedHeight: height,
    displayWidth: width,
    displayHeight: height,
    fps: null,
    codecs: { video: format, audio: null },
    rotation: 0,
    hasAudio: false,
  }
  return { probe, thumbnail: await canvasToThumbnail(canvas) }
}
