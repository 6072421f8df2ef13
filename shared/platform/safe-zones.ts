/**
 * Where a platform's own interface covers a full-screen 9:16 video in the feed (username and
 * caption at the bottom, like/comment/share buttons on the right, tabs at the top), as
 * fractions of the frame. The editor draws it over the preview so text and stickers stay clear
 * of it. Platform numbers are data with a source (house rule), not constants in a component.
 *
 * ⚠ The platform publishes no exact figures: these follow creator guides that measure the
 * interface on common phones [S], which disagree by a few percent. Shown as a guide, never as
 * a rule; nothing is refused for crossing it.
 */
export interface SafeZone {
  /** Covered bands, as fractions of the frame's height (top, bottom) and width (left, right). */
  readonly top: number
  readonly bottom: number
  readonly left: number
  readonly right: number
  readonly source: string
  readonly confidence: 'official' | 'secondary, approximate'
  /** What covers each band, for the overlay's labels. */
  readonly labels: { readonly top: string; readonly bottom: string; readonly right: string }
}

export const TIKTOK_SAFE_ZONE: SafeZone = {
  top: 0.08,
  bottom: 0.2,
  left: 0.05,
  right: 0.13,
  source:
    'Creator guides measuring the TikTok feed on 1080×1920 screens (≈150 px top, ≈380 px bottom, ≈140 px right); see PLATFORM-FACTS.md',
  confidence: 'secondary, approximate',
  labels: { top: 'Tabs', bottom: 'Caption and sound', right: 'Buttons' },
}

/** The zone for a canvas, or null where the feed does not show it full-screen (1:1). */
export function safeZoneFor(canvas: { width: number; height: number }): SafeZone | null {
  return canvas.height > canvas.width ? TIKTOK_SAFE_ZONE : null
}
