import { canvasSize } from '../../../../shared/timeline/canvas'
import { updateClip } from '../../../../shared/timeline/edit'
import {
  FIT_MODES,
  type Clip,
  type CropRect,
  type Timeline,
} from '../../../../shared/timeline/model'
import { centredCrop } from '../../../../shared/timeline/placement'
import { NumberInput } from '../../../ui/NumberInput'
import { SelectField } from '../../../ui/SelectField'
import { useMediaSize } from '../project/use-media-size'
import { fromPercent, toPercent } from './units'
import type { ScopedEdit } from './use-scoped-edit'

/** React Aria snaps a field's value to its step: 0.01 % keeps a centred crop's edges exact. */
const CROP_STEP = 0.01

/** The crop rectangle's edges as fields: model key, label, smallest percentage. */
const CROP_FIELDS: readonly (readonly [keyof CropRect, string, number])[] = [
  ['x', 'Crop left (%)', 0],
  ['y', 'Crop top (%)', 0],
  ['width', 'Crop width (%)', 1],
  ['height', 'Crop height (%)', 1],
]

const FIT_LABELS: Record<(typeof FIT_MODES)[number], string> = {
  fit: 'Fit (letterbox)',
  fill: 'Fill the frame',
  crop: 'Crop',
}

/**
 * How the clip's picture sits in the canvas: fit / fill / crop, where its centre is, a zoom, and
 * for crop the source rectangle. Picking "Crop" starts from what "Fill" shows (the centred part
 * of the source with the canvas's shape), so nothing jumps until an edge is moved.
 */
export function FramingFields({
  timeline,
  clip,
  edit,
}: {
  timeline: Timeline
  clip: Clip
  edit: ScopedEdit
}) {
  const source = useMediaSize(clip.mediaId)
  const canvas = canvasSize(timeline.canvas)
  const coalesce = (field: string) => ({ coalesceKey: `framing-${field}-${clip.id}` })
  const setCrop = (field: keyof CropRect, percent: number) => {
    const crop = clip.crop ?? centredCrop(source ?? canvas, canvas)
    edit(
      'Change crop',
      (t) => updateClip(t, clip.id, { crop: { ...crop, [field]: fromPercent(percent) } }),
      coalesce(`crop-${field}`),
    )
  }
  return (
    <>
      <SelectField
        label="Framing"
        value={clip.fit}
        options={FIT_MODES}
        labelOf={(f) => FIT_LABELS[f]}
        onChange={(fit) =>
          edit('Change framing', (t) =>
            updateClip(t, clip.id, {
              fit,
              ...(fit === 'crop' && !clip.crop
                ? { crop: centredCrop(source ?? canvas, canvas) }
                : {}),
            }),
          )
        }
      />
      {(['x', 'y'] as const).map((axis) => (
        <NumberInput
          key={axis}
          label={`Picture centre ${axis.toUpperCase()} (%)`}
          value={toPercent(clip.position[axis])}
          min={0}
          max={100}
          step={1}
          onCommit={(v) =>
            edit(
              'Move picture',
              (t) =>
                updateClip(t, clip.id, { position: { ...clip.position, [axis]: fromPercent(v) } }),
              coalesce(axis),
            )
          }
        />
      ))}
      <NumberInput
        label="Zoom (×)"
        value={clip.scale}
        min={0.1}
        max={10}
        step={0.1}
        onCommit={(scale) =>
          edit('Zoom picture', (t) => updateClip(t, clip.id, { scale }), coalesce('zoom'))
        }
      />
      {clip.fit === 'crop' && clip.crop
        ? CROP_FIELDS.map(([field, label, min]) => (
            <NumberInput
              key={field}
              label={label}
              value={toPercent(clip.crop?.[field] ?? 0)}
              min={min}
              max={100}
              step={CROP_STEP}
              onCommit={(v) => setCrop(field, v)}
            />
          ))
        : null}
    </>
  )
}
