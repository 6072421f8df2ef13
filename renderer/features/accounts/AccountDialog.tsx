import { useState, type FormEvent } from 'react'
import { Button, Dialog, Form, Heading, Modal } from 'react-aria-components'
import {
  ACCOUNT_TYPES,
  PLATFORMS,
  type AccountDoc,
} from '../../../shared/data/collections/accounts'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'
import { buildAccountDoc, formValuesOf, type AccountFormValues } from './account-draft'

interface AccountDialogProps {
  workspaceId: string
  existing: AccountDoc | null
  isOpen: boolean
  onClose(): void
  onSave(doc: AccountDoc): Promise<void>
}

const PLATFORM_LABELS: Record<AccountDoc['platform'], string> = {
  tiktok: 'TikTok',
  sandbox: 'Sandbox (demo)',
}
const TYPE_LABELS: Record<AccountDoc['accountType'], string> = {
  personal: 'Personal',
  business: 'Business',
}

/** Create or edit a creator account; validated with the same schema the server applies. */
export function AccountDialog({
  workspaceId,
  existing,
  isOpen,
  onClose,
  onSave,
}: AccountDialogProps) {
  const [values, setValues] = useState<AccountFormValues>(() => formValuesOf(existing))
  const [errors, setErrors] = useState<Partial<Record<keyof AccountFormValues | 'form', string>>>(
    {},
  )
  const [busy, setBusy] = useState(false)
  const set =
    <K extends keyof AccountFormValues>(key: K) =>
    (value: AccountFormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const result = buildAccountDoc(values, { workspaceId, existing, now: Date.now() })
    if (!result.ok) return setErrors(result.errors)
    setErrors({})
    setBusy(true)
    try {
      await onSave(result.doc)
      onClose()
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }

  const fieldProps = (key: 'handle' | 'displayName' | 'region' | 'birthDate') => ({
    value: values[key],
    onChange: set(key),
  })
  // React Aria shows these under the field of the same name (server-style validation errors).
  const { form: formError, ...fieldErrors } = errors

  return (
    <Modal
      isOpen={isOpen}
      onOpenChange={(open) => !open && onClose()}
      isDismissable
      className="modal"
    >
      <Dialog className="dialog">
        <Heading slot="title">
          {existing ? `Edit @${existing.handle}` : 'Add a creator account'}
        </Heading>
        <Form
          onSubmit={submit}
          validationBehavior="aria"
          validationErrors={fieldErrors}
          className="dialog__form"
        >
          <Field
            label="Handle"
            name="handle"
            isRequired
            placeholder="creator.name"
            {...fieldProps('handle')}
          />
          <Field
            label="Display name"
            name="displayName"
            isRequired
            {...fieldProps('displayName')}
          />
          <SelectField
            label="Platform"
            name="platform"
            value={values.platform}
            options={PLATFORMS}
            labelOf={(o) => PLATFORM_LABELS[o]}
            onChange={set('platform')}
          />
          <SelectField
            label="Account type"
            name="accountType"
            value={values.accountType}
            options={ACCOUNT_TYPES}
            labelOf={(o) => TYPE_LABELS[o]}
            onChange={set('accountType')}
          />
          <Field
            label="Region"
            name="region"
            description="Two-letter country code, e.g. US"
            {...fieldProps('region')}
          />
          <Field
            label="Birth date"
            name="birthDate"
            type="date"
            description="Used for the 18+ rule of Creator Rewards."
            {...fieldProps('birthDate')}
          />
          {formError ? (
            <p role="alert" className="form-error">
              {formError}
            </p>
          ) : null}
          <div className="dialog__actions">
            <Button className="button" onPress={onClose}>
              Cancel
            </Button>
            <Button type="submit" className="button button--primary" isDisabled={busy}>
              {existing ? 'Save' : 'Add account'}
            </Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  )
}
