import { Group, Input, Label, NumberField, Text } from 'react-aria-components'

interface NumberInputProps {
  label: string
  value: number
  min?: number
  max?: number
  step?: number
  description?: string
  isDisabled?: boolean
  /** Called when a new value is committed (Enter, blur or a step), not on every keystroke. */
  onCommit(value: number): void
}

/**
 * A labelled number: React Aria's NumberField, which commits on Enter/blur and clamps to
 * min/max. An emptied field commits nothing, so it falls back to the current value.
 */
export function NumberInput(props: NumberInputProps) {
  return (
    <NumberField
      className="field"
      value={props.value}
      minValue={props.min}
      maxValue={props.max}
      step={props.step ?? 0.1}
      isDisabled={props.isDisabled}
      formatOptions={{ maximumFractionDigits: 2 }}
      onChange={(v) => Number.isFinite(v) && v !== props.value && props.onCommit(v)}
    >
      <Label>{props.label}</Label>
      <Group>
        <Input />
      </Group>
      {props.description ? (
        <Text slot="description" className="field__hint">
          {props.description}
        </Text>
      ) : null}
    </NumberField>
  )
}
