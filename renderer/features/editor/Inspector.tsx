import { useStore } from 'zustand'
import { AudioInspector } from './inspector/AudioInspector'
import { ClipInspector } from './inspector/ClipInspector'
import { ImageInspector } from './inspector/ImageInspector'
import { MarkerInspector } from './inspector/MarkerInspector'
import { OverlayInspector } from './inspector/OverlayInspector'
import { ProjectSettings } from './inspector/ProjectSettings'
import { TextInspector } from './inspector/TextInspector'
import './inspector/inspector.css'
import { primarySelection, type ProjectStore } from './project/project-store'
import { useMediaNames } from './project/use-media-names'

const TITLES = {
  clip: 'Clip',
  overlay: 'Overlay video',
  text: 'Text',
  image: 'Image',
  music: 'Sound',
  marker: 'Product tag',
} as const

/**
 * Only what the selection has: a clip's trim, speed, framing, look and transition; a text's
 * words and style; an image's or overlay's placement; the sound; the product tags. With nothing
 * selected, the project's format, its sound and its product tags. Each change is one edit of the
 * project store, so it can be undone and is saved at once.
 */
export function Inspector({ store }: { store: ProjectStore }) {
  const timeline = useStore(store, (s) => s.history.present.state)
  const primary = useStore(store, primarySelection)
  const count = useStore(store, (s) => s.selection.length)
  const readOnly = useStore(store, (s) => s.readOnlyReason)
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const mediaNames = useMediaNames(workspaceId)

  let body = null
  if (primary?.kind === 'clip') {
    const clip = timeline.clips.find((c) => c.id === primary.id)
    if (clip) body = <ClipInspector store={store} timeline={timeline} clip={clip} />
  } else if (primary?.kind === 'text') {
    const n = timeline.texts.findIndex((x) => x.id === primary.id)
    const text = timeline.texts[n]
    if (text) body = <TextInspector store={store} text={text} n={n + 1} />
  } else if (primary?.kind === 'image') {
    const n = timeline.images.findIndex((x) => x.id === primary.id)
    const image = timeline.images[n]
    if (image)
      body = (
        <ImageInspector
          store={store}
          image={image}
          n={n + 1}
          name={mediaNames[image.mediaId] ?? 'image'}
        />
      )
  } else if (primary?.kind === 'overlay') {
    const overlay = timeline.overlays.find((o) => o.id === primary.id)
    if (overlay)
      body = (
        <OverlayInspector
          store={store}
          overlay={overlay}
          name={mediaNames[overlay.mediaId] ?? 'video'}
        />
      )
  } else if (primary?.kind === 'music') {
    body = <AudioInspector store={store} timeline={timeline} />
  } else if (primary?.kind === 'marker') {
    body = <MarkerInspector store={store} timeline={timeline} />
  }

  return (
    <section className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">
        {count > 1 ? `${count} items selected` : primary ? TITLES[primary.kind] : 'Project'}
      </h2>
      {readOnly ? (
        <p className="read-only-note" role="note">
          {readOnly}
        </p>
      ) : null}
      <fieldset className="inspector__fields" disabled={readOnly !== null}>
        {count > 1 ? (
          <p className="muted">
            The inspector shows the last item you picked. Delete removes all of them; drag any of
            them to move them together.
          </p>
        ) : null}
        {body ?? (
          <>
            <ProjectSettings store={store} timeline={timeline} />
            <AudioInspector store={store} timeline={timeline} />
            <MarkerInspector store={store} timeline={timeline} />
            <p className="muted inspector__hint">
              Select a clip, text, image or sound on the timeline (or on the preview) to change it.
            </p>
          </>
        )}
      </fieldset>
    </section>
  )
}
