import { Film, Image as ImageIcon, Music, Plus } from 'lucide-react'
import { useMemo } from 'react'
import { Button } from 'react-aria-components'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import type { MediaDoc } from '../../../shared/data/registry'
import { formatDuration } from './media/limits'
import { MediaLibrary } from './media/MediaLibrary'
import { placeMedia } from './media-to-timeline'
import type { createProjectStore } from './project/project-store'

type ProjectStore = ReturnType<typeof createProjectStore>
const KIND_ICON = { video: Film, audio: Music, image: ImageIcon } as const

/** The media of a project's creator account: import new files, add any of them to the timeline. */
export function ProjectMedia({
  store,
  workspaceId,
  accountId,
}: {
  store: ProjectStore
  workspaceId: string
  accountId: string
}) {
  const media = useRxCollection<MediaDoc>('media')
  const query = useMemo(() => ({ selector: { workspaceId, accountId } }), [workspaceId, accountId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  const docs = results.map((d) => d.toJSON() as MediaDoc).sort((a, b) => b.updatedAt - a.updatedAt)

  return (
    <div className="project-media">
      <MediaLibrary
        target={{ workspaceId, accountId }}
        showImported={false}
        onImported={async ({ doc }) => {
          if (!media) throw new Error('the workspace database is not open')
          await media.upsert(doc)
        }}
      />
      <ul className="media-library__items" aria-label="Project media">
        {docs.map((doc) => {
          const Icon = KIND_ICON[doc.kind]
          const placement = placeMedia(doc)
          return (
            <li key={doc.id} className="media-library__item">
              <Icon aria-hidden="true" size={20} />
              <span className="media-library__meta">
                <span className="media-library__name">{doc.fileName}</span>
                <span className="media-library__details">
                  {[
                    doc.durationMs !== null ? formatDuration(doc.durationMs) : null,
                    doc.width && doc.height ? `${doc.width}×${doc.height}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              <Button
                className="icon-button"
                aria-label={`${placement.label}: ${doc.fileName}`}
                onPress={() => store.getState().edit(placement.label, placement.apply)}
              >
                <Plus aria-hidden="true" size={16} />
              </Button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
