import { Pause, Play, Upload } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button, DropZone, FileTrigger, isFileDropItem, Text } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import type { MediaDoc, PostDoc } from '../../../shared/data/registry'
import { POST_VIDEO_FACTS } from '../../../shared/publishing/post-video'
import { useTransfers } from '../../app/WorkspaceTransfers'
import { currentPlatform } from '../../platform'
import { ProgressMeter } from '../../ui/ProgressMeter'
import { formatEta, formatSpeed } from '../../transfers/transfer-progress'
import { useLocalMedia } from '../editor/media/local-media-store'
import { ORIGINAL, originalDownloads } from '../editor/media/media-transfers'
import { openCoverFrames, type CoverFrames } from './cover-frames'
import './post-video.css'
import { attachPostVideo, postVideoOf, queuePostVideoUpload } from './post-video-upload'

const ACCEPT = ['video/mp4', 'video/quicktime', 'video/webm']
const STRIP_FRAMES = 8

export interface PostVideoFieldProps {
  post: PostDoc
  /** The account's videos that are on the server or on this device. */
  videos: MediaDoc[]
  /** Creator info's maximum, when known. */
  maxDurationSec: number | null
  readOnly: boolean
  patch(fields: Partial<PostDoc>): void
}

/**
 * The post's video: a library item, or a file picked or dropped here (checked against what the
 * platform accepts, errors beside the field), its upload to the server with progress and pause,
 * and the cover frame — a slider with the frame it picks and a filmstrip to jump by.
 */
