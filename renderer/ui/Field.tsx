import {
  FieldError,
  Input,
  Label,
  Text,
  TextField,
  type TextFieldProps,
} from 'react-aria-components'

interface FieldProps extends Omit<TextFieldProps, 'children'> {
  label: string
  placeholder?: string
  description?: string | undefined
}

/** A labelled text input with its validation message, from React Aria's accessible primitives. */
export function Field({ label, placeholder, description, ...props }: FieldProps) {
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      <Input placeholder={placeholder} />
      {description ? (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error" />
    </TextField>
  )
}
