/** The timeline model, its edits and time mapping, and the ffmpeg compiler: pure, no I/O. */
export * from './canvas'
export * from './effects'
export * from './effect-presets'
export * from './model'
export * from './time'
export * from './edit'
export * from './timing-edit'
export * from './selection'
export * from './placement'
export * from './media-info'
export { h264Level } from './h264-level'
export type { TextImage, TextImageMap } from './ffmpeg-overlays'
export {
  compileFfmpeg,
  compileFfmpegSplit,
  compileFfmpegAudio,
  compileMux,
  compileCoverFrame,
  X264_PRESETS,
  DEFAULT_PRESET,
  DEFAULT_CRF,
  DEFAULT_OUTPUT,
  DEFAULT_COVER_OUTPUT,
  type AudioOptions,
  type CompileOptions,
  type ResourceDirs,
  type CoverOptions,
  type MuxOptions,
  type SplitOptions,
  type X264Preset,
} from './compile-ffmpeg'
