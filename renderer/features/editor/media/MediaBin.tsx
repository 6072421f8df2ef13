import {
  CloudDownload,
  CloudOff,
  Film,
  Image as ImageIcon,
  Layers,
  Link2,
  Music,
  Pause,
  Play,
  Plus,
  RotateCcw,
} from 'lucide-react'
import { useMemo, useState } from 'react'
import {
  Button,
  FileTrigger,
  Input,
  SearchField,
  ToggleButton,
  ToggleButtonGroup,
} from 'react-aria-components'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import { can } from '../../../../shared/auth/permissions'
import { uuidv7 } from '../../../../shared/data/ids'
import type { MediaDoc } from '../../../../shared/data/registry'
import { MUSIC_ID } from '../../../../shared/timeline/selection'
import { useTransfers } from '../../../app/WorkspaceTransfers'
import { showToast } from '../../../app/toasts'
import { useWorkspaceMember } from '../../../app/use-workspace-member'
import { currentPlatform } from '../../../platform'
import { sha256OfBlob } from '../../../transfers/hash-file'
import type { TransferJob } from '../../../transfers/transfer-job'
import { formatEta, formatSpeed } from '../../../transfers/transfer-progress'
import { ProgressMeter } from '../../../ui/ProgressMeter'
import { placeMedia, placeOverlay } from '../media-to-timeline'
import type { ProjectStore } from '../project/project-store'
import { formatBytes, formatDuration } from './limits'
import { useLocalMedia } from './local-media-store'
import { MediaLibrary } from './MediaLibrary'
import { availabilityOf, originalDownloads, ORIGINAL, type Availability } from './media-transfers'
import { StorageFooter } from './StorageFooter'
import './media-bin.css'

const KIND_ICON = { video: Film, audio: Music, image: ImageIcon } as const
const FILTERS = ['all', 'video', 'audio', 'image', 'missing'] as const
type Filter = (typeof FILTERS)[number]
const FILTER_LABELS: Record<Filter, string> = {
  all: 'All',
  video: 'Video',
  audio: 'Audio',
  image: 'Images',
  missing: 'Not here',
}

const AVAILABILITY_TEXT: Record<Availability, string> = {
  local: 'On this device',
  remote: 'Not on this device: download it',
  missing: 'Not on this device and not uploaded: relink it',
  unknown: 'Checking…',
}

function transferText(job: TransferJob, speed: number | null, eta: number | null): string {
  const verb = job.direction === 'upload' ? 'Uploading' : 'Downloading'
  if (job.status === 'hashing') return `${verb}: checking the file…`
  if (job.status === 'waiting') return job.message ?? 'Waiting…'
  if (job.status === 'paused') return `${verb} paused`
  if (job.status === 'failed') return job.message ?? `${verb} failed`
  const percent = job.size ? Math.floor((job.bytesDone / job.size) * 100) : 0
  return `${verb} ${percent} %${speed ? ` · ${formatSpeed(speed)} · ${formatEta(eta)}` : ''}`
}

/** Picks the file again on this device when its original is missing here and on the server. */
async function relink(doc: MediaDoc, file: File): Promise<void> {
  if (file.size !== doc.sizeBytes) {
    throw new Error(
      `“${file.name}” is ${formatBytes(file.size)}; the original was ${formatBytes(doc.sizeBytes)}. Pick the same file.`,
    )
  }
  if (doc.sha256 && (await sha256OfBlob(file)) !== doc.sha256) {
    throw new Error(`“${file.name}” is not the same file as the original (its content differs).`)
  }
  await currentPlatform().media.saveOriginal(doc.id, file)
  useLocalMedia.getState().markOriginal(doc.id, true)
}

