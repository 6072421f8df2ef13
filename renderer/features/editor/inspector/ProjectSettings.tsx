import {
  canvasPresetSchema,
  canvasSize,
  type CanvasPreset,
} from '../../../../shared/timeline/canvas'
import { setCanvas } from '../../../../shared/timeline/edit'
import type { Timeline } from '../../../../shared/timeline/model'
import { SelectField } from '../../../ui/SelectField'
import type { ProjectStore } from '../project/project-store'
import { InlineError, Section } from './Section'
import { useScopedEdit } from './use-scoped-edit'

const SHAPE: Record<CanvasPreset, string> = {
  '1080x1920': '9:16',
  '720x1280': '9:16, lighter',
  '1080x1080': '1:1',
}
const FRAME_RATES = ['30', '60'] as const

export function canvasLabel(preset: CanvasPreset): string {
  const { width, height } = canvasSize(preset)
  return `${width}×${height} (${SHAPE[preset]})`
}

/** The output format: canvas size and frame rate, each change an undoable edit of the timeline. */
export function ProjectSettings({ store, timeline }: { store: ProjectStore; timeline: Timeline }) {
  const { edit, error } = useScopedEdit(store, 'project')
  return (
    <Section title="Format">
      <div className="inspector__grid inspector__grid--wide-first">
        <SelectField
          label="Canvas"
          value={timeline.canvas}
          options={canvasPresetSchema.options}
          labelOf={canvasLabel}
          onChange={(canvas) => edit('Change canvas', (t) => setCanvas(t, { canvas }))}
        />
        <SelectField
          label="Frame rate"
          value={timeline.fps === 60 ? '60' : '30'}
          options={FRAME_RATES}
          labelOf={(fps) => `${fps} fps`}
          onChange={(fps) =>
            edit('Change frame rate', (t) => setCanvas(t, { fps: fps === '60' ? 60 : 30 }))
          }
        />
      </div>
      <InlineError message={error} />
    </Section>
  )
}
