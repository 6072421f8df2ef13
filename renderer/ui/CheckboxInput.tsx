import { Check } from 'lucide-react'
import { Checkbox } from 'react-aria-components'
import './form-controls.css'

/** A labelled on/off choice: React Aria's Checkbox (a real input, so it is found by its label). */
export function CheckboxInput(props: {
  label: string
  isSelected: boolean
  isDisabled?: boolean
  onChange(isSelected: boolean): void
}) {
  return (
    <Checkbox
      className="checkbox"
      isSelected={props.isSelected}
      isDisabled={props.isDisabled}
      onChange={props.onChange}
    >
      {({ isSelected }) => (
        <>
          <span className="checkbox__box" aria-hidden="true">
            {isSelected ? <Check size={12} /> : null}
          </span>
          {props.label}
        </>
      )}
    </Checkbox>
  )
}
