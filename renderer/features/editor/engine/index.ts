/** The on-device export engine (ffmpeg.wasm in a worker). The editor UI uses only this. */
export {
  createExportEngine,
  type ExportEngine,
  type ExportEngineOptions,
  type ExportProgress,
  type ExportResult,
} from './export-engine'
export { ExportError, type ExportErrorCode } from './export-error'
export type { ExportJob, MediaSource, RenderJob } from './prepare-job'
