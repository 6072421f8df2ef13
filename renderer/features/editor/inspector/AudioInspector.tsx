import { Button } from 'react-aria-components'
import { useStore } from 'zustand'
import { setMusic, setOriginalAudio, updateMusic } from '../../../../shared/timeline/edit'
import type { Timeline } from '../../../../shared/timeline/model'
import { CheckboxInput } from '../../../ui/CheckboxInput'
import { NumberInput } from '../../../ui/NumberInput'
import type { ProjectStore } from '../project/project-store'
import { MusicLicenceField } from './MusicLicenceField'
import { InlineError, Section } from './Section'
import { fromSeconds, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

/** The clips' own sound, for the whole video (a single clip is muted in its own settings). */
function OriginalAudio({ store, timeline }: { store: ProjectStore; timeline: Timeline }) {
  const { edit, error } = useScopedEdit(store, 'original-audio')
  const { originalVolume, muteOriginal } = timeline.audio
  return (
    <Section title="Original audio">
      <NumberInput
        label="Original audio volume"
        value={originalVolume}
        min={0}
        max={2}
        step={0.1}
        isDisabled={muteOriginal}
        description="1 = as recorded, 2 = twice as loud"
        onCommit={(volume) =>
          edit('Original audio volume', (t) => setOriginalAudio(t, { volume }), {
            coalesceKey: 'original-volume',
          })
        }
      />
      <CheckboxInput
        label="Mute original audio"
        isSelected={muteOriginal}
        onChange={(muted) =>
          edit(muted ? 'Mute original audio' : 'Unmute original audio', (t) =>
            setOriginalAudio(t, { muted }),
          )
        }
      />
      <InlineError message={error} />
    </Section>
  )
}

function Music({ store, timeline }: { store: ProjectStore; timeline: Timeline }) {
  const { edit, error } = useScopedEdit(store, 'music')
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const music = timeline.audio.music
  if (!music) return null
  return (
    <Section title="Music">
      <div className="inspector__grid">
        <NumberInput
          label="Music volume"
          value={music.volume}
          min={0}
          max={2}
          step={0.1}
          onCommit={(volume) =>
            edit('Music volume', (t) => updateMusic(t, { volume }), {
              coalesceKey: 'music-volume',
            })
          }
        />
        <NumberInput
          label="Fade in (s)"
          value={toSeconds(music.fadeInMs)}
          min={0}
          onCommit={(s) => edit('Music fade', (t) => updateMusic(t, { fadeInMs: fromSeconds(s) }))}
        />
        <NumberInput
          label="Fade out (s)"
          value={toSeconds(music.fadeOutMs)}
          min={0}
          onCommit={(s) => edit('Music fade', (t) => updateMusic(t, { fadeOutMs: fromSeconds(s) }))}
        />
      </div>
      <MusicLicenceField workspaceId={workspaceId} mediaId={music.mediaId} />
      <Button className="button" onPress={() => edit('Remove music', (t) => setMusic(t, null))}>
        Remove music
      </Button>
      <InlineError message={error} />
    </Section>
  )
}

/** Sound: the level of the clips' own audio, and the music track with its fades. */
export function AudioInspector(props: { store: ProjectStore; timeline: Timeline }) {
  return (
    <>
      <OriginalAudio {...props} />
      <Music {...props} />
    </>
  )
}
