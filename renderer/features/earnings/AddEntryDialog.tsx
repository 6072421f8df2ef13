import { useState } from 'react'
import { Button, Dialog, Form, Heading, Modal } from 'react-aria-components'
import type { AccountDoc, LedgerEntryDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { diamondRateFor, type EarningsSettings } from '../../../shared/money/earnings-settings'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'
import {
  entryFromDraft,
  MANUAL_KIND_LABELS,
  MANUAL_KINDS,
  type DraftErrors,
  type EntryDraft,
} from './entry-draft'

interface AddEntryDialogProps {
  isOpen: boolean
  workspaceId: string
  /** Accounts this member may write entries for. */
  accounts: readonly AccountDoc[]
  defaultAccountId: string | null
  settings: EarningsSettings
  onClose(): void
  onSave(doc: LedgerEntryDoc): Promise<void>
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

/** Income from outside the platform, payouts, deal payments, and anything a feed missed. */
export function AddEntryDialog(props: AddEntryDialogProps) {
  const first = props.defaultAccountId ?? props.accounts[0]?.id ?? ''
  const [draft, setDraft] = useState<EntryDraft>({
    kind: 'other',
    accountId: first,
    date: today(),
    amount: '',
    currency: 'USD',
    diamonds: '',
    durationMin: '',
    topGifters: '',
    paidPrice: '',
    ratePercent: '',
    note: '',
  })
  const [errors, setErrors] = useState<DraftErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof EntryDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors(({ [key]: _gone, ...rest }) => rest)
  }
  const account = props.accounts.find((a) => a.id === draft.accountId)
  const rate = diamondRateFor(props.settings, account?.region ?? null)

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const out = entryFromDraft(
      draft,
      { id: uuidv7(), workspaceId: props.workspaceId },
      Date.now(),
      rate,
    )
    if (!out.ok) {
      setErrors(out.errors)
      return
    }
    setBusy(true)
    try {
      await props.onSave(out.doc)
      props.onClose()
    } catch (error) {
      setFormError(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  const kind = draft.kind
  return (
    <Modal
      isOpen={props.isOpen}
      onOpenChange={(open) => !open && props.onClose()}
      isDismissable
      className="modal"
    >
      <Dialog className="dialog">
        <Heading slot="title">Add an entry</Heading>
        <Form
          onSubmit={submit}
          validationBehavior="aria"
          validationErrors={errors}
          className="dialog__form"
        >
          <SelectField
            label="What is it?"
            name="kind"
            value={draft.kind}
            options={MANUAL_KINDS}
            labelOf={(k) => MANUAL_KIND_LABELS[k]}
            onChange={(k) => set('kind')(k)}
          />
          {props.accounts.length > 1 ? (
            <SelectField
              label="Account"
              name="accountId"
              value={draft.accountId || null}
              options={props.accounts.map((a) => a.id)}
              labelOf={(id) => `@${props.accounts.find((a) => a.id === id)?.handle ?? ''}`}
              onChange={set('accountId')}
            />
          ) : null}
          {errors.accountId ? <p className="field__error">{errors.accountId}</p> : null}
          <Field
            label="Date"
            name="date"
            type="date"
            isRequired
            value={draft.date}
            onChange={set('date')}
          />
          {kind === 'gift' ? (
            <>
              <Field
                label="Diamonds"
                name="diamonds"
                isRequired
                inputMode="numeric"
                description={`Valued at the workspace rate (${rate.currency} ${(rate.microsPerDiamond / 1_000_000).toString()} per diamond).`}
                value={draft.diamonds}
                onChange={set('diamonds')}
              />
              <Field
                label="Length (minutes)"
                name="durationMin"
                inputMode="numeric"
                value={draft.durationMin}
                onChange={set('durationMin')}
              />
              <Field
                label="Top gifters"
                name="topGifters"
                inputMode="numeric"
                value={draft.topGifters}
                onChange={set('topGifters')}
              />
            </>
          ) : kind === 'commission' ? (
            <>
              <Field
                label="Price paid"
                name="paidPrice"
                isRequired
                inputMode="decimal"
                description="After coupons, without tax."
                value={draft.paidPrice}
                onChange={set('paidPrice')}
              />
              <Field
                label="Commission rate (%)"
                name="ratePercent"
                isRequired
                inputMode="decimal"
                value={draft.ratePercent}
                onChange={set('ratePercent')}
              />
            </>
          ) : (
            <Field
              label="Amount"
              name="amount"
              isRequired
              inputMode="decimal"
              placeholder="0.00"
              value={draft.amount}
              onChange={set('amount')}
            />
          )}
          {kind !== 'gift' ? (
            <Field
              label="Currency"
              name="currency"
              isRequired
              description="Three-letter code, e.g. USD, EUR, GBP."
              value={draft.currency}
              onChange={(v) => set('currency')(v.toUpperCase())}
            />
          ) : null}
          <Field label="Note" name="note" value={draft.note} onChange={set('note')} />
          {formError ? (
            <p role="alert" className="form-error">
              {formError}
            </p>
          ) : null}
          <div className="dialog__actions">
            <Button className="button" onPress={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" className="button button--primary" isDisabled={busy}>
              Add entry
            </Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  )
}
