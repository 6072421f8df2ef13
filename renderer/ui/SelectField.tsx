import { ChevronsUpDown } from 'lucide-react'
import type { ReactNode } from 'react'
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components'

interface SelectFieldProps<T extends string> {
  label: string
  value: T | null
  options: readonly T[]
  /** How an option reads in the list (and on the button). */
  labelOf(option: T): ReactNode
  /** Plain text of an option, for type-to-select (defaults to the label when that is text). */
  textOf?(option: T): string
  onChange(value: T): void
  /** Keep the label for screen readers only (e.g. the sidebar's workspace switcher). */
  hideLabel?: boolean
  name?: string
  className?: string
}

/** A labelled single choice from a short list: React Aria's Select with the app's styling. */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  return (
    <Select
      className={props.className ?? 'field'}
      name={props.name}
      selectedKey={props.value}
      onSelectionChange={(key) => key !== null && props.onChange(String(key) as T)}
    >
      <Label className={props.hideLabel ? 'visually-hidden' : undefined}>{props.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <ChevronsUpDown aria-hidden="true" size={14} />
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {props.options.map((option) => (
            <ListBoxItem
              key={option}
              id={option}
              textValue={props.textOf?.(option) ?? textOrId(props.labelOf(option), option)}
              className="listbox__item"
            >
              {props.labelOf(option)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  )
}

function textOrId(label: ReactNode, id: string): string {
  return typeof label === 'string' ? label : id
}
