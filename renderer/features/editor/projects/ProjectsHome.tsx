import { formatDistanceToNowStrict } from 'date-fns'
import {
  Clapperboard,
  Copy,
  Film,
  MoreHorizontal,
  Pencil,
  Plus,
  RotateCcw,
  Trash2,
} from 'lucide-react'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import {
  Button,
  Dialog,
  Form,
  Heading,
  Input,
  Menu,
  MenuItem,
  MenuTrigger,
  Modal,
  Popover,
  SearchField,
  ToggleButton,
} from 'react-aria-components'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { whyReadOnly } from '../../../../shared/auth/explain'
import { can } from '../../../../shared/auth/permissions'
import type { AccountDoc, ProjectDoc } from '../../../../shared/data/registry'
import { createLogger } from '../../../../shared/logger'
import { validateTimeline } from '../../../../shared/timeline/model'
import { timelineDurationMs } from '../../../../shared/timeline/time'
import { useCurrentAccount } from '../../../app/current-account-store'
import { showToast } from '../../../app/toasts'
import { useWorkspaceMember } from '../../../app/use-workspace-member'
import { useSession } from '../../../session/session-context'
import { EmptyState } from '../../../ui/EmptyState'
import { Field } from '../../../ui/Field'
import { SelectField } from '../../../ui/SelectField'
import { useLocalMedia } from '../media/local-media-store'
import { formatDuration } from '../media/limits'
import { newProjectDoc } from '../project/new-project'
import { projectActions } from './project-actions'
import { daysLeftInTrash, SORT_LABELS, visibleProjects, type ProjectSort } from './project-list'
import './projects.css'

const log = createLogger('projects')
const SORTS = ['edited', 'title', 'created'] as const

/** What a card shows of a timeline: its length and the first picture's media. */
function summarize(doc: ProjectDoc): { durationMs: number | null; posterMediaId: string | null } {
  const checked = validateTimeline(doc.timeline)
  if (!checked.ok) return { durationMs: null, posterMediaId: null }
  const t = checked.timeline
  return {
    durationMs: timelineDurationMs(t),
    posterMediaId: t.clips[0]?.mediaId ?? t.overlays[0]?.mediaId ?? null,
  }
}

function RenameDialog({
  project,
  onClose,
  onRename,
}: {
  project: ProjectDoc
  onClose(): void
  onRename(title: string): Promise<void>
}) {
  const [title, setTitle] = useState(project.title)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void onRename(title).then(onClose)
  }
  return (
    <Modal
      isOpen
      isDismissable
      onOpenChange={(open) => (open ? null : onClose())}
      className="modal"
    >
      <Dialog className="dialog" aria-label={`Rename ${project.title}`}>
        <Heading slot="title">Rename project</Heading>
        <Form onSubmit={submit} className="dialog__form">
          <Field
            label="Project title"
            value={title}
            onChange={setTitle}
            maxLength={200}
            autoFocus
          />
          <div className="dialog__actions">
            <Button className="button" onPress={onClose}>
              Cancel
            </Button>
            <Button type="submit" className="button button--primary">
              Rename
            </Button>
          </div>
        </Form>
      </Dialog>
    </Modal>
  )
}

interface CardProps {
  project: ProjectDoc
  handle: string
  readOnly: boolean
  onOpen(id: string): void
  onRename(project: ProjectDoc): void
  onDuplicate(project: ProjectDoc): void
  onTrash(project: ProjectDoc): void
  onRestore(project: ProjectDoc): void
  onDeleteForever(project: ProjectDoc): void
}

