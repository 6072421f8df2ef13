import { useState } from 'react'
import { Button, Dialog, Heading, Modal } from 'react-aria-components'
import {
  removeGroup,
  saveGroup,
  type AccountGroup,
  type GroupDraft,
} from '../../../shared/analytics/account-groups'
import { uuidv7 } from '../../../shared/data/ids'
import type { AccountDoc } from '../../../shared/data/registry'
import { CheckboxInput } from '../../ui/CheckboxInput'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'
import { useWorkspaceSettings } from '../workspace-settings/use-workspace-settings'
import './account-groups.css'

const ALL = 'all'

/**
 * Which accounts the roll-up sums: all of them or a named group (an agency's clients, a
 * region…). Groups are workspace settings, so every member sees the same ones; owners and
 * managers edit them here.
 */
export function AccountGroups(props: {
  accounts: readonly AccountDoc[]
  groupId: string | null
  onGroup(groupId: string | null): void
}) {
  const { settings, readOnlyReason } = useWorkspaceSettings()
  const groups = settings.analytics.groups
  const [editing, setEditing] = useState(false)
  const current = groups.find((g) => g.id === props.groupId)?.id ?? ALL
  return (
    <div className="account-groups">
      <SelectField
        label="Accounts"
        hideLabel
        value={current}
        options={[ALL, ...groups.map((g) => g.id)]}
        labelOf={(id) =>
          id === ALL ? 'All accounts' : (groups.find((g) => g.id === id)?.name ?? '')
        }
        onChange={(id) => props.onGroup(id === ALL ? null : id)}
      />
      <Button
        className="button button--small button--quiet"
        onPress={() => setEditing(true)}
        isDisabled={readOnlyReason !== null}
      >
        Groups…
      </Button>
      {editing ? (
        <GroupsDialog
          accounts={props.accounts}
          groups={groups}
          onClose={() => setEditing(false)}
          onSaved={(id) => props.onGroup(id)}
        />
      ) : null}
    </div>
  )
}

function GroupsDialog(props: {
  accounts: readonly AccountDoc[]
  groups: readonly AccountGroup[]
  onClose(): void
  onSaved(groupId: string | null): void
}) {
  const { update } = useWorkspaceSettings()
  const blank = (): GroupDraft => ({ id: uuidv7(), name: '', accountIds: [] })
  const [draft, setDraft] = useState<GroupDraft>(props.groups[0] ?? blank())
  const [error, setError] = useState<string | null>(null)
  const isNew = !props.groups.some((g) => g.id === draft.id)
  const workspaceIds = new Set(props.accounts.map((a) => a.id))

  const save = async () => {
    let problem: string | null = null
    try {
      await update((s) => {
        const result = saveGroup(s.analytics, draft, workspaceIds)
        if (!result.ok) {
          problem = result.error
          return s
        }
        return { ...s, analytics: result.settings }
      })
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e)
    }
    setError(problem)
    if (problem === null) props.onSaved(draft.id)
  }

  const remove = async () => {
    await update((s) => ({ ...s, analytics: removeGroup(s.analytics, draft.id) }))
    props.onSaved(null)
    setDraft(props.groups.find((g) => g.id !== draft.id) ?? blank())
  }

  const toggle = (accountId: string, on: boolean) =>
    setDraft((d) => ({
      ...d,
      accountIds: on ? [...d.accountIds, accountId] : d.accountIds.filter((x) => x !== accountId),
    }))

  return (
    <Modal isOpen onOpenChange={(open) => !open && props.onClose()} isDismissable className="modal">
      <Dialog className="dialog account-groups__dialog">
        <Heading slot="title">Account groups</Heading>
        <p className="muted">
          A group sums just its accounts in the roll-up and in its reports — one per client, brand
          or region.
        </p>
        <div className="account-groups__tabs" role="list" aria-label="Groups">
          {props.groups.map((g) => (
            <button
              key={g.id}
              type="button"
              role="listitem"
              className="chip"
              aria-current={g.id === draft.id ? 'true' : undefined}
              onClick={() => {
                setDraft(g)
                setError(null)
              }}
            >
              {g.name} ({g.accountIds.length})
            </button>
          ))}
          <button
            type="button"
            className="chip"
            aria-current={isNew ? 'true' : undefined}
            onClick={() => {
              setDraft(blank())
              setError(null)
            }}
          >
            + New group
          </button>
        </div>
        <Field
          label="Group name"
          value={draft.name}
          maxLength={80}
          onChange={(name) => setDraft((d) => ({ ...d, name }))}
        />
        <fieldset className="account-groups__accounts">
          <legend>Accounts in this group</legend>
          {props.accounts.map((a) => (
            <CheckboxInput
              key={a.id}
              label={`@${a.handle}`}
              isSelected={draft.accountIds.includes(a.id)}
              onChange={(on) => toggle(a.id, on)}
            />
          ))}
        </fieldset>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          {!isNew ? (
            <Button className="button button--quiet" onPress={() => void remove()}>
              Delete group
            </Button>
          ) : null}
          <Button className="button" onPress={props.onClose}>
            Close
          </Button>
          <Button className="button button--primary" onPress={() => void save()}>
            {isNew ? 'Create group' : 'Save group'}
          </Button>
        </div>
      </Dialog>
    </Modal>
  )
}
