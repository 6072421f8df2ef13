import { useState, type FormEvent } from 'react'
import { Button, Dialog, Heading, Modal } from 'react-aria-components'
import {
  DEAL_PAYMENT_TERMS,
  type DealDoc,
  type DealPaymentTerms,
} from '../../../shared/data/collections/deals'
import type { AccountDoc } from '../../../shared/data/registry'
import { uuidv7 } from '../../../shared/data/ids'
import { actorOf } from '../../../shared/deals/deal-edits'
import { exclusivityConflicts } from '../../../shared/deals/exclusivity'
import { parseMoney } from '../../../shared/deals/money'

/** A deal agreed outside the platform (an email, a call), recorded by hand. */
export function NewDealDialog({
  workspaceId,
  accounts,
  accountId,
  deals,
  user,
  onSave,
  onClose,
}: {
  workspaceId: string
  accounts: readonly AccountDoc[]
  accountId: string | null
  deals: readonly DealDoc[]
  user: { id: string; displayName: string }
  onSave: (doc: DealDoc) => Promise<void>
  onClose: () => void
}) {
  const [v, setV] = useState({
    accountId: accountId ?? accounts[0]?.id ?? '',
    brand: '',
    title: '',
    amount: '',
    terms: '' as DealPaymentTerms | '',
    category: '',
    due: '',
    stage: 'negotiating' as 'negotiating' | 'contracted',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  /** Sets a field and clears the error shown beside it. */
  const set = (name: keyof typeof v, value: string) => {
    setV((old) => ({ ...old, [name]: value }))
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest)
  }
  const conflicts = exclusivityConflicts(
    { id: '', accountId: v.accountId, category: v.category },
    deals,
    Date.now(),
  )

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const next: Record<string, string> = {}
    if (!v.accountId) next['accountId'] = 'Pick the creator account the deal is for.'
    if (!v.brand.trim()) next['brand'] = 'Enter the brand’s name.'
    const amount = v.amount.trim() ? parseMoney(v.amount) : ({ ok: true, minor: 0 } as const)
    if (!amount.ok) next['amount'] = amount.error
    const due = v.due ? Date.parse(`${v.due}T17:00:00Z`) : null
    if (v.due && !Number.isFinite(due)) next['due'] = 'Pick a valid date.'
    setErrors(next)
    if (Object.keys(next).length || !amount.ok) return
    const now = Date.now()
    const id = uuidv7()
    const doc: DealDoc = {
      id,
      workspaceId,
      accountId: v.accountId,
      updatedAt: now,
      _deleted: false,
      brand: v.brand.trim().slice(0, 200),
      title: v.title.trim().slice(0, 200),
      category: v.category.trim().slice(0, 100),
      state: v.stage,
      invitation: null,
      brief: '',
      offers: [],
      agreedOfferId: null,
      amountMinor: amount.minor,
      currency: 'USD',
      paymentTerms: v.terms || null,
      deliverables: [
        {
          id: uuidv7(),
          kind: 'video',
          description: 'Video',
          dueAt: due,
          postId: null,
          projectId: null,
          done: false,
        },
      ],
      dueAt: due,
      usage: { channels: ['organic'], durationDays: null, perpetual: false },
      exclusivity: null,
      sparkCodes: [],
      history: [
        {
          id: uuidv7(),
          from: null,
          to: v.stage,
          at: now,
          by: actorOf(user.id, user.displayName),
          note: 'Recorded by hand',
        },
      ],
      reads: [],
      payment: null,
      notes: '',
    }
    try {
      await onSave(doc)
      onClose()
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) })
    }
  }

  const err = (name: string) =>
    errors[name] ? (
      <span className="field__error" role="alert">
        {errors[name]}
      </span>
    ) : null

  return (
    <Modal isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal">
      <Dialog className="dialog">
        <Heading slot="title">Record a deal</Heading>
        <form className="dialog__form" onSubmit={(e) => void submit(e)}>
          {accounts.length > 1 ? (
            <label className="field">
              <span>Creator account</span>
              <select value={v.accountId} onChange={(e) => set('accountId', e.target.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    @{a.handle}
                  </option>
                ))}
              </select>
              {err('accountId')}
            </label>
          ) : null}
          <label className="field">
            <span>Brand</span>
            <input value={v.brand} maxLength={200} onChange={(e) => set('brand', e.target.value)} />
            {err('brand')}
          </label>
          <label className="field">
            <span>Campaign</span>
            <input value={v.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />
          </label>
          <label className="field">
            <span>Amount (USD)</span>
            <input
              inputMode="decimal"
              value={v.amount}
              onChange={(e) => set('amount', e.target.value)}
            />
            {err('amount')}
          </label>
          <label className="field">
            <span>Payment terms</span>
            <select value={v.terms} onChange={(e) => set('terms', e.target.value)}>
              <option value="">Not agreed yet</option>
              {DEAL_PAYMENT_TERMS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Product category</span>
            <input
              value={v.category}
              maxLength={100}
              placeholder="e.g. skincare — checked against exclusivities"
              onChange={(e) => set('category', e.target.value)}
            />
            {conflicts.map((c) => (
              <span key={c.dealId} className="field__error" role="alert">
                {c.brand} has “{c.category}” exclusivity until{' '}
                {new Date(c.until).toLocaleDateString('en-GB')}.
              </span>
            ))}
          </label>
          <label className="field">
            <span>Video due</span>
            <input type="date" value={v.due} onChange={(e) => set('due', e.target.value)} />
            {err('due')}
          </label>
          <label className="field">
            <span>Stage</span>
            <select
              value={v.stage}
              onChange={(e) =>
                setV({ ...v, stage: e.target.value as 'negotiating' | 'contracted' })
              }
            >
              <option value="negotiating">Negotiating</option>
              <option value="contracted">Contracted (terms agreed)</option>
            </select>
          </label>
          {errors['form'] ? (
            <p role="alert" className="form-error">
              {errors['form']}
            </p>
          ) : null}
          <div className="dialog__actions">
            <Button className="button" onPress={onClose}>
              Cancel
            </Button>
            <Button type="submit" className="button button--primary">
              Record deal
            </Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  )
}
