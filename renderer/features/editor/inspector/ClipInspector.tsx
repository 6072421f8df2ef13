import { setClipSpeed, trimClip, updateClip } from '../../../../shared/timeline/edit'
import {
  FIT_MODES,
  MAX_SPEED,
  MIN_SPEED,
  type Clip,
  type Timeline,
} from '../../../../shared/timeline/model'
import { CheckboxInput } from '../../../ui/CheckboxInput'
import { NumberInput } from '../../../ui/NumberInput'
import { SelectField } from '../../../ui/SelectField'
import type { ProjectStore } from '../project/project-store'
import { EffectsFields } from './EffectsFields'
import { InlineError, Section } from './Section'
import { TransitionField } from './TransitionField'
import { fromSeconds, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

const FIT_LABELS: Record<(typeof FIT_MODES)[number], string> = {
  fit: 'Fit (letterbox)',
  fill: 'Fill the frame',
  crop: 'Crop',
}

/** The selected clip: trim, speed, framing and sound, then its effects and transition. */
export function ClipInspector({
  store,
  timeline,
  clip,
}: {
  store: ProjectStore
  timeline: Timeline
  clip: Clip
}) {
  const { edit, error } = useScopedEdit(store, 'clip')
  const trim = (change: { inMs?: number; outMs?: number }) =>
    edit('Trim clip', (t) => trimClip(t, clip.id, change), { coalesceKey: `trim-${clip.id}` })
  return (
    <>
      <Section title="Selected clip">
        <div className="inspector__grid">
          <NumberInput
            label="Start in source (s)"
            value={toSeconds(clip.inMs)}
            min={0}
            onCommit={(s) => trim({ inMs: fromSeconds(s) })}
          />
          <NumberInput
            label="End in source (s)"
            value={toSeconds(clip.outMs)}
            min={0}
            onCommit={(s) => trim({ outMs: fromSeconds(s) })}
          />
          <NumberInput
            label="Speed (×)"
            value={clip.speed}
            min={MIN_SPEED}
            max={MAX_SPEED}
            step={0.25}
            onCommit={(speed) => edit('Change speed', (t) => setClipSpeed(t, clip.id, speed))}
          />
          <SelectField
            label="Framing"
            value={clip.fit}
            options={FIT_MODES}
            labelOf={(f) => FIT_LABELS[f]}
            onChange={(fit) => edit('Change framing', (t) => updateClip(t, clip.id, { fit }))}
          />
        </div>
        <CheckboxInput
          label="Mute this clip"
          isSelected={clip.muted}
          onChange={(muted) =>
            edit(muted ? 'Mute clip' : 'Unmute clip', (t) => updateClip(t, clip.id, { muted }))
          }
        />
        <InlineError message={error} />
      </Section>
      <EffectsFields store={store} clip={clip} />
      <TransitionField store={store} timeline={timeline} clip={clip} />
    </>
  )
}
