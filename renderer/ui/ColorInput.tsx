import { useId } from 'react'
import './form-controls.css'

/**
 * A labelled #rrggbb color, with the browser's own picker. It reports every change while the
 * picker is dragged: callers coalesce those into one undo step.
 */
export function ColorInput(props: { label: string; value: string; onChange(hex: string): void }) {
  const id = useId()
  return (
    <div className="field color-input">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="color"
        value={props.value.toLowerCase()}
        onChange={(e) =>
          props.value.toLowerCase() !== e.target.value && props.onChange(e.target.value)
        }
      />
    </div>
  )
}
