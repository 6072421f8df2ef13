import { setClipSpeed, trimClip, updateClip } from '../../../../shared/timeline/edit'
import { MAX_SPEED, MIN_SPEED, type Clip, type Timeline } from '../../../../shared/timeline/model'
import { CheckboxInput } from '../../../ui/CheckboxInput'
import { NumberInput } from '../../../ui/NumberInput'
import type { ProjectStore } from '../project/project-store'
import { EffectsFields } from './EffectsFields'
import { FramingFields } from './FramingFields'
import { InlineError, Section } from './Section'
import { TransitionField } from './TransitionField'
import { fromSeconds, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

/** The selected clip: trim, speed, framing and position, sound, then effects and transition. */
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
          <FramingFields timeline={timeline} clip={clip} edit={edit} />
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
