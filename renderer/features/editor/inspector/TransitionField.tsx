import { setTransition } from '../../../../shared/timeline/edit'
import {
  MAX_TRANSITION_MS,
  MIN_TRANSITION_MS,
  SLIDE_DIRECTIONS,
  type Clip,
  type Timeline,
} from '../../../../shared/timeline/model'
import { NumberInput } from '../../../ui/NumberInput'
import { SelectField } from '../../../ui/SelectField'
import type { ProjectStore } from '../project/project-store'
import { InlineError, Section } from './Section'
import {
  buildTransition,
  maxTransitionMs,
  TRANSITION_KINDS,
  transitionKind,
  type SlideDirection,
  type TransitionKind,
} from './transition-values'
import { fromSeconds, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

const KIND_LABELS: Record<TransitionKind, string> = {
  none: 'None (cut)',
  crossfade: 'Crossfade',
  slide: 'Slide',
}
const DIRECTION_LABELS: Record<SlideDirection, string> = {
  left: 'Left',
  right: 'Right',
  up: 'Up',
  down: 'Down',
}

/**
 * The transition from the selected clip into the next. The length is offered up to what the two
 * clips allow; anything the model still refuses is explained here.
 */
export function TransitionField({
  store,
  timeline,
  clip,
}: {
  store: ProjectStore
  timeline: Timeline
  clip: Clip
}) {
  const { edit, error } = useScopedEdit(store, 'transition')
  const limitMs = maxTransitionMs(timeline, clip.id)
  if (limitMs === null) {
    return (
      <Section title="Transition">
        <p className="muted">The last clip has nothing to transition into.</p>
      </Section>
    )
  }
  const kind = transitionKind(clip)
  const current = clip.transitionOut
  const apply = (
    next: TransitionKind,
    change: { durationMs?: number; direction?: SlideDirection } = {},
    coalesceKey?: string,
  ) =>
    edit(
      next === 'none' ? 'Remove transition' : 'Change transition',
      (t) => setTransition(t, clip.id, buildTransition(next, current, limitMs, change)),
      coalesceKey ? { coalesceKey } : {},
    )
  const hint =
    limitMs >= MIN_TRANSITION_MS
      ? `Up to ${toSeconds(limitMs)} s for these clips`
      : `These clips are too short for a transition (${toSeconds(MIN_TRANSITION_MS)} s at least)`
  return (
    <Section title="Transition">
      <SelectField
        label="Transition to next clip"
        value={kind}
        options={TRANSITION_KINDS}
        labelOf={(k) => KIND_LABELS[k]}
        onChange={(next) => apply(next)}
      />
      {current ? (
        <div className="inspector__grid">
          <NumberInput
            label="Transition length (s)"
            value={toSeconds(current.durationMs)}
            min={toSeconds(MIN_TRANSITION_MS)}
            max={toSeconds(MAX_TRANSITION_MS)}
            step={0.1}
            onCommit={(s) =>
              apply(kind, { durationMs: fromSeconds(s) }, `transition-length-${clip.id}`)
            }
          />
          {current.type === 'slide' ? (
            <SelectField
              label="Slide direction"
              value={current.direction}
              options={SLIDE_DIRECTIONS}
              labelOf={(d) => DIRECTION_LABELS[d]}
              onChange={(direction) => apply('slide', { direction })}
            />
          ) : null}
        </div>
      ) : null}
      <p className="field__hint">{hint}</p>
      <InlineError message={error} />
    </Section>
  )
}
