import { Clapperboard, Plus } from 'lucide-react'
import { useMemo, useState, type FormEvent } from 'react'
import { Button, Form } from 'react-aria-components'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import type { AccountDoc, ProjectDoc } from '../../../shared/data/registry'
import { useSession } from '../../session/session-context'
import { EmptyState } from '../../ui/EmptyState'
import { Field } from '../../ui/Field'
import { SelectField } from '../../ui/SelectField'
import { newProjectDoc } from './project/new-project'

/** Projects of the workspace, newest first, and a form to start one for a creator account. */
export function ProjectList({ onOpen }: { onOpen(projectId: string): void }) {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const projects = useRxCollection<ProjectDoc>('projects')
  const projectQuery = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const accountQuery = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results: projectDocs } = useLiveRxQuery<ProjectDoc>({
    collection: 'projects',
    query: projectQuery,
  })
  const { results: accountDocs } = useLiveRxQuery<AccountDoc>({
    collection: 'accounts',
    query: accountQuery,
  })
  const [accountId, setAccountId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const list = projectDocs
    .map((d) => d.toJSON() as ProjectDoc)
    .sort((a, b) => b.updatedAt - a.updatedAt)
  const accounts = accountDocs.map((d) => d.toJSON() as AccountDoc)
  const chosenAccount = accountId ?? accounts[0]?.id ?? null

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!projects || !chosenAccount) return
    const title = String(new FormData(event.currentTarget).get('title') ?? '')
    try {
      const doc = newProjectDoc({ workspaceId, accountId: chosenAccount, title, now: Date.now() })
      await projects.insert(doc)
      onOpen(doc.id)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  if (accounts.length === 0) {
    return (
      <EmptyState icon={Clapperboard} title="No creator accounts yet">
        Projects belong to a creator account. Add one on the Accounts page, then start a project
        here.
      </EmptyState>
    )
  }

  return (
    <div className="page-stack">
      <section aria-labelledby="new-project" className="panel">
        <h2 id="new-project">New project</h2>
        <Form onSubmit={create} className="invite-row">
          <Field label="Title" name="title" maxLength={200} placeholder="Untitled project" />
          <SelectField
            label="Creator account"
            value={chosenAccount}
            options={accounts.map((a) => a.id)}
            labelOf={(id) => `@${accounts.find((a) => a.id === id)?.handle ?? ''}`}
            onChange={setAccountId}
          />
          <Button type="submit" className="button button--primary">
            <Plus aria-hidden="true" size={16} /> Create project
          </Button>
        </Form>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="projects" className="panel">
        <h2 id="projects">Projects</h2>
        {list.length === 0 ? (
          <p className="muted">Projects you start appear here.</p>
        ) : (
          <ul className="member-list" aria-label="Projects">
            {list.map((p) => (
              <li key={p.id}>
                <span>
                  {p.title}
                  <span className="muted">
                    {' '}
                    · @{accounts.find((a) => a.id === p.accountId)?.handle ?? 'account'}
                  </span>
                </span>
                <Button
                  className="button"
                  onPress={() => onOpen(p.id)}
                  aria-label={`Open ${p.title}`}
                >
                  Open
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