function ProjectCard(props: CardProps) {
  const { project, handle, readOnly } = props
  const { durationMs, posterMediaId } = useMemo(() => summarize(project), [project])
  const poster = useLocalMedia((s) => (posterMediaId ? s.thumbUrls[posterMediaId] : undefined))
  const trashed = project.trashedAt !== null
  const edited = formatDistanceToNowStrict(project.updatedAt, { addSuffix: true })
  return (
    <li className="project-card" data-trashed={trashed || undefined}>
      <div className="project-card__poster">
        {poster ? <img src={poster} alt="" /> : <Film aria-hidden="true" size={28} />}
        {durationMs ? (
          <span className="project-card__duration">{formatDuration(durationMs)}</span>
        ) : null}
      </div>
      <div className="project-card__body">
        <h3 className="project-card__title">{project.title}</h3>
        <p className="project-card__meta muted">
          @{handle} ·{' '}
          {trashed
            ? `deleted for good in ${daysLeftInTrash(project, Date.now())} days`
            : `edited ${edited}`}
        </p>
      </div>
      <div className="project-card__actions">
        {trashed ? (
          <>
            <Button
              className="button"
              isDisabled={readOnly}
              onPress={() => props.onRestore(project)}
              aria-label={`Restore ${project.title}`}
            >
              <RotateCcw aria-hidden="true" size={14} /> Restore
            </Button>
            <Button
              className="icon-button"
              isDisabled={readOnly}
              onPress={() => props.onDeleteForever(project)}
              aria-label={`Delete ${project.title} now`}
            >
              <Trash2 aria-hidden="true" size={14} />
            </Button>
          </>
        ) : (
          <>
            <Button
              className="button"
              onPress={() => props.onOpen(project.id)}
              aria-label={`Open ${project.title}`}
            >
              Open
            </Button>
            <MenuTrigger>
              <Button
                className="icon-button"
                aria-label={`More actions for ${project.title}`}
                isDisabled={readOnly}
              >
                <MoreHorizontal aria-hidden="true" size={16} />
              </Button>
              <Popover className="popover">
                <Menu
                  className="listbox"
                  aria-label={`Actions for ${project.title}`}
                  onAction={(key) => {
                    if (key === 'rename') props.onRename(project)
                    if (key === 'duplicate') props.onDuplicate(project)
                    if (key === 'trash') props.onTrash(project)
                  }}
                >
                  <MenuItem id="rename" className="listbox__item">
                    <Pencil aria-hidden="true" size={14} /> Rename…
                  </MenuItem>
                  <MenuItem id="duplicate" className="listbox__item">
                    <Copy aria-hidden="true" size={14} /> Duplicate
                  </MenuItem>
                  <MenuItem id="trash" className="listbox__item">
                    <Trash2 aria-hidden="true" size={14} /> Move to trash
                  </MenuItem>
                </Menu>
              </Popover>
            </MenuTrigger>
          </>
        )}
      </div>
    </li>
  )
}

/**
 * The editor's home: the current account's projects as cards (poster, length, last edit),
 * searchable and sortable, with rename, duplicate and a 30-day trash; and a new project for the
 * current account. Read-only members see the list and why they cannot change it.
 */
