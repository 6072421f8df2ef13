import { Trash2 } from 'lucide-react'
import { Button } from 'react-aria-components'
import { removeImage, updateImage } from '../../../../shared/timeline/edit'
import type { ImageOverlay, ImageOverlayInput } from '../../../../shared/timeline/model'
import { NumberInput } from '../../../ui/NumberInput'
import type { ProjectStore } from '../project/project-store'
import { InlineError, Section } from './Section'
import { fromPercent, fromSeconds, toPercent, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

type ImagePatch = Partial<Omit<ImageOverlayInput, 'id'>>

/** One image overlay (a logo or sticker): placement, size, opacity and when it shows. */
export function ImageItem(props: {
  store: ProjectStore
  image: ImageOverlay
  n: number
  name: string
}) {
  const { store, image, n } = props
  const { edit, error } = useScopedEdit(store, `image-${image.id}`)
  const update = (label: string, patch: ImagePatch, coalesce: string) =>
    edit(label, (t) => updateImage(t, image.id, patch), {
      coalesceKey: `image-${coalesce}-${image.id}`,
    })
  return (
    <li className="overlay-item">
      <div role="group" aria-label={`Image overlay ${n}`}>
        <div className="overlay-item__head">
          <span className="overlay-item__name">
            Image {n}: {props.name}
          </span>
          <Button
            className="icon-button"
            aria-label={`Remove image ${n}`}
            onPress={() => edit('Remove image', (t) => removeImage(t, image.id))}
          >
            <Trash2 aria-hidden="true" size={14} />
          </Button>
        </div>
        <div className="inspector__grid">
          <NumberInput
            label="Centre X (%)"
            value={toPercent(image.x)}
            min={0}
            max={100}
            step={1}
            onCommit={(p) => update('Move image', { x: fromPercent(p) }, 'move')}
          />
          <NumberInput
            label="Centre Y (%)"
            value={toPercent(image.y)}
            min={0}
            max={100}
            step={1}
            onCommit={(p) => update('Move image', { y: fromPercent(p) }, 'move')}
          />
          <NumberInput
            label="Width (% of canvas)"
            value={toPercent(image.width)}
            min={1}
            max={100}
            step={1}
            onCommit={(p) => update('Resize image', { width: fromPercent(p) }, 'size')}
          />
          <NumberInput
            label="Opacity (%)"
            value={toPercent(image.opacity)}
            min={0}
            max={100}
            step={5}
            onCommit={(p) => update('Image opacity', { opacity: fromPercent(p) }, 'opacity')}
          />
          <NumberInput
            label="Start (s)"
            value={toSeconds(image.startMs)}
            min={0}
            onCommit={(s) => update('Image timing', { startMs: fromSeconds(s) }, 'timing')}
          />
          <NumberInput
            label="End (s)"
            value={toSeconds(image.endMs)}
            min={0}
            onCommit={(s) => update('Image timing', { endMs: fromSeconds(s) }, 'timing')}
          />
        </div>
        <InlineError message={error} />
      </div>
    </li>
  )
}

/** The selected image overlay. */
export function ImageInspector(props: {
  store: ProjectStore
  image: ImageOverlay
  n: number
  name: string
}) {
  return (
    <Section title="Placement">
      <ul className="overlay-list" aria-label="Image overlays">
        <ImageItem store={props.store} image={props.image} n={props.n} name={props.name} />
      </ul>
    </Section>
  )
}