function MediaTile({
  doc,
  store,
  readOnly,
}: {
  doc: MediaDoc
  store: ProjectStore
  readOnly: boolean
}) {
  const transfers = useTransfers()
  const thumb = useLocalMedia((s) => s.thumbUrls[doc.id])
  const availability = useLocalMedia((s) =>
    availabilityOf(doc, { original: s.original, thumbnail: s.thumbnail }),
  )
  const job = useStore(transfers.queue.store, (s) =>
    s.jobs.find(
      (j) => j.endpoint.type === ORIGINAL && j.endpoint.ref === doc.id && j.status !== 'done',
    ),
  )
  const progress = useStore(transfers.queue.store, (s) => (job ? s.progress[job.id] : undefined))
  const Icon = KIND_ICON[doc.kind]
  const placement = placeMedia(doc)
  /** Adds the item; an image or music is selected, so the inspector shows what was added. */
  const add = () => {
    const id = uuidv7()
    const kind = doc.kind === 'video' ? 'clip' : doc.kind === 'audio' ? 'music' : 'image'
    const added = store.getState().edit(placement.label, placeMedia(doc, () => id).apply)
    if (added && kind !== 'clip') {
      store.getState().select([{ kind, id: kind === 'music' ? MUSIC_ID : id }])
    }
  }
  const details = [
    doc.durationMs !== null ? formatDuration(doc.durationMs) : null,
    doc.width && doc.height ? `${doc.width}×${doc.height}` : null,
  ].filter(Boolean)
  const download = () => {
    const local = useLocalMedia.getState()
    for (const request of originalDownloads([doc], local))
      transfers.queue.store.getState().enqueueDownload(request)
  }
  return (
    <li className="media-tile" data-availability={availability} data-media-id={doc.id}>
      <div className="media-tile__thumb">
        {thumb ? <img src={thumb} alt="" /> : <Icon aria-hidden="true" size={26} />}
        {doc.durationMs !== null ? (
          <span className="media-tile__duration">{formatDuration(doc.durationMs)}</span>
        ) : null}
        {availability === 'remote' || availability === 'missing' ? (
          <span className="media-tile__badge" title={AVAILABILITY_TEXT[availability]}>
            {availability === 'remote' ? (
              <CloudDownload aria-hidden="true" size={14} />
            ) : (
              <CloudOff aria-hidden="true" size={14} />
            )}
          </span>
        ) : null}
      </div>
      <div className="media-tile__meta">
        <span className="media-tile__name" title={doc.fileName}>
          {doc.fileName}
        </span>
        <span className="media-tile__details">
          <span className="visually-hidden">{doc.kind}, </span>
          {details.join(' · ')}
          {availability !== 'local' && availability !== 'unknown' ? (
            <span className="visually-hidden">. {AVAILABILITY_TEXT[availability]}</span>
          ) : null}
        </span>
        {job ? (
          <ProgressMeter
            className="media-tile__progress"
            aria-label={`${job.direction === 'upload' ? 'Uploading' : 'Downloading'} ${doc.fileName}`}
            value={job.size ? job.bytesDone : 0}
            maxValue={Math.max(1, job.size)}
            valueLabel={transferText(
              job,
              progress?.bytesPerSecond ?? null,
              progress?.etaMs ?? null,
            )}
          />
        ) : null}
      </div>
      <div className="media-tile__actions">
        {job &&
        (job.status === 'running' ||
          job.status === 'queued' ||
          job.status === 'hashing' ||
          job.status === 'waiting') ? (
          <Button
            className="icon-button"
            aria-label={`Pause ${job.direction === 'upload' ? 'uploading' : 'downloading'} ${doc.fileName}`}
            onPress={() => transfers.queue.store.getState().pause(job.id)}
          >
            <Pause aria-hidden="true" size={14} />
          </Button>
        ) : null}
        {job?.status === 'paused' ? (
          <Button
            className="icon-button"
            aria-label={`Resume ${job.direction === 'upload' ? 'uploading' : 'downloading'} ${doc.fileName}`}
            onPress={() => transfers.queue.store.getState().resume(job.id)}
          >
            <Play aria-hidden="true" size={14} />
          </Button>
        ) : null}
        {job?.status === 'failed' ? (
          <Button
            className="icon-button"
            aria-label={`Try ${job.direction === 'upload' ? 'uploading' : 'downloading'} ${doc.fileName} again`}
            onPress={() => transfers.queue.store.getState().retry(job.id)}
          >
            <RotateCcw aria-hidden="true" size={14} />
          </Button>
        ) : null}
        {availability === 'remote' && !job ? (
          <Button
            className="icon-button"
            aria-label={`Download ${doc.fileName}`}
            onPress={download}
          >
            <CloudDownload aria-hidden="true" size={14} />
          </Button>
        ) : null}
        {availability === 'missing' ? (
          <FileTrigger
            onSelect={(files) => {
              const file = files?.[0]
              if (!file) return
              void relink(doc, file).then(
                () => showToast({ title: `“${doc.fileName}” is linked again`, tone: 'success' }),
                (e: unknown) =>
                  showToast({
                    title: `“${doc.fileName}” was not relinked`,
                    description: e instanceof Error ? e.message : String(e),
                    tone: 'error',
                  }),
              )
            }}
          >
            <Button className="icon-button" aria-label={`Relink ${doc.fileName}`}>
              <Link2 aria-hidden="true" size={14} />
            </Button>
          </FileTrigger>
        ) : null}
        {doc.kind === 'video' && !readOnly ? (
          <Button
            className="icon-button"
            aria-label={`Add overlay: ${doc.fileName}`}
            onPress={() => {
              const id = uuidv7()
              const overlay = placeOverlay(doc, store.getState().playheadMs, () => id)
              if (store.getState().edit(overlay.label, overlay.apply)) {
                store.getState().select([{ kind: 'overlay', id }])
              }
            }}
          >
            <Layers aria-hidden="true" size={14} />
          </Button>
        ) : null}
        {!readOnly ? (
          <Button
            className="icon-button icon-button--accent"
            aria-label={`${placement.label}: ${doc.fileName}`}
            onPress={add}
          >
            <Plus aria-hidden="true" size={16} />
          </Button>
        ) : null}
      </div>
    </li>
  )
}

