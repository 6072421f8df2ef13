import { Pencil, Plus, Trash2 } from 'lucide-react'
import { useMemo, useState } from 'react'
import { Button } from 'react-aria-components'
import { useLiveRxQuery, useRxCollection } from 'rxdb/plugins/react'
import { can, type MemberLike } from '../../../shared/auth/permissions'
import type { AccountDoc } from '../../../shared/data/registry'
import { RefusalNotice } from '../../sync/RefusedChanges'
import { EmptyState } from '../../ui/EmptyState'
import { AccountDialog } from './AccountDialog'
import { Users } from 'lucide-react'

/** Strips RxDB's tombstone flag: the local collection's schema does not list `_deleted`. */
function forInsert(doc: AccountDoc): Omit<AccountDoc, '_deleted'> {
  const { _deleted, ...rest } = doc
  return rest
}

export function CreatorAccounts({
  workspaceId,
  member,
}: {
  workspaceId: string
  member: MemberLike | null
}) {
  const collection = useRxCollection<AccountDoc>('accounts')
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results, loading } = useLiveRxQuery<AccountDoc>({ collection: 'accounts', query })
  const [editing, setEditing] = useState<AccountDoc | 'new' | null>(null)
  const accounts = results
    .map((d) => d.toJSON() as AccountDoc)
    .sort((a, b) => a.handle.localeCompare(b.handle))
  const mayManage = member ? can(member, 'manageAccounts') : false
  const save = async (doc: AccountDoc) => {
    if (!collection) throw new Error('the workspace database is not open')
    await collection.upsert(forInsert(doc))
  }

  return (
    <section aria-labelledby="creator-accounts" className="panel">
      <div className="panel__header">
        <h2 id="creator-accounts">Creator accounts</h2>
        {mayManage ? (
          <Button className="button button--primary" onPress={() => setEditing('new')}>
            <Plus aria-hidden="true" size={16} /> Add account
          </Button>
        ) : null}
      </div>
      {loading ? null : accounts.length === 0 ? (
        <EmptyState icon={Users} title="No creator accounts yet">
          {mayManage
            ? 'Add the accounts this workspace manages; they sync to every member who may see them.'
            : 'Accounts you are given access to appear here.'}
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Handle</th>
              <th scope="col">Name</th>
              <th scope="col">Platform</th>
              <th scope="col">Region</th>
              <th scope="col">Followers</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  @{a.handle}
                  <RefusalNotice collection="accounts" id={a.id} />
                </td>
                <td>{a.displayName}</td>
                <td>{a.platform}</td>
                <td>{a.region}</td>
                <td>{a.followerCount === null ? '—' : a.followerCount.toLocaleString()}</td>
                <td className="table__actions">
                  {mayManage ? (
                    <>
                      <Button
                        className="icon-button"
                        aria-label={`Edit @${a.handle}`}
                        onPress={() => setEditing(a)}
                      >
                        <Pencil aria-hidden="true" size={14} />
                      </Button>
                      <Button
                        className="icon-button"
                        aria-label={`Remove @${a.handle}`}
                        onPress={() =>
                          void collection
                            ?.findOne(a.id)
                            .exec()
                            .then((d) => d?.remove())
                        }
                      >
                        <Trash2 aria-hidden="true" size={14} />
                      </Button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <AccountDialog
          workspaceId={workspaceId}
          existing={editing === 'new' ? null : editing}
          isOpen
          onClose={() => setEditing(null)}
          onSave={save}
        />
      ) : null}
    </section>
  )
}
