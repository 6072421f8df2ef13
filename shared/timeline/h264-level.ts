/**
 * The H.264 level for a frame size and rate. Players and platforms reject streams whose level is
 * too low for their size (DESIGN §4: 1080×1920 needs ≥ 4.0); we never go below 4.0 so every
 * export is accepted by the same decoders, and step up when the macroblock rate demands
 * (1080×1920 at 60 fps needs 4.2). Limits are MaxFS / MaxMBPS from the H.264 spec, table A-1.
 */
const LEVELS: readonly { level: string; maxFrameMbs: number; maxMbPerSecond: number }[] = [
  { level: '4.0', maxFrameMbs: 8192, maxMbPerSecond: 245760 },
  { level: '4.2', maxFrameMbs: 8704, maxMbPerSecond: 522240 },
  { level: '5.0', maxFrameMbs: 22080, maxMbPerSecond: 589824 },
  { level: '5.1', maxFrameMbs: 36864, maxMbPerSecond: 983040 },
  { level: '5.2', maxFrameMbs: 36864, maxMbPerSecond: 2073600 },
]

export function h264Level(width: number, height: number, fps: number): string {
  const frameMbs = Math.ceil(width / 16) * Math.ceil(height / 16)
  const mbPerSecond = frameMbs * fps
  const fit = LEVELS.find((l) => frameMbs <= l.maxFrameMbs && mbPerSecond <= l.maxMbPerSecond)
  if (!fit) throw new Error(`no H.264 level fits ${width}×${height} at ${fps} fps`)
  return fit.level
}
