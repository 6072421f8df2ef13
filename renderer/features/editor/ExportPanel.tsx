import { Download, Save, X } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Button } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import type { MediaDoc } from '../../../shared/data/registry'
import { canvasSize, type CanvasPreset } from '../../../shared/timeline/canvas'
import type { X264Preset } from '../../../shared/timeline/compile-ffmpeg'
import { currentPlatform } from '../../platform'
import { createExportEngine, ExportError, type ExportProgress } from './engine'
import {
  describeEngine,
  loadExportRecord,
  saveExportRecord,
  type ExportRecord,
} from './engine/export-record'
import {
  DEFAULT_QUALITY,
  EXPORT_QUALITIES,
  QUALITY_LABELS,
  type ExportQuality,
} from './engine/webcodecs/quality'
import { SelectField } from '../../ui/SelectField'
import { loadSources } from './load-sources'
import { ProgressMeter } from '../../ui/ProgressMeter'
import { opfsRenders } from './media/opfs-store'
import type { createProjectStore } from './project/project-store'
import { PublishRender } from '../publish/PublishRender'

type ProjectStore = ReturnType<typeof createProjectStore>

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress | null }
  /** `url` is the download link's (web); the desktop saves with its dialog instead. */
  | {
      kind: 'done'
      url: string | null
      fileName: string
      seconds: number
      record: ExportRecord
      /** The render itself, for "Publish…". */
      mp4: Blob
    }
  | { kind: 'failed'; message: string }

function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating time left'
  const s = Math.ceil(ms / 1000)
  return s < 60 ? `about ${s} s left` : `about ${Math.ceil(s / 60)} min left`
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** The canvas's shape as people name it: 1080×1920 and 720×1280 both read 9:16, 1080×1080 1:1. */
function aspectRatioLabel(preset: CanvasPreset): string {
  const { width, height } = canvasSize(preset)
  const divisor = gcd(width, height)
  return `${width / divisor}:${height / divisor}`
}

/** Who encodes: the browser (the WebCodecs engine, fastest) or x264 at a named preset. */
const ENCODERS = ['browser', 'x264-veryfast', 'x264-medium', 'x264-slow'] as const
type Encoder = (typeof ENCODERS)[number]
const ENCODER_LABELS: Record<Encoder, string> = {
  browser: 'Browser',
  'x264-veryfast': 'x264 veryfast',
  'x264-medium': 'x264 medium',
  'x264-slow': 'x264 slow',
}
const PRESETS: Record<Encoder, X264Preset | undefined> = {
  browser: undefined,
  'x264-veryfast': 'veryfast',
  'x264-medium': 'medium',
  'x264-slow': 'slow',
}
const presetOf = (encoder: Encoder) => PRESETS[encoder]

/** What became of the desktop's save dialog for the finished render. */
type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; fileName: string }
  | { kind: 'failed'; message: string }

/**
 * Renders the project to an MP4 of its canvas (9:16 or 1:1) on this device, with progress, time
 * left and cancel. The render is kept on the device and recorded on the project, then offered by
 * a save dialog on desktop and a download link on the web.
 */
