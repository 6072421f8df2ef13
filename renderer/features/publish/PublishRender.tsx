import { Send } from 'lucide-react'
import { useState } from 'react'
import { Button } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { can } from '../../../shared/auth/permissions'
import type { MediaDoc, PostDoc, ProjectDoc } from '../../../shared/data/registry'
import { useCurrentAccountStore } from '../../app/current-account-store'
import { useNavigation } from '../../app/navigation-store'
import { useTransfers } from '../../app/WorkspaceTransfers'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import { postFromRender } from './post-from-render'
import { usePublishIntent } from './publish-intent'

/**
 * "Publish…" beside a finished export: makes a draft post of the render for the project's
 * account and opens it in the composer, while the render uploads.
 */
export function PublishRender(props: {
  mp4: Blob
  fileName: string
  coverMs: number | null
  project: ProjectDoc
}) {
  const media = useRxCollection<MediaDoc>('media')
  const posts = useRxCollection<PostDoc>('posts')
  const { queue } = useTransfers()
  const { member } = useWorkspaceMember()
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'working' } | { kind: 'refused'; problems: string[] }
  >({ kind: 'idle' })
  const allowed =
    member !== null && can(member, 'write', 'posts', { accountId: props.project.accountId })

  const publish = async () => {
    if (!media || !posts) return
    setState({ kind: 'working' })
    try {
      const made = await postFromRender(
        { mp4: props.mp4, fileName: props.fileName, coverMs: props.coverMs },
        props.project,
        { media, posts, queue },
      )
      if (!made.ok) return setState({ kind: 'refused', problems: made.problems })
      useCurrentAccountStore.getState().select(props.project.workspaceId, props.project.accountId)
      usePublishIntent.getState().open(made.post.id)
      useNavigation.getState().go('publish')
    } catch (error) {
      setState({
        kind: 'refused',
        problems: [error instanceof Error ? error.message : String(error)],
      })
    }
  }

  return (
    <div className="publish-render">
      <Button
        className="button button--primary"
        isDisabled={!allowed || state.kind === 'working'}
        onPress={() => void publish()}
      >
        <Send aria-hidden="true" size={16} />{' '}
        {state.kind === 'working' ? 'Preparing the post…' : 'Publish…'}
      </Button>
      {!allowed ? <p className="muted">Your role cannot write posts for this account.</p> : null}
      {state.kind === 'refused' ? (
        <div role="alert" className="form-error">
          This render can’t be posted:
          <ul>
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