/**
 * The project's media as a grid of thumbnails: import (button or drop), search, filters by kind
 * and by what is missing on this device, each item with "add", "download" or "relink", and the
 * workspace's storage at the bottom.
 */
export function MediaBin({
  store,
  workspaceId,
  accountId,
}: {
  store: ProjectStore
  workspaceId: string
  accountId: string
}) {
  const media = useRxCollection<MediaDoc>('media')
  const { member } = useWorkspaceMember()
  const readOnly = useStore(store, (s) => s.readOnlyReason !== null)
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  const original = useLocalMedia((s) => s.original)
  const [search, setSearch] = useState('')
  const [filter, setFilter] = useState<Filter>('all')
  const docs = useMemo(
    () =>
      results
        .map((d) => d.toJSON() as MediaDoc)
        // The project's account, plus the shared library for members who may read it.
        .filter(
          (d) =>
            d.accountId === accountId ||
            (d.accountId === null && member !== null && can(member, 'read', 'media', d)),
        )
        .sort((a, b) => b.updatedAt - a.updatedAt),
    [results, accountId, member],
  )
  const words = search.trim().toLocaleLowerCase()
  const shown = docs.filter(
    (d) =>
      (words === '' || d.fileName.toLocaleLowerCase().includes(words)) &&
      (filter === 'all' || (filter === 'missing' ? original[d.id] === false : d.kind === filter)),
  )
  const missing = docs.filter((d) => original[d.id] === false).length

  return (
    <section className="media-bin" aria-labelledby="media-bin-title">
      <div className="media-bin__head">
        <h2 id="media-bin-title">Media</h2>
        {!readOnly ? (
          <MediaLibrary
            compact
            target={{ workspaceId, accountId }}
            showImported={false}
            onRefusal={(r) =>
              showToast({ title: 'Not imported', description: r.message, tone: 'error' }, 12_000)
            }
            onImported={async ({ doc }) => {
              if (!media) throw new Error('the workspace database is not open')
              await media.upsert(doc)
              useLocalMedia.getState().markOriginal(doc.id, true)
              const thumbnail = await currentPlatform()
                .media.loadThumbnail(doc.id)
                .catch(() => null)
              useLocalMedia.getState().markThumbnail(doc.id, thumbnail)
            }}
          />
        ) : null}
      </div>
      <div className="media-bin__filters">
        <SearchField
          value={search}
          onChange={setSearch}
          aria-label="Search media"
          className="search-field"
        >
          <Input placeholder="Search media" />
        </SearchField>
        <ToggleButtonGroup
          aria-label="Show"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[filter]}
          onSelectionChange={(keys) => {
            const next = [...keys][0]
            if (typeof next === 'string') setFilter(next as Filter)
          }}
          className="chip-group"
        >
          {FILTERS.map((f) => (
            <ToggleButton key={f} id={f} className="chip">
              {FILTER_LABELS[f]}
              {f === 'missing' && missing ? ` (${missing})` : ''}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </div>
      {docs.length === 0 ? (
        <p className="muted media-bin__empty">
          {readOnly
            ? 'No media in this project yet.'
            : 'No media yet. Import videos, music and images, or drop them here; they follow the project to your other devices.'}
        </p>
      ) : shown.length === 0 ? (
        <p className="muted media-bin__empty">Nothing matches.</p>
      ) : (
        <ul className="media-grid" aria-label="Project media">
          {shown.map((doc) => (
            <MediaTile key={doc.id} doc={doc} store={store} readOnly={readOnly} />
          ))}
        </ul>
      )}
      <StorageFooter workspaceId={workspaceId} />
    </section>
  )
}
