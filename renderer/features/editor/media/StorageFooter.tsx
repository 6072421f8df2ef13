import { HardDrive } from 'lucide-react'
import { Button, Dialog, DialogTrigger, Heading, Meter, Popover } from 'react-aria-components'
import { useStore } from 'zustand'
import { formatBytes } from '../../../../shared/format-bytes'
import { useTransfers } from '../../../app/WorkspaceTransfers'
import { showToast } from '../../../app/toasts'
import { CheckboxInput } from '../../../ui/CheckboxInput'
import { isActive } from '../../../transfers/transfer-job'
import { useStorage } from './storage-store'

/**
 * The workspace's storage on the sync server (used of quota), what is moving right now, and the
 * setting that keeps originals on the devices that imported them.
 */
export function StorageFooter({ workspaceId }: { workspaceId: string }) {
  const { api, queue } = useTransfers()
  const usage = useStorage((s) => s.usage)
  const error = useStorage((s) => s.error)
  const moving = useStore(queue.store, (s) => s.jobs.filter(isActive).length)
  const used = usage ? usage.usedBytes + usage.reservedBytes : 0
  const summary = usage
    ? `${formatBytes(used)} of ${formatBytes(usage.quotaBytes)} used`
    : error
      ? 'Storage figures unavailable offline'
      : 'Reading storage…'
  return (
    <div className="storage-footer">
      <DialogTrigger>
        <Button className="storage-footer__button" aria-label={`Workspace storage: ${summary}`}>
          <HardDrive aria-hidden="true" size={14} />
          <span>{summary}</span>
          {moving ? <span className="storage-footer__moving">· {moving} transferring</span> : null}
        </Button>
        <Popover className="popover storage-popover" placement="top start">
          <Dialog aria-labelledby="storage-title" className="storage-popover__dialog">
            <Heading id="storage-title" slot="title">
              Workspace storage
            </Heading>
            {usage ? (
              <Meter
                aria-label="Storage used"
                value={used}
                maxValue={Math.max(1, usage.quotaBytes)}
                valueLabel={summary}
                className="progress-meter"
              >
                {({ percentage, valueText }) => (
                  <>
                    <span>
                      {valueText} · {usage.blobCount} files
                    </span>
                    <div className="progress-meter__bar">
                      <div style={{ width: `${percentage}%` }} />
                    </div>
                  </>
                )}
              </Meter>
            ) : (
              <p className="muted">{error ?? 'Reading…'}</p>
            )}
            <CheckboxInput
              label="Keep originals on the device that imported them"
              isSelected={usage?.keepOriginalsLocal ?? false}
              isDisabled={!usage?.mayChangeSettings}
              onChange={(keep) =>
                void useStorage
                  .getState()
                  .setKeepOriginalsLocal(api, workspaceId, keep)
                  .catch((e: unknown) =>
                    showToast({
                      title: 'The setting was not changed',
                      description: e instanceof Error ? e.message : String(e),
                      tone: 'error',
                    }),
                  )
              }
            />
            <p className="muted storage-popover__hint">
              {usage && !usage.mayChangeSettings
                ? 'Only an owner or manager can change where originals are kept.'
                : usage?.keepOriginalsLocal
                  ? 'Originals stay on this device: other devices see the media but must relink the files.'
                  : 'Originals upload in the background so projects open on your other devices.'}
            </p>
          </Dialog>
        </Popover>
      </DialogTrigger>
    </div>
  )
}
