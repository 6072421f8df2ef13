import { useState } from 'react'
import { Button, Dialog, Form, Heading, Modal } from 'react-aria-components'
import {
  EARNINGS_DEFAULTS_SOURCES,
  type EarningsSettings,
} from '../../../shared/money/earnings-settings'
import { Field } from '../../ui/Field'
import {
  draftOf,
  settingsFromDraft,
  type SettingsDraft,
  type SettingsErrors,
} from './settings-draft'

/**
 * The numbers behind the views: changing the diamond rate re-values every LIVE session's cash
 * estimate at once and touches no entry (diamonds are what the ledger keeps).
 */
export function SettingsDialog({
  isOpen,
  settings,
  onClose,
  onSave,
  onReset,
  readOnlyReason = null,
}: {
  isOpen: boolean
  settings: EarningsSettings
  /** Why this member cannot change them (shown, fields disabled), or null. */
  readOnlyReason?: string | null
  onClose(): void
  onSave(settings: EarningsSettings): void
  onReset(): void
}) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(settings))
  const [errors, setErrors] = useState<SettingsErrors>({})
  const set = (key: keyof SettingsDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors(({ [key]: _gone, ...rest }) => rest)
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (readOnlyReason) return
    const out = settingsFromDraft(draft)
    if (!out.ok) return setErrors(out.errors)
    onSave(out.settings)
    onClose()
  }
  return (
    <Modal
      isOpen={isOpen}
      onOpenChange={(open) => !open && onClose()}
      isDismissable
      className="modal"
    >
      <Dialog className="dialog dialog--wide dialog--scroll">
        <Heading slot="title">Rates and alerts</Heading>
        <Form
          onSubmit={submit}
          validationBehavior="aria"
          validationErrors={errors}
          className="dialog__form"
        >
          <p className="muted settings-scope">
            These rates and alerts are the workspace’s: saving changes them for every member.
          </p>
          {readOnlyReason ? (
            <p className="settings-readonly" role="note">
              {readOnlyReason}
            </p>
          ) : null}
          <fieldset className="settings-fieldset" disabled={readOnlyReason !== null}>
            <div className="form-row">
              <Field
                label="Value of one diamond"
                name="defaultRate"
                value={draft.defaultRate}
                onChange={set('defaultRate')}
                description={`Default 0.005 — ${EARNINGS_DEFAULTS_SOURCES.diamondRate.source}.`}
              />
              <Field
                label="In currency"
                name="defaultRateCurrency"
                value={draft.defaultRateCurrency}
                onChange={set('defaultRateCurrency')}
              />
            </div>
            <label className="field">
              <span>Rates by region (one per line: region currency value)</span>
              <textarea
                name="regionRates"
                rows={2}
                value={draft.regionRates}
                placeholder="JP JPY 0.7"
                onChange={(e) => set('regionRates')(e.target.value)}
                aria-invalid={errors.regionRates ? true : undefined}
              />
              {errors.regionRates ? (
                <span className="field__error">{errors.regionRates}</span>
              ) : null}
            </label>
            <label className="field">
              <span>Payout minimum (one per line: currency amount)</span>
              <textarea
                name="payoutMinimum"
                rows={2}
                value={draft.payoutMinimum}
                onChange={(e) => set('payoutMinimum')(e.target.value)}
              />
              <span className="field__hint">{EARNINGS_DEFAULTS_SOURCES.payoutMinimum.source}.</span>
              {errors.payoutMinimum ? (
                <span className="field__error">{errors.payoutMinimum}</span>
              ) : null}
            </label>
            <div className="form-row">
              <Field
                label="Alert: RPM drop above (%)"
                name="rpmDropPercent"
                value={draft.rpmDropPercent}
                onChange={set('rpmDropPercent')}
              />
              <Field
                label="Alert: refunds above (% of orders)"
                name="refundPercent"
                value={draft.refundPercent}
                onChange={set('refundPercent')}
              />
            </div>
            <div className="form-row">
              <Field
                label="Show totals in one currency"
                name="conversionTarget"
                placeholder="e.g. USD (empty: per currency)"
                value={draft.conversionTarget}
                onChange={set('conversionTarget')}
              />
              <label className="field">
                <span>Conversion rates (currency value)</span>
                <textarea
                  name="conversionRates"
                  rows={2}
                  placeholder="EUR 1.08"
                  value={draft.conversionRates}
                  onChange={(e) => set('conversionRates')(e.target.value)}
                />
                {errors.conversionRates ? (
                  <span className="field__error">{errors.conversionRates}</span>
                ) : null}
              </label>
            </div>
          </fieldset>
          <div className="dialog__actions">
            {readOnlyReason ? (
              <Button className="button" onPress={onClose}>
                Close
              </Button>
            ) : (
              <>
                <Button
                  className="button"
                  onPress={() => {
                    onReset()
                    onClose()
                  }}
                >
                  Restore defaults
                </Button>
                <Button className="button" onPress={onClose}>
                  Cancel
                </Button>
                <Button type="submit" className="button button--primary">
                  Save
                </Button>
              </>
            )}
          </div>
        </Form>
      </Dialog>
    </Modal>
  )
}
