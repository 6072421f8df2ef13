import { useStore } from 'zustand'
import { timelineDurationMs } from '../../../shared/timeline/time'
import { AudioInspector } from './inspector/AudioInspector'
import { ClipInspector } from './inspector/ClipInspector'
import { ImageInspector } from './inspector/ImageInspector'
import { MarkerInspector } from './inspector/MarkerInspector'
import { ProjectSettings } from './inspector/ProjectSettings'
import { TextInspector } from './inspector/TextInspector'
import './inspector/inspector.css'
import { primarySelection, type ProjectStore } from './project/project-store'
import { useMediaNames } from './project/use-media-names'

/**
 * Everything the timeline holds besides the clip order: the output format, the selected clip
 * (trim, speed, framing, effects, transition), text and image overlays, sound and product tags.
 * Each change is one edit of the project store, so it can be undone and is saved at once.
 */
export function Inspector({ store }: { store: ProjectStore }) {
  const timeline = useStore(store, (s) => s.history.present.state)
  const selectedId = useStore(store, (s) =>
    primarySelection(s)?.kind === 'clip' ? primarySelection(s)?.id : null,
  )
  const playheadMs = useStore(store, (s) => s.playheadMs)
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const mediaNames = useMediaNames(workspaceId)
  const clip = timeline.clips.find((c) => c.id === selectedId) ?? null

  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Inspector</h2>
      <ProjectSettings store={store} timeline={timeline} />
      {clip ? (
        <ClipInspector store={store} timeline={timeline} clip={clip} />
      ) : (
        <p className="muted">
          Select a clip on the timeline to trim it, change its speed, framing, look, effects or its
          transition into the next clip.
        </p>
      )}
      <TextInspector
        store={store}
        timeline={timeline}
        playheadMs={playheadMs}
        durationMs={timelineDurationMs(timeline)}
      />
      <ImageInspector store={store} timeline={timeline} mediaNames={mediaNames} />
      <AudioInspector store={store} timeline={timeline} />
      <MarkerInspector store={store} timeline={timeline} playheadMs={playheadMs} />
    </section>
  )
}
