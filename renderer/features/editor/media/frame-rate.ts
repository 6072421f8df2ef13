/**
 * Frame rate from packet timing. Packet stats give e.g. 29.970029…; the NTSC family
 * (24000/1001, 30000/1001, 60000/1001) and the integers are snapped so the stored value is the
 * one people and ffprobe name, anything else is kept to three decimals (variable-rate phone
 * clips average to odd values, and that is the truth about them).
 */
const COMMON = [24000 / 1001, 24, 25, 30000 / 1001, 30, 50, 60000 / 1001, 60, 120, 240]

export function normaliseFrameRate(packetRate: number): number | null {
  if (!Number.isFinite(packetRate) || packetRate <= 0) return null
  const nearest = COMMON.reduce((best, rate) =>
    Math.abs(rate - packetRate) < Math.abs(best - packetRate) ? rate : best,
  )
  const value = Math.abs(nearest - packetRate) / nearest < 0.001 ? nearest : packetRate
  return Math.min(1000, Math.round(value * 1000) / 1000)
}
