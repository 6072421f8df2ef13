import { useMemo, useState } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import { MUSIC_LICENCES, type MusicLicence } from '../../../../shared/data/collections/media'
import type { MediaDoc } from '../../../../shared/data/registry'
import { MUSIC_LICENCE_LABELS } from '../../../../shared/publishing/music-licence'
import { SelectField } from '../../../ui/SelectField'
import { InlineError } from './Section'

/**
 * The music file's licence, stated once on the media item (so every project using the song
 * shares it). Publishing reads it: a branded or shoppable post with personal-use music is
 * stopped, with "not known" a warning.
 */
export function MusicLicenceField({
  workspaceId,
  mediaId,
}: {
  workspaceId: string
  mediaId: string
}) {
  const query = useMemo(() => ({ selector: { workspaceId, id: mediaId } }), [workspaceId, mediaId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  const [error, setError] = useState<string | null>(null)
  const doc = results[0]
  if (!doc) return null
  const value = doc.get('musicLicence') as MusicLicence
  const change = (next: MusicLicence) => {
    if (next === value) return
    setError(null)
    doc
      .incrementalPatch({ musicLicence: next, updatedAt: Date.now() })
      .catch(() => setError('The licence could not be saved on this device. Try again.'))
  }
  return (
    <>
      <SelectField
        label="Music licence"
        value={value}
        options={MUSIC_LICENCES}
        labelOf={(l) => MUSIC_LICENCE_LABELS[l]}
        onChange={change}
      />
      <p className="field__hint">
        Branded and shoppable posts need music cleared for commercial use.
      </p>
      <InlineError message={error} />
    </>
  )
}