export function ProjectsHome({ onOpen }: { onOpen(projectId: string): void }) {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { member } = useWorkspaceMember()
  const { accountId, account, accounts, loading: accountsLoading } = useCurrentAccount()
  const collection = useRxCollection<ProjectDoc>('projects')
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results } = useLiveRxQuery<ProjectDoc>({ collection: 'projects', query })
  const docs = useMemo(() => results.map((d) => d.toJSON() as ProjectDoc), [results])
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<ProjectSort>('edited')
  const [showTrash, setShowTrash] = useState(false)
  const [renaming, setRenaming] = useState<ProjectDoc | null>(null)
  const [newAccount, setNewAccount] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const actions = useMemo(() => (collection ? projectActions(collection) : null), [collection])
  const handleOf = (id: string) => accounts.find((a: AccountDoc) => a.id === id)?.handle
  const targetAccount = accountId ?? newAccount ?? accounts[0]?.id ?? null
  const readOnly = whyReadOnly(
    member,
    'projects',
    targetAccount ? { accountId: targetAccount } : undefined,
    account ? `@${account.handle}` : undefined,
  )
  const mayWriteProject = (p: ProjectDoc) => member !== null && can(member, 'write', 'projects', p)

  // Projects whose 30 days in the trash are over are deleted for good by whoever may.
  useEffect(() => {
    if (!actions || !member) return
    void actions
      .purgeExpired(docs.filter((d) => can(member, 'write', 'projects', d)))
      .catch((e: unknown) => log.warn('could not empty the trash', { error: String(e) }))
  }, [actions, docs, member])

  const list = visibleProjects(docs, {
    query: search,
    accountId,
    sort,
    trash: showTrash,
    accountHandle: handleOf,
  })
  const trashCount = visibleProjects(docs, { query: '', accountId, sort, trash: true }).length

  const run = async (what: string, action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(`${what}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!collection || !targetAccount) return
    const title = String(new FormData(event.currentTarget).get('title') ?? '')
    await run('The project could not be created', async () => {
      const doc = newProjectDoc({ workspaceId, accountId: targetAccount, title, now: Date.now() })
      await collection.insert(doc)
      onOpen(doc.id)
    })
  }

  if (!accountsLoading && accounts.length === 0) {
    return member?.role === 'creator' ? (
      <EmptyState icon={Clapperboard} title="No accounts assigned to you yet">
        Projects belong to a creator account. Ask an owner or manager of this workspace to assign
        your account to you; it appears here as soon as they do.
      </EmptyState>
    ) : (
      <EmptyState icon={Clapperboard} title="No creator accounts yet">
        Projects belong to a creator account. Add one on the Accounts page, then start a project
        here.
      </EmptyState>
    )
  }

  return (
    <div className="projects-home">
      <section aria-labelledby="new-project" className="panel projects-home__new">
        <h2 id="new-project">New project</h2>
        {readOnly ? (
          <p className="read-only-note" role="note">
            {readOnly}
          </p>
        ) : (
          <Form onSubmit={create} className="invite-row">
            <Field label="Title" name="title" maxLength={200} placeholder="Untitled project" />
            {accountId === null && accounts.length > 1 ? (
              <SelectField
                label="Creator account"
                value={targetAccount}
                options={accounts.map((a) => a.id)}
                labelOf={(id) => `@${handleOf(id) ?? ''}`}
                onChange={setNewAccount}
              />
            ) : (
              <p className="muted projects-home__for">for @{handleOf(targetAccount ?? '') ?? ''}</p>
            )}
            <Button type="submit" className="button button--primary">
              <Plus aria-hidden="true" size={16} /> Create project
            </Button>
          </Form>
        )}
      </section>
      <section aria-labelledby="projects" className="projects-home__list">
        <div className="projects-home__toolbar">
          <h2 id="projects">{showTrash ? 'Trash' : 'Projects'}</h2>
          <SearchField
            value={search}
            onChange={setSearch}
            aria-label="Search projects"
            className="search-field"
          >
            <Input placeholder="Search projects" />
          </SearchField>
          <SelectField<ProjectSort>
            className="field field--inline"
            label="Sort projects"
            hideLabel
            value={sort}
            options={SORTS}
            labelOf={(s) => SORT_LABELS[s]}
            onChange={setSort}
          />
          <ToggleButton className="button" isSelected={showTrash} onChange={setShowTrash}>
            <Trash2 aria-hidden="true" size={14} /> Trash{trashCount ? ` (${trashCount})` : ''}
          </ToggleButton>
        </div>
        {showTrash ? (
          <p className="muted">Projects in the trash are deleted for good after 30 days.</p>
        ) : null}
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        {list.length === 0 ? (
          <p className="muted projects-home__empty">
            {search
              ? 'No project matches your search.'
              : showTrash
                ? 'The trash is empty.'
                : account
                  ? `No projects for @${account.handle} yet: start one above.`
                  : 'Projects you start appear here.'}
          </p>
        ) : (
          <ul className="project-grid" aria-label={showTrash ? 'Trashed projects' : 'Projects'}>
            {list.map((p) => (
              <ProjectCard
                key={p.id}
                project={p}
                handle={handleOf(p.accountId) ?? 'account'}
                readOnly={!mayWriteProject(p)}
                onOpen={onOpen}
                onRename={setRenaming}
                onDuplicate={(doc) =>
                  void run('The project could not be duplicated', async () => {
                    const copy = await actions?.duplicate(
                      doc,
                      docs.map((d) => d.title),
                    )
                    if (copy) showToast({ title: `Duplicated as “${copy.title}”`, tone: 'success' })
                  })
                }
                onTrash={(doc) =>
                  void run('The project could not be moved to the trash', async () => {
                    await actions?.trash(doc.id)
                    showToast({
                      title: `“${doc.title}” moved to the trash`,
                      description: 'Restore it from the trash within 30 days.',
                    })
                  })
                }
                onRestore={(doc) =>
                  void run('The project could not be restored', async () => {
                    await actions?.restore(doc.id)
                    showToast({ title: `“${doc.title}” restored`, tone: 'success' })
                  })
                }
                onDeleteForever={(doc) =>
                  void run(
                    'The project could not be deleted',
                    () => actions?.deleteForever(doc.id) ?? Promise.resolve(),
                  )
                }
              />
            ))}
          </ul>
        )}
      </section>
      {renaming ? (
        <RenameDialog
          project={renaming}
          onClose={() => setRenaming(null)}
          onRename={(title) =>
            run(
              'The project could not be renamed',
              () => actions?.rename(renaming.id, title) ?? Promise.resolve(),
            )
          }
        />
      ) : null}
    </div>
  )
}
