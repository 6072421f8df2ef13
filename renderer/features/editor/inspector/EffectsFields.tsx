import { setClipEffects } from '../../../../shared/timeline/edit'
import type { Effect } from '../../../../shared/timeline/effects'
import type { Clip, Timeline } from '../../../../shared/timeline/model'
import { CheckboxInput } from '../../../ui/CheckboxInput'
import { NumberInput } from '../../../ui/NumberInput'
import { SelectField } from '../../../ui/SelectField'
import { bundledResources } from '../engine/bundled-resources'
import type { ProjectStore } from '../project/project-store'
import {
  ADJUSTMENTS,
  adjustmentValue,
  isBlackAndWhite,
  lookOf,
  LOOKS,
  lutChoices,
  lutLabel,
  lutOf,
  withAdjustment,
  withBlackAndWhite,
  withLook,
  withLut,
  type Look,
} from './effect-values'
import { InlineError, Section } from './Section'
import { useScopedEdit } from './use-scoped-edit'

const lookLabel = (look: Look) =>
  look === 'none' ? 'None' : look[0]?.toUpperCase() + look.slice(1)

/**
 * The clip's look (a named preset) and its own adjustments, applied together: the sliders show
 * what the clip adds, not what the look does, so picking a look never moves them.
 */
export function EffectsFields({ store, clip }: { store: ProjectStore; clip: Clip }) {
  const { edit, error } = useScopedEdit(store, 'effects')
  // Read the effects from the timeline being edited, not from this render: coalesced edits in
  // quick succession must build on each other.
  const change = (label: string, update: (effects: readonly Effect[]) => Effect[], key?: string) =>
    edit(
      label,
      (t: Timeline) =>
        setClipEffects(t, clip.id, update(t.clips.find((c) => c.id === clip.id)?.effects ?? [])),
      key ? { coalesceKey: `effect-${clip.id}-${key}` } : {},
    )
  const lut = lutOf(clip.effects)
  return (
    <Section title="Effects">
      <div className="inspector__grid">
        <SelectField
          label="Look"
          value={lookOf(clip.effects)}
          options={LOOKS}
          labelOf={lookLabel}
          onChange={(look) => change('Change look', (effects) => withLook(effects, look))}
        />
        <SelectField
          label="LUT"
          value={lut}
          options={lutChoices(bundledResources.luts.keys(), lut)}
          labelOf={lutLabel}
          onChange={(file) => change('Change LUT', (effects) => withLut(effects, file))}
        />
        {ADJUSTMENTS.map((adjustment) => (
          <NumberInput
            key={adjustment.key}
            label={adjustment.label}
            value={adjustmentValue(clip.effects, adjustment)}
            min={adjustment.min}
            max={adjustment.max}
            step={adjustment.step}
            onCommit={(value) =>
              change(
                `Change ${adjustment.key}`,
                (effects) => withAdjustment(effects, adjustment, value),
                adjustment.key,
              )
            }
          />
        ))}
      </div>
      <CheckboxInput
        label="Black and white"
        isSelected={isBlackAndWhite(clip.effects)}
        onChange={(on) => change('Black and white', (effects) => withBlackAndWhite(effects, on))}
      />
      <InlineError message={error} />
    </Section>
  )
}