export function ExportPanel({
  store,
  onStatus,
  onClose,
}: {
  store: ProjectStore
  /** What the header's Export button says while an export runs ("Exporting 42 %"), or null. */
  onStatus?: (status: string | null) => void
  onClose?: () => void
}) {
  const platform = currentPlatform()
  const media = useRxCollection<MediaDoc>('media')
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' })
  const engine = useMemo(() => createExportEngine(), [])
  const abort = useRef<AbortController | null>(null)
  const [state, setState] = useState<ExportState>({ kind: 'idle' })
  const hasClips = useStore(store, (s) => s.history.present.state.clips.length > 0)
  const exportedAt = useStore(store, (s) => s.project.exportedAt)
  const canvas = useStore(store, (s) => s.history.present.state.canvas)
  const readOnly = useStore(store, (s) => s.readOnlyReason)
  const [cover, setCover] = useState<{ url: string; atMs: number } | null>(null)
  const [quality, setQuality] = useState<ExportQuality>(DEFAULT_QUALITY)
  const [encoder, setEncoder] = useState<Encoder>('browser')
  const projectId = useStore(store, (s) => s.project.id)
  const [lastRecord, setLastRecord] = useState<ExportRecord | null>(null)

  useEffect(() => {
    let live = true
    void loadExportRecord(projectId).then((record) => live && setLastRecord(record))
    return () => {
      live = false
    }
  }, [projectId])
  const [coverError, setCoverError] = useState<string | null>(null)

  useEffect(() => () => (cover ? URL.revokeObjectURL(cover.url) : undefined), [cover])

  const pickCover = async () => {
    if (!media) return
    const { history, playheadMs, project } = store.getState()
    setCoverError(null)
    try {
      const timeline = history.present.state
      const jpeg = await engine.cover(
        { timeline, media: await loadSources(timeline, media) },
        playheadMs,
      )
      await opfsRenders.saveCover(project.id, jpeg)
      setCover({ url: URL.createObjectURL(jpeg), atMs: playheadMs })
    } catch (error) {
      setCoverError(error instanceof Error ? error.message : String(error))
    }
  }

  useEffect(() => () => engine.dispose(), [engine])
  const percent =
    state.kind === 'running' ? Math.round((state.progress?.fraction ?? 0) * 100) : null
  useEffect(() => {
    onStatus?.(percent === null ? null : `Exporting ${percent} %`)
  }, [percent, onStatus])
  useEffect(
    () => () => (state.kind === 'done' && state.url ? URL.revokeObjectURL(state.url) : undefined),
    [state],
  )

  const saveAs = async (fileName: string) => {
    if (!platform.saveExport) return
    setSaveState({ kind: 'saving' })
    try {
      const result = await platform.saveExport(store.getState().project.id, fileName)
      setSaveState(result.saved ? { kind: 'saved', fileName: result.fileName } : { kind: 'idle' })
    } catch (error) {
      setSaveState({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      })
    }
  }

  const run = async () => {
    if (!media) return
    const project = store.getState()
    const timeline = project.history.present.state
    abort.current = new AbortController()
    setState({ kind: 'running', progress: null })
    setSaveState({ kind: 'idle' })
    try {
      const sources = await loadSources(timeline, media)
      const preset = presetOf(encoder)
      const result = await engine.export(
        { timeline, media: sources, ...(preset ? { preset } : { quality }) },
        (progress) => setState({ kind: 'running', progress }),
        abort.current.signal,
      )
      const fileName = `${project.project.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'export'}.mp4`
      // Kept on this device and recorded on the project, so it can be offered (and posted) again.
      store.getState().markExported(await platform.keepExport(project.project.id, result.mp4))
      const record: ExportRecord = {
        engine: result.engine,
        fallbackReason: result.fallbackReason,
        quality: result.quality,
        preset: preset ?? null,
        elapsedMs: result.elapsedMs,
        bytes: result.mp4.size,
        at: Date.now(),
      }
      // The record is informative: a device that cannot keep it still has the render.
      await saveExportRecord(project.project.id, record).catch(() => undefined)
      setLastRecord(record)
      setState({
        kind: 'done',
        url: platform.saveExport ? null : URL.createObjectURL(result.mp4),
        fileName,
        seconds: result.elapsedMs / 1000,
        record,
        mp4: result.mp4,
      })
    } catch (error) {
      if (error instanceof ExportError && error.code === 'cancelled') setState({ kind: 'idle' })
      else
        setState({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        })
    }
  }

  return (
    <section className="panel" aria-labelledby="export-title">
      <div className="panel__header">
        <h2 id="export-title">Export</h2>
        {onClose ? (
          <Button className="icon-button" aria-label="Close export" onPress={onClose}>
            <X aria-hidden="true" size={16} />
          </Button>
        ) : null}
      </div>
      <div className="export-panel__actions">
        {state.kind === 'running' ? (
          <Button className="button" onPress={() => abort.current?.abort()}>
            <X aria-hidden="true" size={16} /> Cancel export
          </Button>
        ) : (
          <Button
            className="button button--primary"
            isDisabled={!hasClips || readOnly !== null}
            onPress={() => void run()}
          >
            Export {aspectRatioLabel(canvas)} MP4
          </Button>
        )}
      </div>
      {/* The inspector's two-column fields (its select buttons fit their column). */}
      <div className="inspector inspector__grid">
        <SelectField<Encoder>
          label="Encoder"
          value={encoder}
          options={ENCODERS}
          labelOf={(e) => ENCODER_LABELS[e]}
          onChange={(e) => setEncoder(e)}
        />
        {encoder === 'browser' ? (
          <SelectField<ExportQuality>
            label="Quality"
            value={quality}
            options={EXPORT_QUALITIES}
            labelOf={(q) => QUALITY_LABELS[q]}
            onChange={(q) => setQuality(q)}
          />
        ) : null}
      </div>
      {state.kind === 'running' ? (
        <ProgressMeter
          aria-label="Export progress"
          value={Math.round((state.progress?.fraction ?? 0) * 100)}
          valueLabel={
            state.progress?.phase === 'loading'
              ? 'Loading the video engine…'
              : `${Math.round((state.progress?.fraction ?? 0) * 100)} % · ${formatEta(state.progress?.etaMs ?? null)}`
          }
        />
      ) : null}
      {state.kind === 'done' && state.url ? (
        <p>
          Rendered in {state.seconds.toFixed(1)} s {describeEngine(state.record)}.{' '}
          <a href={state.url} download={state.fileName} className="button">
            <Download aria-hidden="true" size={16} /> Download {state.fileName}
          </a>
        </p>
      ) : null}
      {state.kind === 'done' && !state.url ? (
        <p>
          Rendered in {state.seconds.toFixed(1)} s {describeEngine(state.record)}.{' '}
          <Button
            className="button"
            isDisabled={saveState.kind === 'saving'}
            onPress={() => void saveAs(state.fileName)}
          >
            <Save aria-hidden="true" size={16} /> Save {state.fileName}…
          </Button>
        </p>
      ) : null}
      {state.kind === 'done' ? (
        <PublishRender
          mp4={state.mp4}
          fileName={state.fileName}
          coverMs={cover?.atMs ?? null}
          project={store.getState().project}
        />
      ) : null}
      {saveState.kind === 'saved' ? <p role="status">Saved as {saveState.fileName}.</p> : null}
      {saveState.kind === 'failed' ? (
        <p role="alert" className="form-error">
          The export could not be saved: {saveState.message}
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p role="alert" className="form-error">
          The export failed: {state.message} The project is unchanged.
        </p>
      ) : null}
      {!hasClips ? <p className="muted">Add a clip to the timeline to export.</p> : null}
      {readOnly ? <p className="muted">{readOnly}</p> : null}
      {exportedAt !== null && state.kind !== 'done' ? (
        <p className="muted">
          Last exported {new Date(exportedAt).toLocaleString()}
          {lastRecord ? ` ${describeEngine(lastRecord)}` : ''}.
        </p>
      ) : null}
      <div className="cover">
        <Button
          className="button"
          isDisabled={!hasClips || state.kind === 'running' || readOnly !== null}
          onPress={() => void pickCover()}
        >
          Use the playhead frame as cover
        </Button>
        {cover ? (
          <img
            src={cover.url}
            alt={`Cover frame at ${(cover.atMs / 1000).toFixed(2)} s`}
            className="cover__image"
          />
        ) : null}
        {coverError ? (
          <p role="alert" className="form-error">
            The cover could not be made: {coverError}
          </p>
        ) : null}
      </div>
    </section>
  )
}
