import { useState } from 'react'
import { Button, Form } from 'react-aria-components'
import { can, type MemberLike } from '../../../shared/auth/permissions'
import type { WorkspaceDoc } from '../../../shared/data/registry'
import { useSession } from '../../session/session-context'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'

function sentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const s = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/.test(s) ? s : `${s}.`
}

/**
 * The workspace's own lifecycle: hand it to another member (owner), leave it, delete it for
 * everyone (owner, agency workspaces only, confirmed by typing its name). Each is audited; after
 * a deletion every member's devices purge their copy on their next contact with the server.
 */
export function WorkspaceSettingsPanel({
  workspace,
  member,
}: {
  workspace: WorkspaceDoc | null
  member: MemberLike | null
}) {
  const api = useSession((s) => s.api)
  const userId = useSession((s) => s.user?.id)
  const summary = useSession((s) => s.workspaces.find((w) => w.id === s.workspaceId))
  const refreshWorkspaces = useSession((s) => s.refreshWorkspaces)
  const forgetWorkspace = useSession((s) => s.forgetWorkspace)
  const [heir, setHeir] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const [confirmLeave, setConfirmLeave] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  if (!summary || !member) return null
  const workspaceId = summary.id
  const name = workspace?.name ?? summary.name
  const others = (workspace?.members ?? []).filter((m) => m.userId !== userId)
  const personal = summary.kind === 'personal'
  const run = async (action: () => Promise<void>, done?: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await action()
      if (done) setMessage({ text: done, error: false })
    } catch (e) {
      setMessage({ text: sentence(e), error: true })
    } finally {
      setBusy(false)
    }
  }
  const nameOf = (id: string) => others.find((m) => m.userId === id)?.displayName ?? id

  return (
    <section aria-labelledby="workspace-settings" className="panel">
      <div className="panel__header">
        <h2 id="workspace-settings">Workspace settings</h2>
      </div>
      {can(member, 'transferOwnership') && others.length > 0 ? (
        <div className="settings-row">
          <div>
            <h3>Hand over ownership</h3>
            <p className="muted">
              The member you pick becomes an owner of “{name}”; you become a manager.
            </p>
          </div>
          <div className="settings-row__controls">
            <SelectField
              className="field field--inline"
              label="New owner"
              value={heir}
              options={others.map((m) => m.userId)}
              labelOf={nameOf}
              textOf={nameOf}
              onChange={setHeir}
            />
            <Button
              className="button"
              isDisabled={!heir || busy}
              onPress={() =>
                heir &&
                void run(
                  async () => {
                    await api.transferOwnership({ workspaceId, userId: heir })
                    await refreshWorkspaces()
                  },
                  `${nameOf(heir)} now owns “${name}”.`,
                )
              }
            >
              Hand over
            </Button>
          </div>
        </div>
      ) : null}
      {personal ? null : (
        <div className="settings-row">
          <div>
            <h3>Leave this workspace</h3>
            <p className="muted">
              Its data is removed from your devices. To come back you need a new invite.
            </p>
          </div>
          <div className="settings-row__controls">
            {confirmLeave ? (
              <>
                <Button
                  className="button button--danger"
                  isDisabled={busy}
                  onPress={() =>
                    void run(async () => {
                      await api.leaveWorkspace(workspaceId)
                      await forgetWorkspace(workspaceId, `You left “${name}”.`)
                    })
                  }
                >
                  Leave “{name}”
                </Button>
                <Button className="button" onPress={() => setConfirmLeave(false)}>
                  Cancel
                </Button>
              </>
            ) : (
              <Button className="button" onPress={() => setConfirmLeave(true)}>
                Leave…
              </Button>
            )}
          </div>
        </div>
      )}
      {can(member, 'deleteWorkspace') && !personal ? (
        <Form
          className="settings-row settings-row--danger"
          onSubmit={(event) => {
            event.preventDefault()
            void run(async () => {
              await api.deleteWorkspace({ workspaceId, confirmName: typed })
              await forgetWorkspace(workspaceId, `“${name}” was deleted for everyone.`)
            })
          }}
        >
          <div>
            <h3>Delete this workspace</h3>
            <p className="muted">
              Deletes its accounts, projects, posts and every other record for all{' '}
              {others.length + 1} {others.length === 0 ? 'member' : 'members'}. This cannot be
              undone.
            </p>
          </div>
          <div className="settings-row__controls">
            <Field
              label={`Type “${name}” to confirm`}
              name="confirm"
              value={typed}
              onChange={setTyped}
              autoComplete="off"
            />
            <Button
              type="submit"
              className="button button--danger"
              isDisabled={typed.trim() !== name.trim() || busy}
            >
              Delete workspace
            </Button>
          </div>
        </Form>
      ) : null}
      {personal ? (
        <p className="muted">
          This is your personal workspace: it cannot be left or deleted. Create an agency workspace
          below to share accounts with a team.
        </p>
      ) : null}
      {message ? (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'form-error' : 'muted'}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  )
}
