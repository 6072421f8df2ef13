import { Film, Image as ImageIcon, Music, Upload, X } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import {
  Button,
  DropZone,
  FileTrigger,
  Text,
  isFileDropItem,
  type DropItem,
} from 'react-aria-components'
import { useStore } from 'zustand'
import { ProgressMeter } from '../../../ui/ProgressMeter'
import type { ImportTarget, ImportedMedia } from './import-media'
import { createLibraryStore, type LibraryItem } from './library-store'
import { formatDuration } from './limits'
import { deviceMediaStore, type MediaFileStore } from './media-store'
import { useNativePick } from './native-pick'
import { Waveform } from './Waveform'
import './media-library.css'

/** A hint for the picker only: files are recognised by content, and drops are not filtered. */
const ACCEPT = ['video/*', 'audio/*', 'image/png', 'image/jpeg', 'image/webp']

export interface MediaLibraryProps {
  readonly target: ImportTarget
  /** Called once per accepted file with its `media` document (the page writes it to RxDB). */
  readonly onImported?: (imported: ImportedMedia) => void | Promise<void>
  /** Where originals are kept; this device's store by default (app data folder or OPFS). */
  readonly fileStore?: MediaFileStore
  /** List this session's imports (off where the page lists the stored media itself). */
  readonly showImported?: boolean
  /**
   * Where refusals go instead of a list under the drop zone (the editor shows them as toasts,
   * so they never push the media bin down). Each refusal is handed over once.
   */
  readonly onRefusal?: (refusal: { fileName: string; message: string }) => void
  /** A compact drop zone: the button only, the hint as its description. */
  readonly compact?: boolean
}

async function filesOf(items: readonly DropItem[]): Promise<File[]> {
  return Promise.all(items.filter(isFileDropItem).map((item) => item.getFile()))
}

const KIND_ICON = { video: Film, audio: Music, image: ImageIcon } as const

function ItemRow({ item }: { item: LibraryItem }) {
  const Icon = KIND_ICON[item.kind]
  const details = [
    item.durationMs !== null ? formatDuration(item.durationMs) : null,
    item.width && item.height ? `${item.width}×${item.height}` : null,
  ].filter((d): d is string => d !== null)
  return (
    <li className="media-library__item" data-media-id={item.id}>
      <div className="media-library__preview">
        {item.thumbnailUrl ? (
          <img src={item.thumbnailUrl} alt="" width={80} />
        ) : item.peaks ? (
          <Waveform peaks={item.peaks} />
        ) : (
          <Icon aria-hidden="true" size={24} />
        )}
      </div>
      <div className="media-library__meta">
        <span className="media-library__name">{item.fileName}</span>
        <span className="media-library__details">
          <span className="visually-hidden">{item.kind}, </span>
          {details.join(' · ')}
        </span>
      </div>
    </li>
  )
}

/**
 * The editor's media panel: import (picker or drop), what was imported, what was refused. The
 * picker is the native dialog on desktop and the browser's file input on the web; drops go
 * through the same import everywhere.
 */
export function MediaLibrary({
  target,
  onImported,
  fileStore: fileStoreProp,
  showImported = true,
  onRefusal,
  compact = false,
}: MediaLibraryProps) {
  const [fileStore] = useState(() => fileStoreProp ?? deviceMediaStore())
  // The store lives as long as the component; it calls the latest onImported, not the one
  // captured at the first render (which may close over a database not open yet).
  const latestOnImported = useRef(onImported)
  latestOnImported.current = onImported
  const [store] = useState(() =>
    createLibraryStore({
      target,
      store: fileStore,
      onImported: (imported) => latestOnImported.current?.(imported),
    }),
  )
  useEffect(() => () => store.getState().dispose(), [store])
  const { items, refusals, queue, done, importFiles, dismissRefusal } = useStore(store)
  const total = done + queue.length
  const native = useNativePick(fileStore, importFiles)
  const allRefusals = [
    ...refusals.map((r) => ({ ...r, dismiss: () => dismissRefusal(r.key) })),
    ...native.refusals.map((r) => ({ ...r, dismiss: () => native.dismiss(r.key) })),
  ]
  // Handed over refusals are dismissed here at once, so each is reported exactly once.
  const latestOnRefusal = useRef(onRefusal)
  latestOnRefusal.current = onRefusal
  useEffect(() => {
    const report = latestOnRefusal.current
    if (!report) return
    for (const r of allRefusals) {
      report({ fileName: r.fileName, message: r.message })
      r.dismiss()
    }
  })
  const shownRefusals = onRefusal ? [] : allRefusals

  return (
    <section
      className={`media-library${compact ? ' media-library--compact' : ''}`}
      aria-labelledby="media-library-title"
    >
      <h2 id="media-library-title" className={compact ? 'visually-hidden' : undefined}>
        Media
      </h2>
      <DropZone
        className="media-library__drop"
        aria-label="Drop media files to import"
        // Anything may be dropped: non-file items are ignored and files are judged by content.
        getDropOperation={() => 'copy'}
        onDrop={(event) => void filesOf(event.items).then(importFiles)}
      >
        {native.pick ? (
          <Button
            className="button button--primary"
            isDisabled={native.copying}
            onPress={() => void native.pick?.()}
          >
            <Upload aria-hidden="true" size={16} /> Import media
          </Button>
        ) : (
          <FileTrigger
            allowsMultiple
            acceptedFileTypes={ACCEPT}
            onSelect={(list) => void importFiles(list ? [...list] : [])}
          >
            <Button className="button button--primary">
              <Upload aria-hidden="true" size={16} /> Import media
            </Button>
          </FileTrigger>
        )}
        <Text slot="label" className="muted">
          or drop video, audio and image files here
        </Text>
      </DropZone>

      {native.copying ? (
        <p role="status" className="muted">
          Copying the chosen files into Reeldesk…
        </p>
      ) : null}

      {queue.length > 0 ? (
        <ProgressMeter
          className="media-library__progress"
          aria-label="Importing media"
          value={done}
          maxValue={total}
          valueLabel={`Reading “${queue[0]}” (${done + 1} of ${total})`}
        />
      ) : null}

      {shownRefusals.length > 0 ? (
        <ul className="media-library__refusals" aria-label="Files not imported">
          {shownRefusals.map((r) => (
            <li key={r.key} data-code={r.code} role="alert">
              <span>{r.message}</span>
              <Button
                className="button"
                aria-label={`Dismiss the message about ${r.fileName}`}
                onPress={r.dismiss}
              >
                <X aria-hidden="true" size={14} />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}

      {showImported ? (
        <>
          <ul className="media-library__items" aria-label="Imported media">
            {items.map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </ul>
          {items.length === 0 && queue.length === 0 ? (
            <p className="muted">No media yet. Imported files stay on this device.</p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