export function PostVideoField({
  post,
  videos,
  maxDurationSec,
  readOnly,
  patch,
}: PostVideoFieldProps) {
  const media = useRxCollection<MediaDoc>('media')
  const { queue } = useTransfers()
  const [reading, setReading] = useState<string | null>(null)
  const [problems, setProblems] = useState<{ fileName: string; messages: string[] } | null>(null)
  const current = videos.find((m) => m.id === post.mediaId) ?? null

  // The upload finished while the composer is open: the post points at the server's copy. (The
  // upload itself also fills it in, for a post whose composer was closed meanwhile.)
  const remoteRef = current?.remoteRef ?? null
  useEffect(() => {
    if (readOnly || !post.video || post.video.ref !== null || remoteRef === null) return
    patch({
      video: { ...post.video, ref: remoteRef, sha256: current?.sha256 ?? post.video.sha256 },
    })
  })

  const take = async (files: File[]) => {
    const file = files[0]
    if (!file || !media) return
    setProblems(null)
    setReading(file.name)
    try {
      const result = await attachPostVideo(
        file,
        { workspaceId: post.workspaceId, accountId: post.accountId },
        maxDurationSec,
        { media, queue },
      )
      if (result.ok) patch({ ...postVideoOf(result.media), projectId: null })
      else setProblems({ fileName: file.name, messages: result.problems })
    } catch (error) {
      setProblems({
        fileName: file.name,
        messages: [
          `It could not be read: ${error instanceof Error ? error.message : String(error)}`,
        ],
      })
    } finally {
      setReading(null)
    }
  }

  return (
    <>
      <label className="field">
        <span>Video</span>
        <select
          aria-label="Video"
          value={post.mediaId ?? ''}
          aria-describedby={problems ? 'post-video-problems' : undefined}
          onChange={(e) => {
            const picked = videos.find((m) => m.id === e.target.value)
            if (picked) queuePostVideoUpload(picked, queue)
            patch(
              picked
                ? { ...postVideoOf(picked), projectId: null }
                : { mediaId: null, coverMs: null, video: null },
            )
          }}
        >
          <option value="">{videos.length ? 'Choose a video…' : 'No videos yet'}</option>
          {videos.map((m) => (
            <option key={m.id} value={m.id}>
              {m.fileName} · {formatDuration(m.durationMs ?? 0)}
              {m.remoteRef === null ? ' (not uploaded yet)' : ''}
            </option>
          ))}
        </select>
      </label>
      {!readOnly ? (
        <DropZone
          className="post-video__drop"
          aria-label="Drop a video to post"
          getDropOperation={() => 'copy'}
          onDrop={(event) =>
            void Promise.all(event.items.filter(isFileDropItem).map((i) => i.getFile())).then(take)
          }
        >
          <FileTrigger
            acceptedFileTypes={ACCEPT}
            onSelect={(list) => void take(list ? [...list] : [])}
          >
            <Button className="button" isDisabled={reading !== null}>
              <Upload size={14} aria-hidden="true" /> Upload a video…
            </Button>
          </FileTrigger>
          <Text slot="label" className="muted">
            or drop one here: {POST_VIDEO_FACTS.containerNames}, {POST_VIDEO_FACTS.minFps}–
            {POST_VIDEO_FACTS.maxFps} fps, up to 4 GB
          </Text>
        </DropZone>
      ) : null}
      {reading ? (
        <p role="status" className="muted">
          Reading “{reading}”…
        </p>
      ) : null}
      {problems ? (
        <div id="post-video-problems" className="composer__alert" role="alert">
          <strong>“{problems.fileName}” can’t be posted:</strong>
          <ul>
            {problems.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {current ? <UploadState doc={current} queue={queue} readOnly={readOnly} /> : null}
      {post.video ? (
        <CoverPicker
          post={post}
          doc={current}
          readOnly={readOnly}
          onChange={(coverMs) => patch({ coverMs })}
        />
      ) : null}
    </>
  )
}

function UploadState({
  doc,
  queue,
  readOnly,
}: {
  doc: MediaDoc
  queue: ReturnType<typeof useTransfers>['queue']
  readOnly: boolean
}) {
  const job = useStore(queue.store, (s) =>
    s.jobs.find(
      (j) =>
        j.direction === 'upload' &&
        j.endpoint.type === ORIGINAL &&
        j.endpoint.ref === doc.id &&
        j.status !== 'done',
    ),
  )
  const progress = useStore(queue.store, (s) => (job ? s.progress[job.id] : undefined))
  if (doc.remoteRef !== null)
    return <p className="muted post-video__state">The video is on the server, ready to post.</p>
  if (!job)
    return (
      <p className="muted post-video__state">
        Waiting to upload the video from the device that has it.
      </p>
    )
  const percent = job.size ? Math.floor((job.bytesDone / job.size) * 100) : 0
  const speed = progress?.bytesPerSecond ?? null
  const label =
    job.status === 'hashing'
      ? 'Uploading the video: checking the file…'
      : job.status === 'paused'
        ? `Upload paused at ${percent} %`
        : job.status === 'waiting'
          ? (job.message ?? 'Waiting for the network…')
          : job.status === 'failed'
            ? (job.message ?? 'The upload failed')
            : `Uploading the video ${percent} %${speed ? ` · ${formatSpeed(speed)} · ${formatEta(progress?.etaMs ?? null)}` : ''}`
  const state = queue.store.getState()
  return (
    <div className="post-video__upload">
      <ProgressMeter aria-label="Video upload" value={percent} valueLabel={label} />
      {readOnly ? null : job.status === 'paused' ? (
        <Button className="button" onPress={() => state.resume(job.id)}>
          <Play size={14} aria-hidden="true" /> Resume
        </Button>
      ) : job.status === 'failed' ? (
        <Button className="button" onPress={() => state.retry(job.id)}>
          Try again
        </Button>
      ) : (
        <Button className="button" onPress={() => state.pause(job.id)}>
          <Pause size={14} aria-hidden="true" /> Pause
        </Button>
      )}
    </div>
  )
}

/**
 * The cover frame: a slider (arrow keys move 0.1 s, Page Up/Down 1 s, Home/End the ends) with the
 * frame it shows, and a filmstrip to jump to a moment. Frames are decoded from the video on this
 * device; a video only on the server is fetched first when the person asks.
 */
function CoverPicker({
  post,
  doc,
  readOnly,
  onChange,
}: {
  post: PostDoc
  doc: MediaDoc | null
  readOnly: boolean
  onChange(coverMs: number): void
}) {
  const durationMs = post.video?.durationMs ?? 0
  const coverMs = post.coverMs ?? 0
  const here = useLocalMedia((s) => (doc ? s.original[doc.id] : undefined))
  const { queue } = useTransfers()
  const frames = useRef<CoverFrames | null>(null)
  const [ready, setReady] = useState(false)
  const [strip, setStrip] = useState<{ atMs: number; url: string }[]>([])
  const [frame, setFrame] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const mediaId = doc?.id ?? null
  const fileName = doc?.fileName ?? ''

  useEffect(() => {
    if (!mediaId || here !== true) return
    let live = true
    const urls: string[] = []
    void (async () => {
      try {
        const file = await currentPlatform().media.loadOriginal(mediaId, fileName)
        const opened = await openCoverFrames(file)
        if (!live || !opened) return opened?.close()
        frames.current = opened
        setReady(true)
        const made = await opened.filmstrip(STRIP_FRAMES, durationMs)
        urls.push(...made.map((m) => m.url))
        if (live) setStrip(made)
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e))
      }
    })()
    return () => {
      live = false
      frames.current?.close()
      frames.current = null
      setReady(false)
      setStrip([])
      for (const url of urls) URL.revokeObjectURL(url)
    }
  }, [mediaId, fileName, here, durationMs])

  // The frame at the chosen time, decoded shortly after the slider stops (not at every step).
  useEffect(() => {
    if (!ready) return
    let live = true
    let made: string | null = null
    const timer = setTimeout(() => {
      void frames.current
        ?.frameAt(coverMs)
        .then((url) => {
          made = url
          if (live) setFrame(url)
          else if (url) URL.revokeObjectURL(url)
        })
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    }, 80)
    return () => {
      live = false
      clearTimeout(timer)
      // The previous frame stays on screen until the next one is ready.
      if (made) setTimeout(() => URL.revokeObjectURL(made ?? ''), 2_000)
    }
  }, [ready, coverMs])

  return (
    <div className="cover-picker">
      <div className="cover-picker__frame">
        {frame && ready ? (
          <img
            src={frame}
            alt={`Cover frame at ${coverTime(coverMs)}`}
            data-testid="cover-preview"
          />
        ) : (
          <span className="muted">
            {error
              ? `The frame could not be shown: ${error}`
              : here === false
                ? 'The video is not on this device.'
                : 'Loading the frame…'}
          </span>
        )}
      </div>
      <div className="cover-picker__controls">
        <label className="field">
          <span>
            Cover frame: {coverTime(coverMs)} of {formatDuration(durationMs)}
          </span>
          <input
            type="range"
            aria-label="Cover frame"
            aria-valuetext={`${coverTime(coverMs)} of ${formatDuration(durationMs)}`}
            min={0}
            max={Math.max(0, durationMs)}
            step={100}
            value={coverMs}
            disabled={readOnly}
            onKeyDown={(e) => {
              // Page Up/Down: a second at a time (the browser's default step is a tenth of it).
              if (e.key !== 'PageUp' && e.key !== 'PageDown') return
              e.preventDefault()
              const next = coverMs + (e.key === 'PageUp' ? 1_000 : -1_000)
              onChange(Math.min(durationMs, Math.max(0, next)))
            }}
            onChange={(e) => onChange(Number(e.target.value))}
          />
        </label>
        {strip.length ? (
          <div className="cover-picker__strip" role="group" aria-label="Frames">
            {strip.map((s) => (
              <button
                key={s.atMs}
                type="button"
                className="cover-picker__thumb"
                aria-label={`Use the frame at ${coverTime(s.atMs)}`}
                aria-pressed={Math.abs(s.atMs - coverMs) < 50}
                disabled={readOnly}
                onClick={() => onChange(s.atMs)}
              >
                <img src={s.url} alt="" />
              </button>
            ))}
          </div>
        ) : null}
        {here === false && doc && doc.remoteRef !== null ? (
          <Button
            className="button"
            onPress={() => {
              const state = queue.store.getState()
              for (const d of originalDownloads([doc], {
                original: { [doc.id]: false },
                thumbnail: {},
              }))
                state.enqueueDownload(d)
            }}
          >
            Download the video to see its frames
          </Button>
        ) : null}
      </div>
    </div>
  )
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** A cover time to the tenth of a second ("0:07.3"): the slider moves in tenths. */
function coverTime(ms: number): string {
  const tenths = Math.round(ms / 100)
  const s = Math.floor(tenths / 10)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${tenths % 10}`
}
