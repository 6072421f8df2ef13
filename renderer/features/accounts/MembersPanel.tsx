import { useMemo, useState, type FormEvent } from 'react'
import { Button, Form } from 'react-aria-components'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import { can, canManageMember, type MemberLike } from '../../../shared/auth/permissions'
import { ROLES, type Role } from '../../../shared/auth/roles'
import type { AccountDoc, WorkspaceDoc } from '../../../shared/data/registry'
import { AccountPicker } from './AccountPicker'
import { useSession } from '../../session/session-context'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'

const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  editor: 'Editor',
  analyst: 'Analyst (read-only)',
  creator: 'Creator (own accounts)',
}

function RoleSelect({
  label,
  value,
  onChange,
  roles = ROLES,
}: {
  label: string
  value: Role
  onChange(role: Role): void
  roles?: readonly Role[]
}) {
  return (
    <SelectField
      className="field field--inline"
      label={label}
      hideLabel
      value={value}
      options={roles}
      labelOf={(r) => ROLE_LABELS[r]}
      onChange={onChange}
    />
  )
}

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : String(error)
}

/** Members with their roles (changed on the server, which writes the workspace document), and invites. */
export function MembersPanel({
  workspace,
  member,
}: {
  workspace: WorkspaceDoc | null
  member: MemberLike | null
}) {
  const api = useSession((s) => s.api)
  const userId = useSession((s) => s.user?.id)
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const refreshWorkspaces = useSession((s) => s.refreshWorkspaces)
  const selectWorkspace = useSession((s) => s.selectWorkspace)
  const [inviteRole, setInviteRole] = useState<Role>('editor')
  const [inviteAccounts, setInviteAccounts] = useState<string[]>([])
  const accountQuery = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results: accountDocs } = useLiveRxQuery<AccountDoc>({
    collection: 'accounts',
    query: accountQuery,
  })
  const accounts = useMemo(
    () =>
      accountDocs
        .map((d) => d.toJSON() as AccountDoc)
        .sort((a, b) => a.handle.localeCompare(b.handle)),
    [accountDocs],
  )
  /**
   * Gives a creator-role member these accounts. The server sends the member's devices what the
   * change makes readable (and purges what it takes away) on its own: replication's access fill.
   */
  const assign = (userId: string, accountIds: string[]) =>
    api.changeRole({ workspaceId, userId, role: 'creator', accountIds })
  const [invite, setInvite] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const run = async (action: () => Promise<unknown>) => {
    setMessage(null)
    try {
      await action()
    } catch (e) {
      setMessage(messageOf(e))
    }
  }

  const join = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim()
    void run(async () => {
      const joined = await api.acceptInvite(code)
      await refreshWorkspaces()
      selectWorkspace(joined.workspaceId)
    })
  }

  const mayInvite = member ? can(member, 'invite') : false
  const members = workspace?.members ?? []
  return (
    <section aria-labelledby="members" className="panel">
      <div className="panel__header">
        <h2 id="members">Members</h2>
      </div>
      {members.length === 0 ? (
        <p className="muted">Members appear once the workspace has synced.</p>
      ) : (
        <ul className="member-list">
          {members.map((m) => (
            <li key={m.userId}>
              <span>
                {m.displayName}
                {m.userId === userId ? <span className="muted"> (you)</span> : null}
              </span>
              {member && m.userId !== userId && canManageMember(member, m.role, m.role) ? (
                <span className="member-list__controls">
                  <RoleSelect
                    label={`Role of ${m.displayName}`}
                    value={m.role}
                    roles={member.role === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner')}
                    onChange={(role) =>
                      void run(() =>
                        api.changeRole({
                          workspaceId,
                          userId: m.userId,
                          role,
                          // Only creators are scoped to accounts; other roles see them all.
                          accountIds: role === 'creator' ? m.accountIds : [],
                        }),
                      )
                    }
                  />
                  {m.role === 'creator' ? (
                    <AccountPicker
                      label={`Accounts of ${m.displayName}`}
                      accounts={accounts}
                      value={m.accountIds}
                      onSave={(ids) => void run(() => assign(m.userId, ids))}
                    />
                  ) : null}
                  <Button
                    className="button"
                    aria-label={`Remove ${m.displayName}`}
                    onPress={() =>
                      void run(() => api.removeMember({ workspaceId, userId: m.userId }))
                    }
                  >
                    Remove
                  </Button>
                </span>
              ) : (
                <span className="muted">{ROLE_LABELS[m.role]}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayInvite ? (
        <div className="invite-row">
          <RoleSelect label="Role for the invite" value={inviteRole} onChange={setInviteRole} />
          {inviteRole === 'creator' ? (
            <AccountPicker
              label="Accounts for the invite"
              accounts={accounts}
              value={inviteAccounts}
              saveLabel="Choose"
              onSave={setInviteAccounts}
            />
          ) : null}
          <Button
            className="button"
            onPress={() =>
              void run(async () => {
                const created = await api.createInvite({
                  workspaceId,
                  role: inviteRole,
                  accountIds: inviteRole === 'creator' ? inviteAccounts : [],
                })
                setInvite(created.code)
              })
            }
          >
            Create invite code
          </Button>
          {invite ? (
            <output aria-label="Invite code" className="invite-code">
              {invite}
            </output>
          ) : null}
        </div>
      ) : null}
      <Form onSubmit={join} className="invite-row">
        <Field label="Join a workspace with a code" name="code" isRequired />
        <Button type="submit" className="button">
          Join
        </Button>
      </Form>
      {message ? (
        <p role="alert" className="form-error">
          {message}
        </p>
      ) : null}
    </section>
  )
}
