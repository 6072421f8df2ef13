import { Check, ChevronsUpDown, Users } from 'lucide-react'
import { useState } from 'react'
import {
  Autocomplete,
  Button,
  Dialog,
  DialogTrigger,
  Input,
  Menu,
  MenuItem,
  Popover,
  SearchField,
  Text,
  useFilter,
} from 'react-aria-components'
import type { AccountDoc } from '../../shared/data/registry'
import { initialsOf } from './current-account'
import { useCurrentAccount } from './current-account-store'
import { useWorkspaceMember } from './use-workspace-member'

const ALL = '__all__'

function Badge({ account }: { account: AccountDoc | null }) {
  return (
    <span className="account-badge" aria-hidden="true">
      {account ? initialsOf(account) : <Users size={14} />}
    </span>
  )
}

/**
 * The creator account the studio works on, in the header: searchable, because an agency runs
 * dozens. Creator-role members see only the accounts assigned to them.
 */
export function AccountSwitcher() {
  const { accountId, account, accounts, select } = useCurrentAccount()
  const { member } = useWorkspaceMember()
  const { contains } = useFilter({ sensitivity: 'base' })
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState('')
  const allLabel = member?.role === 'creator' ? 'All my accounts' : 'All accounts'
  if (accounts.length === 0) {
    return (
      <span className="account-switcher account-switcher--empty muted">
        {member?.role === 'creator' ? 'No accounts assigned to you yet' : 'No creator accounts yet'}
      </span>
    )
  }
  const current = account ? `@${account.handle}` : allLabel
  return (
    <DialogTrigger
      isOpen={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setSearch('')
      }}
    >
      <Button className="account-switcher" aria-label={`Creator account: ${current}`}>
        <Badge account={account} />
        <span className="account-switcher__name">{current}</span>
        <ChevronsUpDown aria-hidden="true" size={14} />
      </Button>
      <Popover className="popover account-switcher__popover" placement="bottom start">
        <Dialog aria-label="Switch creator account" className="account-switcher__dialog">
          {/* Escape clears the search first; with nothing typed it closes the list. (The
              autocomplete hands Escape to the menu, which would swallow it.) */}
          <div
            className="account-switcher__body"
            onKeyDownCapture={(e) => {
              if (e.key === 'Escape' && search === '') {
                e.preventDefault()
                e.stopPropagation()
                setOpen(false)
              }
            }}
          >
            <Autocomplete filter={contains} inputValue={search} onInputChange={setSearch}>
              <SearchField aria-label="Search accounts" className="search-field" autoFocus>
                <Input placeholder={`Search ${accounts.length} accounts…`} />
              </SearchField>
              <Menu
                aria-label="Creator accounts"
                className="listbox account-switcher__list"
                selectionMode="single"
                selectedKeys={[accountId ?? ALL]}
                onAction={(key) => {
                  select(key === ALL ? null : String(key))
                  setOpen(false)
                  setSearch('')
                }}
                renderEmptyState={() => <p className="muted listbox__empty">No account matches.</p>}
              >
                {accounts.length > 1 ? (
                  <MenuItem id={ALL} textValue={allLabel} className="listbox__item">
                    {({ isSelected }) => (
                      <>
                        <Badge account={null} />
                        <Text slot="label">{allLabel}</Text>
                        {isSelected ? <Check aria-hidden="true" size={14} /> : null}
                      </>
                    )}
                  </MenuItem>
                ) : null}
                {accounts.map((a) => (
                  <MenuItem
                    key={a.id}
                    id={a.id}
                    textValue={`@${a.handle} ${a.displayName}`}
                    className="listbox__item"
                  >
                    {({ isSelected }) => (
                      <>
                        <Badge account={a} />
                        <Text slot="label">@{a.handle}</Text>
                        <Text slot="description" className="muted">
                          {a.displayName}
                        </Text>
                        {isSelected ? <Check aria-hidden="true" size={14} /> : null}
                      </>
                    )}
                  </MenuItem>
                ))}
              </Menu>
            </Autocomplete>
          </div>
        </Dialog>
      </Popover>
    </DialogTrigger>
  )
}
