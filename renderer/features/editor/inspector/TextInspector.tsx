import { Trash2 } from 'lucide-react'
import { Button } from 'react-aria-components'
import { uuidv7 } from '../../../../shared/data/ids'
import { addText, removeText, updateText } from '../../../../shared/timeline/edit'
import type { TextOverlay, TextOverlayInput } from '../../../../shared/timeline/model'
import { ColorInput } from '../../../ui/ColorInput'
import { Field } from '../../../ui/Field'
import { NumberInput } from '../../../ui/NumberInput'
import type { ProjectStore } from '../project/project-store'
import { InlineError, Section } from './Section'
import { fromPercent, fromSeconds, toPercent, toSeconds } from './units'
import { useScopedEdit } from './use-scoped-edit'

type TextPatch = Partial<Omit<TextOverlayInput, 'id'>>

/** One text overlay: its words, style, where its centre sits and when it shows. */
export function TextItem({
  store,
  text,
  n,
}: {
  store: ProjectStore
  text: TextOverlay
  n: number
}) {
  const { edit, error } = useScopedEdit(store, `text-${text.id}`)
  const update = (label: string, patch: TextPatch, coalesce?: string) =>
    edit(label, (t) => updateText(t, text.id, patch), {
      ...(coalesce ? { coalesceKey: `text-${coalesce}-${text.id}` } : {}),
    })
  return (
    <li className="overlay-item">
      <div role="group" aria-label={`Text overlay ${n}`}>
        <div className="overlay-item__head">
          <Field
            // Uncontrolled while typing (committed on blur); remounted when undo/redo changes it.
            key={text.text}
            label={`Text ${n}`}
            defaultValue={text.text}
            maxLength={500}
            onBlur={(e) => {
              const value = (e.target as HTMLInputElement).value
              if (value !== text.text) update('Edit text', { text: value })
            }}
          />
          <Button
            className="icon-button"
            aria-label={`Remove text ${n}`}
            onPress={() => edit('Remove text', (t) => removeText(t, text.id))}
          >
            <Trash2 aria-hidden="true" size={14} />
          </Button>
        </div>
        <div className="inspector__grid">
          <NumberInput
            label="Size (px)"
            value={text.size}
            min={8}
            max={400}
            step={2}
            onCommit={(size) => update('Text size', { size }, 'size')}
          />
          <ColorInput
            label="Text color"
            value={text.color}
            onChange={(color) => update('Text color', { color }, 'color')}
          />
          <NumberInput
            label="Outline (px)"
            value={text.outlineWidth}
            min={0}
            max={20}
            step={1}
            onCommit={(outlineWidth) => update('Text outline', { outlineWidth }, 'outline')}
          />
          <ColorInput
            label="Outline color"
            value={text.outlineColor}
            onChange={(outlineColor) => update('Outline color', { outlineColor }, 'outline-color')}
          />
          <NumberInput
            label="Centre X (%)"
            value={toPercent(text.x)}
            min={0}
            max={100}
            step={1}
            onCommit={(p) => update('Move text', { x: fromPercent(p) }, 'move')}
          />
          <NumberInput
            label="Centre Y (%)"
            value={toPercent(text.y)}
            min={0}
            max={100}
            step={1}
            onCommit={(p) => update('Move text', { y: fromPercent(p) }, 'move')}
          />
          <NumberInput
            label="Start (s)"
            value={toSeconds(text.startMs)}
            min={0}
            onCommit={(s) => update('Text timing', { startMs: fromSeconds(s) }, 'timing')}
          />
          <NumberInput
            label="End (s)"
            value={toSeconds(text.endMs)}
            min={0}
            onCommit={(s) => update('Text timing', { endMs: fromSeconds(s) }, 'timing')}
          />
        </div>
        <InlineError message={error} />
      </div>
    </li>
  )
}

/** A new text at the playhead (2 s, or what is left of the video), selected for editing. */
export function addTextAt(store: ProjectStore, playheadMs: number, durationMs: number): boolean {
  const id = uuidv7()
  const added = store.getState().edit('Add text', (t) => {
    const startMs = Math.min(playheadMs, Math.max(0, durationMs - 500))
    return addText(t, {
      id,
      text: 'Your text',
      size: 96,
      outlineWidth: 4,
      y: 0.2,
      startMs,
      endMs: Math.min(Math.max(durationMs, startMs + 500), startMs + 2000),
    })
  })
  if (added) store.getState().select([{ kind: 'text', id }])
  return added
}

/** The selected text overlay (n counts texts from 1, as the timeline names them). */
export function TextInspector({
  store,
  text,
  n,
}: {
  store: ProjectStore
  text: TextOverlay
  n: number
}) {
  return (
    <Section title="Words and style">
      <ul className="overlay-list" aria-label="Text overlays">
        <TextItem store={store} text={text} n={n} />
      </ul>
    </Section>
  )
}
