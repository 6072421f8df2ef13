import { useState, type FormEvent } from 'react'
import { Button, Form } from 'react-aria-components'
import { useSession } from '../../session/session-context'
import { Field } from '../../ui/Field'

/** Creates an agency workspace (the caller becomes its owner) and switches to it. */
export function NewWorkspaceForm() {
  const api = useSession((s) => s.api)
  const refreshWorkspaces = useSession((s) => s.refreshWorkspaces)
  const selectWorkspace = useSession((s) => s.selectWorkspace)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const name = String(new FormData(form).get('workspaceName') ?? '').trim()
    setBusy(true)
    setError(null)
    try {
      const { workspaceId } = await api.createWorkspace(name)
      await refreshWorkspaces()
      selectWorkspace(workspaceId)
      form.reset()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="new-workspace" className="panel">
      <h2 id="new-workspace">New agency workspace</h2>
      <Form onSubmit={submit} className="invite-row">
        <Field label="Workspace name" name="workspaceName" isRequired maxLength={120} />
        <Button type="submit" className="button" isDisabled={busy}>
          Create workspace
        </Button>
      </Form>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </section>
  )
}
