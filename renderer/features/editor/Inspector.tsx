import { Plus, Trash2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button, Group, Input, Label, NumberField } from 'react-aria-components'
import { useStore } from 'zustand'
import { uuidv7 } from '../../../shared/data/ids'
import { PRESET_NAMES, type Effect } from '../../../shared/timeline/effects'
import {
  addText,
  removeText,
  setClipEffects,
  setClipSpeed,
  setMusic,
  trimClip,
  updateClip,
  updateMusic,
  updateText,
} from '../../../shared/timeline/edit'
import { FIT_MODES } from '../../../shared/timeline/model'
import { timelineDurationMs } from '../../../shared/timeline/time'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'
import type { createProjectStore } from './project/project-store'

type ProjectStore = ReturnType<typeof createProjectStore>

const LOOKS = ['none', ...PRESET_NAMES] as const
const FIT_LABELS: Record<(typeof FIT_MODES)[number], string> = {
  fit: 'Fit (letterbox)',
  fill: 'Fill the frame',
  crop: 'Crop',
}

/** The clip's look: the one preset it uses, or none (other effects are kept as they are). */
export function lookOf(effects: readonly Effect[]): (typeof LOOKS)[number] {
  const preset = effects.find((e) => e.type === 'preset')
  return preset && preset.type === 'preset' ? preset.name : 'none'
}

function withLook(effects: readonly Effect[], look: (typeof LOOKS)[number]): Effect[] {
  const rest = effects.filter((e) => e.type !== 'preset')
  return look === 'none' ? rest : [...rest, { type: 'preset', name: look }]
}

function Seconds(props: {
  label: string
  value: number
  min?: number
  max?: number
  step?: number
  onCommit(seconds: number): void
}) {
  return (
    <NumberField
      className="field"
      value={props.value}
      minValue={props.min}
      maxValue={props.max}
      step={props.step ?? 0.1}
      formatOptions={{ maximumFractionDigits: 2 }}
      onChange={(v) => Number.isFinite(v) && v !== props.value && props.onCommit(v)}
    >
      <Label>{props.label}</Label>
      <Group>
        <Input />
      </Group>
    </NumberField>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="inspector__section" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  )
}

/** Settings of the selected clip, the text overlays and the music, each change one undo step. */
export function Inspector({ store }: { store: ProjectStore }) {
  const timeline = useStore(store, (s) => s.history.present.state)
  const selectedId = useStore(store, (s) => s.selectedClipId)
  const playheadMs = useStore(store, (s) => s.playheadMs)
  const edit = store.getState().edit
  const clip = timeline.clips.find((c) => c.id === selectedId) ?? null
  const music = timeline.audio.music ?? null
  const durationMs = timelineDurationMs(timeline)

  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Inspector</h2>
      {clip ? (
        <Section title="Selected clip">
          <Seconds
            label="Start in source (s)"
            value={clip.inMs / 1000}
            min={0}
            onCommit={(s) =>
              edit('Trim clip', (t) => trimClip(t, clip.id, { inMs: Math.round(s * 1000) }), {
                coalesceKey: `trim-${clip.id}`,
              })
            }
          />
          <Seconds
            label="End in source (s)"
            value={clip.outMs / 1000}
            min={0}
            onCommit={(s) =>
              edit('Trim clip', (t) => trimClip(t, clip.id, { outMs: Math.round(s * 1000) }), {
                coalesceKey: `trim-${clip.id}`,
              })
            }
          />
          <Seconds
            label="Speed (×)"
            value={clip.speed}
            min={0.25}
            max={4}
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
          <SelectField
            label="Look"
            value={lookOf(clip.effects)}
            options={LOOKS}
            labelOf={(l) => (l === 'none' ? 'None' : l[0]?.toUpperCase() + l.slice(1))}
            onChange={(look) =>
              edit('Change look', (t) => setClipEffects(t, clip.id, withLook(clip.effects, look)))
            }
          />
        </Section>
      ) : (
        <p className="muted">
          Select a clip on the timeline to trim it, change its speed, framing or look.
        </p>
      )}

      <Section title="Text">
        <Button
          className="button"
          isDisabled={durationMs === 0}
          onPress={() =>
            edit('Add text', (t) => {
              const startMs = Math.min(playheadMs, Math.max(0, durationMs - 500))
              return addText(t, {
                id: uuidv7(),
                text: 'Your text',
                size: 96,
                outlineWidth: 4,
                y: 0.2,
                startMs,
                endMs: Math.min(durationMs, startMs + 2000),
              })
            })
          }
        >
          <Plus aria-hidden="true" size={16} /> Add text at playhead
        </Button>
        <ul className="member-list" aria-label="Text overlays">
          {timeline.texts.map((text, i) => (
            <li key={text.id}>
              <Field
                label={`Text ${i + 1}`}
                defaultValue={text.text}
                maxLength={500}
                onBlur={(e) => {
                  const value = (e.target as HTMLInputElement).value
                  if (value !== text.text)
                    edit('Edit text', (t) => updateText(t, text.id, { text: value }))
                }}
              />
              <Button
                className="icon-button"
                aria-label={`Remove text ${i + 1}`}
                onPress={() => edit('Remove text', (t) => removeText(t, text.id))}
              >
                <Trash2 aria-hidden="true" size={14} />
              </Button>
            </li>
          ))}
        </ul>
      </Section>

      {music ? (
        <Section title="Music">
          <Seconds
            label="Music volume"
            value={music.volume}
            min={0}
            max={2}
            step={0.1}
            onCommit={(volume) =>
              edit('Music volume', (t) => updateMusic(t, { volume }), {
                coalesceKey: 'music-volume',
              })
            }
          />
          <Seconds
            label="Fade in (s)"
            value={music.fadeInMs / 1000}
            min={0}
            onCommit={(s) =>
              edit('Music fade', (t) => updateMusic(t, { fadeInMs: Math.round(s * 1000) }))
            }
          />
          <Seconds
            label="Fade out (s)"
            value={music.fadeOutMs / 1000}
            min={0}
            onCommit={(s) =>
              edit('Music fade', (t) => updateMusic(t, { fadeOutMs: Math.round(s * 1000) }))
            }
          />
          <Button className="button" onPress={() => edit('Remove music', (t) => setMusic(t, null))}>
            Remove music
          </Button>
        </Section>
      ) : null}
    </section>
  )
}
