/**
 * The export's quality setting: file size against picture quality, as a bitrate for the
 * browser's H.264 encoder (which has no constant-quality mode: Chromium 156 refuses
 * bitrateMode 'quantizer' for H.264). Bits per pixel per frame at 30 fps; 60 fps gets 1.5×
 * (frames are closer together, so each costs less). The default is the one `npm run
 * bench:export` measures against native x264: SSIM ≥ 0.98 against native ffmpeg's frames.
 */
export const EXPORT_QUALITIES = ['smaller', 'balanced', 'best'] as const
export type ExportQuality = (typeof EXPORT_QUALITIES)[number]
export const DEFAULT_QUALITY: ExportQuality = 'balanced'

const BITS_PER_PIXEL: Readonly<Record<ExportQuality, number>> = {
  smaller: 0.025,
  // 2.5 Mbps at 1080×1920 and 30 fps: SSIM 0.99+ against native ffmpeg's frames on the bench's
  // edit, in about the bytes x264 medium needs for the same SSIM (see the README's benchmark).
  balanced: 0.04,
  best: 0.1,
}

export const QUALITY_LABELS: Readonly<Record<ExportQuality, string>> = {
  smaller: 'Smaller',
  balanced: 'Balanced',
  best: 'Best',
}

export function videoBitrate(
  quality: ExportQuality,
  width: number,
  height: number,
  fps: number,
): number {
  const perFrame = width * height * BITS_PER_PIXEL[quality]
  return Math.round(perFrame * 30 * (fps > 30 ? 1.5 : 1))
}

export function isExportQuality(value: unknown): value is ExportQuality {
  return typeof value === 'string' && (EXPORT_QUALITIES as readonly string[]).includes(value)
}
