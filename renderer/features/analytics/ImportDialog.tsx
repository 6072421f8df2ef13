import { useMemo, useState } from 'react'
import { Button, Dialog, Heading, Modal } from 'react-aria-components'
import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ImportField,
} from '../../../shared/analytics/import/columns'
import { planImport, type CellText } from '../../../shared/analytics/import/plan-import'
import { showToast } from '../../app/toasts'
import { useSession } from '../../session/session-context'
import { readTable } from './read-table'

interface ImportDialogProps {
  workspaceId: string
  accountId: string
  handle: string
  onClose: () => void
}

/**
 * Import the platform's analytics download (CSV or XLSX) for one account: a preview of what will
 * be imported, columns the importer did not recognise to map by hand, bad rows listed with their
 * reason. The good days are written in one go by the server; days already known are left as they
 * are, so importing the same file twice changes nothing.
 */
export function ImportDialog({ workspaceId, accountId, handle, onClose }: ImportDialogProps) {
  const api = useSession((s) => s.api)
  const [rows, setRows] = useState<CellText[][] | null>(null)
  const [fileName, setFileName] = useState('')
  const [mapping, setMapping] = useState<Record<number, ImportField | null>>({})
  const [monthFirst, setMonthFirst] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const plan = useMemo(
    () => (rows ? planImport(rows, { mapping, monthFirst }) : null),
    [rows, mapping, monthFirst],
  )

  const choose = async (file: File | undefined) => {
    if (!file) return
    setError(null)
    setMapping({})
    setFileName(file.name)
    try {
      setRows(await readTable(file))
    } catch (e) {
      setRows(null)
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  const submit = async () => {
    if (!plan || plan.days.length === 0) return
    setBusy(true)
    setError(null)
    try {
      const result = await api.importAnalytics({ workspaceId, accountId, days: plan.days })
      showToast(
        {
          title: `Imported ${result.added} day${result.added === 1 ? '' : 's'} for @${handle}`,
          description:
            result.unchanged > 0
              ? `${result.unchanged} day${result.unchanged === 1 ? ' was' : 's were'} already known and left as they are.`
              : undefined,
          tone: 'success',
        },
        6000,
      )
      onClose()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <Modal isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal">
      <Dialog className="dialog import-dialog">
        <Heading slot="title">Import analytics for @{handle}</Heading>
        <p className="muted dialog__intro">
          Choose the Overview download from TikTok Studio (CSV or Excel). Per-day numbers fill in
          days Reeldesk does not have yet; days it already has keep their numbers.
        </p>
        <label className="field">
          <span>File</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
        {plan ? (
          <>
            <p className="import-dialog__summary" role="status">
              {fileName}: {plan.days.length} day{plan.days.length === 1 ? '' : 's'} to import
              {plan.days.length ? ` (${plan.days[0]?.date} to ${plan.days.at(-1)?.date})` : ''}
              {plan.problems.length ? `, ${plan.problems.length} row(s) left out` : ''}.
            </p>
            <fieldset className="import-dialog__columns">
              <legend>Columns</legend>
              {plan.columns.map((c) => (
                <label key={c.index} className="import-dialog__column">
                  <span>{c.name || `Column ${c.index + 1}`}</span>
                  <select
                    value={c.field ?? ''}
                    onChange={(e) =>
                      setMapping((m) => ({
                        ...m,
                        [c.index]: (e.target.value || null) as ImportField | null,
                      }))
                    }
                  >
                    <option value="">Leave out</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {IMPORT_FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
            <label className="import-dialog__check">
              <input
                type="checkbox"
                checked={monthFirst}
                onChange={(e) => setMonthFirst(e.target.checked)}
              />
              Dates are written month first (03/07/2024 is March 7)
            </label>
            {plan.problems.length ? (
              <div className="import-dialog__problems">
                <p>These rows will be left out:</p>
                <ul>
                  {plan.problems.slice(0, 50).map((p) => (
                    <li key={p.row}>
                      Row {p.row}: {p.reason}
                    </li>
                  ))}
                </ul>
                {plan.problems.length > 50 ? (
                  <p className="muted">…and {plan.problems.length - 50} more.</p>
                ) : null}
              </div>
            ) : null}
          </>
        ) : null}
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <Button className="button" onPress={onClose}>
            Cancel
          </Button>
          <Button
            className="button button--primary"
            onPress={() => void submit()}
            isDisabled={busy || !plan || plan.days.length === 0}
          >
            {busy
              ? 'Importing…'
              : plan?.days.length
                ? `Import ${plan.days.length} day${plan.days.length === 1 ? '' : 's'}`
                : 'Import'}
          </Button>
        </div>
      </Dialog>
    </Modal>
  )
}
