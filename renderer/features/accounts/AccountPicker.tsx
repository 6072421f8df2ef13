import { Check, ChevronsUpDown } from 'lucide-react'
import { useState } from 'react'
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Dialog,
  DialogTrigger,
  Heading,
  Input,
  Label,
  Popover,
  SearchField,
} from 'react-aria-components'
import type { AccountDoc } from '../../../shared/data/registry'

/**
 * Which creator accounts a creator-role member works on: a searchable checklist in a popover,
 * for the invite and for each creator's row. `onSave` gets the chosen ids when the list is
 * confirmed (an empty list is allowed: a creator with no accounts sees none).
 */
export function AccountPicker({
  label,
  accounts,
  value,
  onSave,
  saveLabel = 'Save',
}: {
  label: string
  accounts: readonly AccountDoc[]
  value: readonly string[]
  onSave(accountIds: string[]): void
  saveLabel?: string
}) {
  const [open, setOpen] = useState(false)
  const [chosen, setChosen] = useState<string[]>([...value])
  const [search, setSearch] = useState('')
  const handles = value
    .map((id) => accounts.find((a) => a.id === id)?.handle)
    .filter((h): h is string => h !== undefined)
  const summary =
    handles.length === 0
      ? 'No accounts'
      : handles.length <= 2
        ? handles.map((h) => `@${h}`).join(', ')
        : `@${handles[0]} and ${handles.length - 1} more`
  const words = search.trim().toLocaleLowerCase()
  const shown = accounts.filter(
    (a) => !words || `${a.handle} ${a.displayName}`.toLocaleLowerCase().includes(words),
  )
  return (
    <DialogTrigger
      isOpen={open}
      onOpenChange={(next) => {
        if (next) setChosen([...value])
        setOpen(next)
      }}
    >
      <Button className="select-button account-picker__button" aria-label={`${label}: ${summary}`}>
        <span>{summary}</span>
        <ChevronsUpDown aria-hidden="true" size={14} />
      </Button>
      <Popover className="popover account-picker" placement="bottom start">
        <Dialog aria-labelledby="account-picker-title" className="account-picker__dialog">
          <Heading id="account-picker-title" slot="title" className="account-picker__title">
            {label}
          </Heading>
          {accounts.length > 8 ? (
            <SearchField
              aria-label="Search accounts"
              value={search}
              onChange={setSearch}
              className="search-field"
            >
              <Input placeholder="Search accounts" />
            </SearchField>
          ) : null}
          {accounts.length === 0 ? (
            <p className="muted">Add creator accounts first (above).</p>
          ) : (
            <CheckboxGroup value={chosen} onChange={setChosen} className="account-picker__list">
              <Label className="visually-hidden">{label}</Label>
              {shown.map((a) => (
                <Checkbox key={a.id} value={a.id} className="checkbox">
                  {({ isSelected }) => (
                    <>
                      <span className="checkbox__box" aria-hidden="true">
                        {isSelected ? <Check size={12} /> : null}
                      </span>
                      @{a.handle} <span className="muted">{a.displayName}</span>
                    </>
                  )}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
          <div className="dialog__actions">
            <Button className="button" onPress={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              className="button button--primary"
              onPress={() => {
                onSave(chosen)
                setOpen(false)
              }}
            >
              {saveLabel}
            </Button>
          </div>
        </Dialog>
      </Popover>
    </DialogTrigger>
  )
}
