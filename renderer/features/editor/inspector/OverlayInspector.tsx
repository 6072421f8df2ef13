import { Trash2 } from 'lucide-react'
import { Button } from 'react-aria-components'
import type { OverlayClip } from '../../../../shared/timeline/model'
import {
  removeItems,
  updateOverlay,
  type OverlayPatch,
} from '../../../../shared/timeline/timing-edit'
import { CheckboxInput } from '../../../ui/CheckboxInput'
import { NumberInput } from '../../../ui/NumberInput'
import type { ProjectStore } from '../project/project-store'
import { InlineError, Section } from './Section'
import { fromPercent, toPercent, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

/** The selected overlay video (picture-in-picture): where it sits, how big, how opaque, its sound. */
export function OverlayInspector({
  store,
  overlay,
  name,
}: {
  store: ProjectStore
  overlay: OverlayClip
  name: string
}) {
  const { edit, error } = useScopedEdit(store, `overlay-${overlay.id}`)
  const update = (label: string, patch: OverlayPatch, key: string) =>
    edit(label, (t) => updateOverlay(t, overlay.id, patch), {
      coalesceKey: `overlay-${key}-${overlay.id}`,
    })
  const lengthS = (overlay.outMs - overlay.inMs) / overlay.speed / 1000
  return (
    <Section title="Picture in picture">
      <div role="group" aria-label={`Overlay ${name}`} className="overlay-item">
        <div className="overlay-item__head">
          <span className="overlay-item__name">
            {name} · track {overlay.track} · from {toSeconds(overlay.startMs).toFixed(2)} s for{' '}
            {lengthS.toFixed(2)} s
          </span>
          <Button
            className="icon-button"
            aria-label={`Remove overlay ${name}`}
            onPress={() =>
              edit('Remove overlay', (t) => removeItems(t, [{ kind: 'overlay', id: overlay.id }]))
            }
          >
            <Trash2 aria-hidden="true" size={14} />
          </Button>
        </div>
        <div className="inspector__grid">
          <NumberInput
            label="Centre X (%)"
            value={toPercent(overlay.x)}
            min={0}
            max={100}
            step={1}
            onCommit={(p) => update('Move overlay', { x: fromPercent(p) }, 'move')}
          />
          <NumberInput
            label="Centre Y (%)"
            value={toPercent(overlay.y)}
            min={0}
            max={100}
            step={1}
            onCommit={(p) => update('Move overlay', { y: fromPercent(p) }, 'move')}
          />
          <NumberInput
            label="Width (% of canvas)"
            value={toPercent(overlay.width)}
            min={5}
            max={100}
            step={1}
            onCommit={(p) => update('Resize overlay', { width: fromPercent(p) }, 'size')}
          />
          <NumberInput
            label="Opacity (%)"
            value={toPercent(overlay.opacity)}
            min={0}
            max={100}
            step={5}
            onCommit={(p) => update('Overlay opacity', { opacity: fromPercent(p) }, 'opacity')}
          />
        </div>
        <CheckboxInput
          label="Mute this overlay"
          isSelected={overlay.muted}
          onChange={(muted) =>
            edit(muted ? 'Mute overlay' : 'Unmute overlay', (t) =>
              updateOverlay(t, overlay.id, { muted }),
            )
          }
        />
        <p className="muted">
          Its sound plays with the main track at the project&apos;s original-sound level. Drag it on
          the timeline to retime it.
        </p>
        <InlineError message={error} />
      </div>
    </Section>
  )
}
